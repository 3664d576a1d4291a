/**
 * "Bad input and faults": at least 10,000 generated bad requests driven straight into the API route's exported
 * handler (`POST` of src/pages/api/intake.ts) with real `Request` objects: wrong types, huge strings, control
 * characters, broken UTF-8 as raw bytes, bad commune codes, missing and extra fields, wrong content types, oversized
 * bodies. Every request that can carry one has a valid proof of work (cheap settings), so the schema — not the gate —
 * is what the bad fields reach. Never a 500; every answer names a field with a message in the request's language;
 * nothing is written.
 */
import type { APIContext } from 'astro';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCommune } from '#src/features/admin-units/index.ts';
import { createAntiAbuse } from '#src/features/anti-abuse/services.server.ts';
import { intakeMessage, intakeMessageKeys } from '#src/features/intake/messages.ts';
import { configureIntakeServices } from '#src/features/intake/services.server.ts';
import { normalizeEmail, normalizeVietnamesePhone } from '#src/features/intake/text.ts';
import { ageBands, helpWanted, requesterKinds } from '#src/features/lists/index.ts';
import { POST } from '#src/pages/api/intake.ts';
import { FAST_POW, solvePow } from '../../setup/solve-pow.ts';
import { createIntakeHarness, intakeRowCounts, validRequest, type IntakeHarness } from './helpers.ts';

type Lang = 'vi' | 'en';
const wordings: Record<Lang, Set<string>> = {
  vi: new Set(intakeMessageKeys.map((key) => intakeMessage(key, 'vi'))),
  en: new Set(intakeMessageKeys.map((key) => intakeMessage(key, 'en'))),
};

let h: IntakeHarness;
let rowsBefore: Record<string, number>;
const statuses = new Map<number, number>();
let total = 0;

beforeAll(async () => {
  h = await createIntakeHarness();
  configureIntakeServices(h.services);
  rowsBefore = await intakeRowCounts(h.db);
});
afterAll(async () => {
  configureIntakeServices(undefined);
  await h.cleanup();
});

/** How the request says which language it wants. */
interface LangChoice {
  query: Lang | 'fr' | undefined;
  header: string | undefined;
}
const langChoice: fc.Arbitrary<LangChoice> = fc.record({
  query: fc.constantFrom<LangChoice['query']>('vi', 'en', 'fr', undefined),
  header: fc.constantFrom(
    undefined,
    'en-US,en;q=0.9',
    'vi-VN,vi;q=0.9,en;q=0.5',
    'fr-FR, en;q=0.3',
    'de',
    '*',
    'en;q=0, vi;q=0.1',
  ),
});

/** The language the answer must be in, by the documented precedence. */
function expectedLang(choice: LangChoice, body: unknown): Lang {
  if (choice.query === 'vi' || choice.query === 'en') return choice.query;
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const lang = (body as Record<string, unknown>)['lang'];
    if (lang === 'vi' || lang === 'en') return lang;
  }
  switch (choice.header) {
    case 'en-US,en;q=0.9':
    case 'fr-FR, en;q=0.3':
      return 'en';
    default:
      return 'vi';
  }
}

function makeRequest(
  body: BodyInit | null,
  choice: LangChoice,
  contentType: string | null,
  extraHeaders: Record<string, string> = {},
): Request {
  const url = new URL('http://127.0.0.1:4321/api/intake');
  if (choice.query !== undefined) url.searchParams.set('lang', choice.query);
  const headers = new Headers(extraHeaders);
  if (contentType !== null) headers.set('content-type', contentType);
  if (choice.header !== undefined) headers.set('accept-language', choice.header);
  return new Request(url, { method: 'POST', body, headers });
}

async function call(request: Request): Promise<{ status: number; body: Record<string, unknown>; response: Response }> {
  const context = { request, clientAddress: '127.0.0.1' } as unknown as APIContext;
  const response = await POST(context);
  total += 1;
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, response };
}

