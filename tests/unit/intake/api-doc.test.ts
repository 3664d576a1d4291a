/**
 * The public description of `POST /api/intake` (`src/features/intake/openapi.json`, served at
 * `/api/intake/openapi.json`) says what the handler does: every documented answer is produced here by a real request
 * to the handler, its body matches the documented schema (ajv, JSON Schema 2020-12) and carries the documented headers;
 * no answer the handler gives is left undocumented; the request's fields and lists are the schema's; the examples are
 * the real wordings.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleIntakeApiRequest, MAX_BODY_BYTES } from '#src/features/intake/api.server.ts';
import { withdraw } from '#src/features/intake/follow-up.server.ts';
import { FORM_TOKEN_FIELD, newFormToken } from '#src/features/intake/form-token.server.ts';
import { intakeMessage, intakeMessageKeys } from '#src/features/intake/messages.ts';
import openApi from '#src/features/intake/openapi.json' with { type: 'json' };
import { ANTI_ABUSE_FIELDS, intakeFormatSchema, PREFERRED_TIMES } from '#src/features/intake/schema.ts';
import type { IntakeServices } from '#src/features/intake/services.server.ts';
import { ageBands, helpWanted, operatorKinds, requesterKinds } from '#src/features/lists/index.ts';
import { withLimits } from '../intake-ui/helpers.ts';
import { createIntakeHarness, validRequest, type IntakeHarness } from './helpers.ts';

const BASE = 'https://portal.invalid/api/intake/openapi.json';
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ ...openApi, $id: BASE });

type Operation = (typeof openApi)['paths']['/api/intake']['post'];
const operation: Operation = openApi.paths['/api/intake'].post;
const responses = operation.responses as Record<string, { headers?: Record<string, unknown>; content: unknown }>;
const documented = Object.keys(responses).map(Number).sort();

const pointer = (status: number) =>
  `${BASE}#/paths/~1api~1intake/post/responses/${status}/content/application~1json/schema`;

function validate(status: number, body: unknown): string[] {
  const check = ajv.getSchema(pointer(status)) ?? ajv.compile({ $ref: pointer(status) });
  return check(body) ? [] : (check.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

let h: IntakeHarness;
beforeAll(async () => {
  h = await createIntakeHarness();
});
afterAll(() => h.cleanup());

async function post(
  body: BodyInit,
  options: { contentType?: string; services?: IntakeServices } = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await handleIntakeApiRequest(
    new Request('http://localhost/api/intake', {
      method: 'POST',
      headers: { 'content-type': options.contentType ?? 'application/json' },
      body,
    }),
    { clientKey: async () => h.clientKey, services: options.services ?? h.services },
  );
  return { status: response.status, headers: response.headers, body: await response.json() };
}
const send = async (fields: Record<string, unknown>, services?: IntakeServices) =>
  post(JSON.stringify({ ...fields, altcha: await h.proof() }), services === undefined ? {} : { services });

// One real request (or more) for every answer the handler gives.
const produce: Record<number, Array<[string, () => Promise<Awaited<ReturnType<typeof post>>>]>> = {
  201: [['a new request', () => send({ ...validRequest(), formToken: newFormToken() })]],
  200: [
    [
      'the same form token again within 15 minutes',
      async () => {
        const formToken = newFormToken();
        await send({ ...validRequest(), formToken });
        return send({ ...validRequest(), formToken });
      },
    ],
  ],
  400: [
    ['a body that is not JSON', () => post('{"who": ')],
    ['a body that is not UTF-8', () => post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))],
    [
      'a pointId that is not offered',
      () => send({ ...validRequest(), pointId: '00000000-0000-4000-8000-000000000000' }),
    ],
  ],
  403: [['no proof of work', () => post(JSON.stringify(validRequest()))]],
  409: [
    [
      'the same form token with an edited message',
      async () => {
        const formToken = newFormToken();
        await send({ ...validRequest(), formToken });
        return send({ ...validRequest({ message: 'Tôi muốn sửa lời nhắn' }), formToken });
      },
    ],
    [
      'the same form token after the request was withdrawn',
      async () => {
        const formToken = newFormToken();
        const first = await send({ ...validRequest(), formToken });
        await withdraw((first.body as { receiptCode: string }).receiptCode, { services: h.services });
        return send({ ...validRequest(), formToken });
      },
    ],
  ],
  413: [['a body over 16 KB', () => post(JSON.stringify({ message: 'x'.repeat(MAX_BODY_BYTES) }))]],
  415: [['text/plain', () => post(JSON.stringify(validRequest()), { contentType: 'text/plain' })]],
  422: [['missing fields', () => send({ message: 'Tôi cần tư vấn' })]],
  429: [
    [
      'past the address limit',
      async () => {
        const limited = withLimits(h, { intake: [{ points: 1, durationSeconds: 600 }] });
        try {
          const fields = { ...validRequest(), altcha: await limited.proof() };
          await post(JSON.stringify(fields), { services: limited.services });
          return await post(JSON.stringify({ ...validRequest(), altcha: await limited.proof() }), {
            services: limited.services,
          });
        } finally {
          await limited.close();
        }
      },
    ],
  ],
  503: [
    [
      'no suitable point',
      async () => {
        const directory = await h.services.directory();
        return send(validRequest(), { ...h.services, directory: async () => ({ ...directory, points: [] }) });
      },
    ],
    [
      'the database failing',
      () =>
        send(validRequest(), {
          ...h.services,
          database: () => Promise.reject(new Error('database down (a test)')),
        }),
    ],
  ],
};

describe('the OpenAPI description of POST /api/intake', () => {
  it('documents exactly the answers the handler gives', () => {
    expect(documented).toEqual(
      Object.keys(produce)
        .map(Number)
        .sort((a, b) => a - b),
    );
  });

  for (const [status, cases] of Object.entries(produce)) {
    for (const [about, request] of cases) {
      it(`${status}: ${about} — the status, body and headers documented`, async () => {
        const answer = await request();
        expect(answer.status).toBe(Number(status));
        expect(validate(answer.status, answer.body)).toEqual([]);
        expect(answer.headers.get('cache-control')).toBe('no-store');
        for (const header of Object.keys(responses[status]?.headers ?? {})) {
          if (header === 'Retry-After' && Number(status) === 503 && about.startsWith('no suitable')) continue;
          expect(answer.headers.get(header), header).not.toBeNull();
        }
      });
    }
  }

  it('gives examples that match their schemas, in the real Vietnamese wordings', () => {
    const wordings = new Set(intakeMessageKeys.map((key) => intakeMessage(key, 'vi')));
    let checked = 0;
    for (const [status, response] of Object.entries(responses)) {
      const media = (response.content as Record<string, { example?: unknown; examples?: Record<string, unknown> }>)[
        'application/json'
      ];
      const examples = [
        ...(media?.example === undefined ? [] : [media.example]),
        ...Object.values(media?.examples ?? {}).map((entry) => (entry as { value: unknown }).value),
      ];
      for (const example of examples) {
        checked++;
        expect(validate(Number(status), example), `${status} example`).toEqual([]);
        for (const error of (example as { errors?: { message: string }[] }).errors ?? [])
          expect(wordings, `${status}: ${error.message}`).toContain(error.message);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(documented.length - 2);
  });

  it('lists the request fields the handler reads, and only those, with the schema’s lists', () => {
    const request = openApi.components.schemas.IntakeRequest;
    const shape = Object.keys(intakeFormatSchema.in.shape);
    expect(Object.keys(request.properties).sort()).toEqual([...shape, ...ANTI_ABUSE_FIELDS, FORM_TOKEN_FIELD].sort());
    expect(request.properties.who.enum).toEqual([...requesterKinds.codes]);
    expect(request.properties.helpWanted.enum).toEqual([...helpWanted.codes]);
    expect(request.properties.ageBand.enum).toEqual([...ageBands.codes]);
    expect(request.properties.preferredTime.enum).toEqual([...PREFERRED_TIMES, null]);
    expect(openApi.components.schemas.RoutedPoint.properties.operatorKind.enum).toEqual([...operatorKinds.codes]);
    // The request example is a valid request for the documented schema.
    const example = operation.requestBody.content['application/json'].example;
    const check = ajv.compile({ $ref: `${BASE}#/components/schemas/IntakeRequest` });
    expect(check(example), JSON.stringify(check.errors)).toBe(true);
  });
});