/** The checks every bad request's answer must pass. */
function expectLocalizedError(
  answer: Awaited<ReturnType<typeof call>>,
  lang: Lang,
  allowed: readonly number[],
): { field: string; message: string }[] {
  expect(answer.status).not.toBe(500);
  expect(allowed).toContain(answer.status);
  expect(answer.response.headers.get('cache-control')).toBe('no-store');
  expect(answer.response.headers.get('content-type')).toMatch(/^application\/json/);
  const errors = answer.body['errors'] as { field: string; message: string }[];
  expect(Array.isArray(errors) && errors.length > 0).toBe(true);
  for (const error of errors) {
    expect(typeof error.field === 'string' && error.field.length > 0).toBe(true);
    expect(wordings[lang].has(error.message), `${error.message} is not a ${lang} message`).toBe(true);
  }
  return errors;
}

// ---- Generators of bad values, by field -------------------------------------------------------------------------

// JSON-safe values only: NaN and ±Infinity would be sent as null, which optional fields accept.
const notAString = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
const notInList = (codes: readonly string[]) =>
  fc.oneof(
    fc.string({ maxLength: 40 }).filter((s) => !codes.includes(s)),
    notAString.filter((v) => v !== null),
  );
const controlChar = fc.constantFrom(
  ...'\u0000\u0001\u0007\u0008\u000b\u000c\u000e\u001b\u001f\u007f\u0080\u0085\u009b\u009f'.split(''),
  '\ud800',
  '\udfff',
);
const huge = (min: number, max: number) =>
  fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.integer({ min, max })).map(([unit, n]) =>
    unit
      .replace(/\s/g, 'x')
      .padEnd(1, 'x')
      .repeat(Math.ceil(n / Math.max(1, unit.length)))
      .slice(0, n),
  );

/** A field, a bad value for it (undefined: delete it), and the error fields that may name it. */
interface Mutation {
  field: string;
  value: unknown;
  /** Error fields that count as naming this field. */
  names: readonly string[];
}

const enumMutation = (field: string, codes: readonly string[], required: boolean): fc.Arbitrary<Mutation> =>
  fc.oneof(
    notInList(codes).map((value) => ({ field, value, names: [field] })),
    ...(required ? [fc.constantFrom(undefined, '').map((value) => ({ field, value, names: [field] }))] : []),
  );

const badCommune = fc.oneof(
  fc.stringMatching(/^[0-9]{5}$/).filter((code) => getCommune(code) === undefined),
  fc.string({ maxLength: 12 }).filter((s) => !/^[0-9]{5}$/.test(s) && s !== ''),
  fc.integer({ min: 0, max: 99_999 }),
  fc.stringMatching(/^[0-9]{1,4}$|^[0-9]{6,9}$/),
  notAString.filter((v) => v !== null),
);

const outside = fc.oneof(
  fc.double({ min: -90, max: 5.99, noNaN: true }),
  fc.double({ min: 23.51, max: 90, noNaN: true }),
);
const outsideLon = fc.oneof(
  fc.double({ min: -180, max: 101.99, noNaN: true }),
  fc.double({ min: 117.91, max: 180, noNaN: true }),
);
const badPosition = fc.oneof(
  fc.record({ lat: outside, lon: fc.double({ min: 102, max: 117.9, noNaN: true }) }),
  fc.record({ lat: fc.double({ min: 6, max: 23.5, noNaN: true }), lon: outsideLon }),
  fc.record({
    lat: notAString.filter((v) => typeof v !== 'number'),
    lon: fc.double({ min: 102, max: 117, noNaN: true }),
  }),
  fc.record({ lat: fc.constant(21.03) }),
  fc.record({ lat: fc.constant(21.03), lon: fc.constant(105.84), alt: fc.integer() }),
  // In the box but at sea, far from any commune.
  fc.constant({ lat: 12, lon: 115 }),
  fc.constant({ lat: 16, lon: 116.5 }),
  fc.array(fc.double({ noNaN: true }), { maxLength: 2 }),
  fc.string({ maxLength: 20 }),
);

const badPhone = fc
  .oneof(fc.string({ maxLength: 30 }), fc.stringMatching(/^[0-9 +.()-]{1,25}$/))
  .filter((s) => s.trim() !== '' && normalizeVietnamesePhone(s) === null);
const badEmail = fc
  .oneof(
    fc.string({ maxLength: 40 }),
    fc.emailAddress().map((e) => e.replace('@', ' @ ')),
    fc.emailAddress().map((e) => `${e}\r\nBcc: x@y.vn`),
  )
  .filter((s) => s.trim() !== '' && normalizeEmail(s) === null);
const badContact = fc.oneof(
  badPhone.map((value) => ({ kind: 'phone', value })),
  badPhone.filter(() => true).map((value) => ({ kind: 'zalo', value })),
  fc.constant({ kind: 'zalo', value: '024 3825 1234' }),
  badEmail.map((value) => ({ kind: 'email', value })),
  notInList(['phone', 'email', 'zalo']).map((kind) => ({ kind, value: '0912345678' })),
  fc.constantFrom('phone', 'email', 'zalo').map((kind) => ({ kind })),
  fc.constantFrom('phone', 'email', 'zalo').map((kind) => ({ kind, value: '   ' })),
  fc.record({ kind: fc.constant('phone'), value: fc.constant('0912345678'), name: fc.string() }),
  fc.record({ value: fc.constant('0912345678') }),
  notAString.filter((v) => v !== null && (typeof v !== 'object' || Array.isArray(v))),
  fc.string({ maxLength: 20 }),
);

const badMessage = fc.oneof(
  huge(2001, 8000),
  fc.tuple(fc.string({ maxLength: 200 }), controlChar, fc.string({ maxLength: 200 })).map(([a, c, b]) => a + c + b),
  notAString.filter((v) => v !== null),
);

const known = new Set([
  'who',
  'communeCode',
  'position',
  'helpWanted',
  'ageBand',
  'message',
  'contact',
  'preferredTime',
  'lang',
  'pointId',
  'formToken',
  'altcha',
  'fallback',
  'website',
]);
const extraField = fc
  .tuple(
    fc.string({ minLength: 1, maxLength: 30 }).filter((k) => !known.has(k)),
    fc.jsonValue({ maxDepth: 2 }),
  )
  .map(([field, value]) => ({ field, value, names: [field] }));

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  enumMutation('who', requesterKinds.codes, true),
  enumMutation('helpWanted', helpWanted.codes, true),
  enumMutation('ageBand', ageBands.codes, true),
  enumMutation('preferredTime', ['morning', 'afternoon', 'evening', 'any'], false),
  enumMutation('lang', ['vi', 'en'], false),
  badCommune.map((value) => ({ field: 'communeCode', value, names: ['communeCode'] })),
  fc.constantFrom(undefined, null, '').map((value) => ({ field: 'communeCode', value, names: ['communeCode'] })),
  badPosition.map((value) => ({ field: 'position', value, names: ['position', 'communeCode'] })),
  badMessage.map((value) => ({ field: 'message', value, names: ['message'] })),
  badContact.map((value) => ({ field: 'contact', value, names: ['contact'] })),
  // Not a point id at all (a well-formed id not offered is a 400, tested below).
  fc
    .oneof(
      notAString.filter((v) => v !== null),
      fc.constant(''),
      fc.constant('   '),
      huge(101, 300),
    )
    .map((value) => ({ field: 'pointId', value, names: ['pointId'] })),
  extraField,
);

function applyMutations(mutations: readonly Mutation[]): Record<string, unknown> {
  const body = validRequest();
  for (const m of mutations) {
    // A position is only looked at without a commune code.
    if (m.field === 'position') delete body['communeCode'];
    if (m.value === undefined) delete body[m.field];
    else body[m.field] = m.value;
  }
  return body;
}

// ---- The properties ------------------------------------------------------------------------------------------------

describe('POST /api/intake with bad requests', () => {
  it(
    'answers bad fields with 422, naming each bad field in the request language (5,000 requests)',
    { timeout: 600_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(mutation, {
            minLength: 1,
            maxLength: 3,
            selector: (m) => (m.field === 'position' ? 'communeCode' : m.field),
          }),
          langChoice,
          async (mutations, choice) => {
            const body = applyMutations(mutations);
            const lang = expectedLang(choice, body);
            const text = JSON.stringify({ ...body, altcha: await h.proof() });
            const answer = await call(makeRequest(text, choice, 'application/json'));
            const errors = expectLocalizedError(answer, lang, [422]);
            for (const m of mutations) {
              expect(
                errors.some((e) => m.names.some((name) => e.field === name || e.field.startsWith(`${name}.`))),
                `no error names ${m.field} in ${JSON.stringify(errors)}`,
              ).toBe(true);
            }
          },
        ),
        { numRuns: 5000 },
      );
    },
  );

  it(
    'answers broken UTF-8, broken JSON and bodies that are not objects with 400 or 403 (3,000 requests)',
    { timeout: 600_000 },
    async () => {
      const invalidUtf8 = fc.constantFrom(
        [0xff],
        [0xfe],
        [0xc0, 0x80],
        [0x80],
        [0xe1, 0xbb],
        [0xed, 0xa0, 0x80],
        [0xf4, 0x90, 0x80, 0x80],
        [0xc3],
      );
      const broken = fc.tuple(fc.nat(), invalidUtf8).map(([at, bad]) => {
        const good = Buffer.from(JSON.stringify(validRequest({ message: 'Xin chào, tôi cần giúp' })));
        const cut = at % (good.length + 1);
        return {
          bytes: Buffer.concat([good.subarray(0, cut), Buffer.from(bad), good.subarray(cut)]),
          expect: [400] as const,
          field: 'body',
        };
      });
      const truncated = fc.nat().map((at) => {
        const good = JSON.stringify(validRequest());
        return { bytes: Buffer.from(good.slice(0, at % good.length)), expect: [400] as const, field: 'body' };
      });
      const randomBytes = fc
        .uint8Array({ maxLength: 300 })
        .map((bytes) => ({ bytes: Buffer.from(bytes), expect: [400, 403] as const, field: undefined }));
      const notObject = fc.oneof(
        fc.jsonValue().filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
        fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
      );
      const nonObjects = notObject.map((value) => ({
        bytes: Buffer.from(JSON.stringify(value)),
        expect: [403] as const,
        field: 'altcha',
      }));
      const nested = fc.integer({ min: 1000, max: 7000 }).map((depth) => ({
        bytes: Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`),
        expect: [403] as const,
        field: 'altcha',
      }));
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(broken, truncated, randomBytes, nonObjects, nested),
          langChoice,
          async (sample, choice) => {
            const answer = await call(makeRequest(sample.bytes, choice, 'application/json; charset=utf-8'));
            const lang = expectedLang(choice, undefined);
            const errors = expectLocalizedError(answer, lang, sample.expect);
            if (sample.field !== undefined) expect(errors[0]?.field).toBe(sample.field);
          },
        ),
        { numRuns: 3000 },
      );
    },
  );

  it(
    'answers a wrong or missing content type with 415, before reading the body (1,000 requests)',
    { timeout: 600_000 },
    async () => {
      const contentType = fc.oneof(
        fc.constantFrom(
          null,
          '',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/jsonx',
          'application/json; charset=latin1',
          'application/json; charset=utf-16',
          'text/json',
          'application/ld+json',
          'json',
        ),
        fc.string({ maxLength: 60 }).filter((s) => !/^\s*application\/json\s*(;|$)/i.test(s)),
      );
      await fc.assert(
        fc.asyncProperty(contentType, langChoice, async (type, choice) => {
          const body = JSON.stringify({ ...validRequest(), altcha: 'not needed' });
          let request: Request;
          try {
            request = makeRequest(body, choice, type);
          } catch {
            return; // A header value the Fetch API itself refuses never reaches a server.
          }
          const answer = await call(request);
          const errors = expectLocalizedError(answer, expectedLang(choice, undefined), [415]);
          expect(errors[0]?.field).toBe('Content-Type');
        }),
        { numRuns: 1000 },
      );
    },
  );

  it(
    'answers bodies over 16 KB with 413, with or without Content-Length (1,000 requests)',
    { timeout: 600_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 16 * 1024 + 1, max: 200_000 }),
          fc.boolean(),
          langChoice,
          async (size, declare, choice) => {
            const filler = 'ồ'.repeat(Math.ceil(size / 3));
            const body = Buffer.from(JSON.stringify({ ...validRequest({ message: filler }), altcha: 'x' }));
            const answer = await call(
              makeRequest(body, choice, 'application/json', declare ? { 'content-length': String(body.length) } : {}),
            );
            const errors = expectLocalizedError(answer, expectedLang(choice, undefined), [413]);
            expect(errors[0]?.field).toBe('body');
          },
        ),
        { numRuns: 1000 },
      );
    },
  );

  it('wrote nothing for any of them, and never answered 500', async () => {
    expect(total).toBeGreaterThanOrEqual(10_000);
    expect(statuses.get(500)).toBeUndefined();
    expect(statuses.get(201)).toBeUndefined();
    expect(await intakeRowCounts(h.db)).toEqual(rowsBefore);
  });

  it('still accepts a good request through the same route (the fuzzing did not just break everything)', async () => {
    const answer = await call(
      makeRequest(
        JSON.stringify({ ...validRequest(), altcha: await h.proof() }),
        { query: 'en', header: undefined },
        'application/json',
      ),
    );
    expect(answer.status).toBe(201);
    expect(answer.response.headers.get('cache-control')).toBe('no-store');
    expect(answer.body).toMatchObject({
      receiptCode: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      routing: { reason: 'in-commune' },
      point: { name: 'Trạm Y tế phường Ba Đình' },
    });
    const after = await intakeRowCounts(h.db);
    expect(after['cases']).toBe(rowsBefore['cases']! + 1);
    expect(after['outbox']).toBe(rowsBefore['outbox']! + 1);
  });

  it('answers 400 naming pointId, with the points offered, for a point that was not offered, and writes nothing', async () => {
    const before = await intakeRowCounts(h.db);
    // Thủ Dầu Một's methadone clinic exists, but is not a point for counselling in Ba Đình; the other id is made up.
    for (const pointId of [h.pointIds[2], '00000000-0000-4000-8000-000000000000']) {
      const answer = await call(
        makeRequest(
          JSON.stringify({ ...validRequest({ lang: 'en', pointId }), altcha: await h.proof() }),
          { query: undefined, header: undefined },
          'application/json',
        ),
      );
      const errors = expectLocalizedError(answer, 'en', [400]);
      expect(errors).toEqual([{ field: 'pointId', message: intakeMessage('intake.pointId.notOffered', 'en') }]);
      expect(answer.body['offers']).toEqual([
        expect.objectContaining({ point: expect.objectContaining({ id: h.pointIds[0] }), suggested: true }),
      ]);
    }
    expect(await intakeRowCounts(h.db)).toEqual(before);
    // The point offered is accepted when named.
    const chosen = await call(
      makeRequest(
        JSON.stringify({ ...validRequest({ pointId: h.pointIds[0] }), altcha: await h.proof() }),
        { query: 'en', header: undefined },
        'application/json',
      ),
    );
    expect(chosen.status).toBe(201);
  });

  it(
    'answers 429 with Retry-After when the rate limit refuses, and 503 when no point exists',
    { timeout: 120_000 },
    async () => {
      const antiAbuse = createAntiAbuse({
        keyring: h.keyring,
        keyPrefix: 'rl-test:',
        proofOfWork: FAST_POW,
        limits: { intake: [{ points: 1, durationSeconds: 600 }] },
      });
      const proof = async () => solvePow(await antiAbuse.proofOfWork.createChallenge());
      const send = async () =>
        call(
          makeRequest(
            JSON.stringify({ ...validRequest(), altcha: await proof() }),
            { query: undefined, header: 'en' },
            'application/json',
          ),
        );
      try {
        configureIntakeServices({ ...h.services, antiAbuse: async () => antiAbuse });
        expect((await send()).status).toBe(201);
        const refused = await send();
        // The body's `lang: 'vi'` wins over Accept-Language.
        expectLocalizedError(refused, 'vi', [429]);
        expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);

        configureIntakeServices({
          ...h.services,
          directory: async () => ({ points: [], notificationEmails: new Map() }),
        });
        const answer = await call(
          makeRequest(
            JSON.stringify({ ...validRequest({ lang: 'en' }), altcha: await h.proof() }),
            { query: undefined, header: undefined },
            'application/json',
          ),
        );
        expectLocalizedError(answer, 'en', [503]);
        expect(answer.body['provinceCode']).toBe('01');
      } finally {
        configureIntakeServices(h.services);
        await antiAbuse.close();
      }
    },
  );

  it('answers 503 (never 500) when the database fails, and says so in one log line without content', async () => {
    const broken = { ...h.services, database: async () => Promise.reject(new Error('connection refused')) };
    configureIntakeServices(broken);
    try {
      const answer = await call(
        makeRequest(
          JSON.stringify({ ...validRequest(), altcha: await h.proof() }),
          { query: 'vi', header: undefined },
          'application/json',
        ),
      );
      expectLocalizedError(answer, 'vi', [503]);
    } finally {
      configureIntakeServices(h.services);
    }
  });
});
