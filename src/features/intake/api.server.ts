/**
 * `POST /api/intake`: the JSON face of the one intake handler (`handleIntake`). Everything cheap is checked before the
 * body is parsed: the content type (415), the size while reading (413, at 16 KB), UTF-8 (400) and JSON syntax (400).
 * Then the gate and the schema: 403 for a missing or bad proof, 429 with `Retry-After`, 422 with every field error,
 * 400 for a `pointId` that is not one of the points offered for the place and help (with the offers), 503 when no
 * point can take the request (or the database fails), 201 with the receipt code after commit.
 *
 * Every answer is JSON with `Cache-Control: no-store`; every error is `{ errors: [{ field, message }] }`, the message
 * in the request's language (`?lang=`, else the body's `lang`, else `Accept-Language`, else Vietnamese). A `formToken`
 * sent again answers 200 with the same receipt (15 minutes, same answers) or 409. The public description of all this
 * is `openapi.json` (served at `/api/intake/openapi.json`): change both together, `api-doc.test.ts` checks them.
 */
import Negotiator from 'negotiator';
import type { ClientKey } from '#src/features/anti-abuse/client-key.server.ts';
import type { Lang } from '#src/i18n/index.ts';
import { describeError } from '#src/lib/describe-error.ts';
import { log } from '#src/lib/log.ts';
import { parseMediaType } from '#src/lib/media-type.ts';
import { FORM_TOKEN_FIELD } from './form-token.server.ts';
import { handleIntake } from './handle-intake.server.ts';
import { intakeMessage, type IntakeMessageKey } from './messages.ts';
import { getIntakeServices, type IntakeServices } from './services.server.ts';
import type { IntakeOutcome } from './types.ts';
import { readLimitedBody } from '#src/lib/read-limited-body.ts';

/** Largest body accepted, in bytes (a full request with a 2,000-character Vietnamese message is under 8 KB). */
export const MAX_BODY_BYTES = 16 * 1024;

export interface IntakeApiOptions {
  /** The keyed hash of the client's address (with the services' keyer); called only for a request that reaches the gate. */
  clientKey(services: IntakeServices): Promise<ClientKey>;
  services?: IntakeServices;
}

/** The answer: always JSON, never cached. */
interface IntakeApiAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

interface ApiError {
  field: string;
  message: string;
}

/** Answers one `POST /api/intake` request (the Astro route `src/pages/api/intake.ts`). Never throws. */
export async function handleIntakeApiRequest(request: Request, options: IntakeApiOptions): Promise<Response> {
  const answer = await answerIntakeApi(request, options);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

async function answerIntakeApi(request: Request, options: IntakeApiOptions): Promise<IntakeApiAnswer> {
  let lang = requestLang(request);
  try {
    const fail = (status: number, field: string, key: IntakeMessageKey, headers: Record<string, string> = {}) =>
      json(status, { errors: [{ field, message: intakeMessage(key, lang) }] }, headers);

    if (!isJsonContentType(request.headers.get('content-type')))
      return fail(415, 'Content-Type', 'intake.request.contentType');
    const declared = request.headers.get('content-length');
    if (declared !== null && /^\d+$/.test(declared) && Number(declared) > MAX_BODY_BYTES) {
      return fail(413, 'body', 'intake.request.tooLarge');
    }
    const bytes = await readLimitedBody(request, MAX_BODY_BYTES);
    if (bytes === undefined) return fail(413, 'body', 'intake.request.tooLarge');

    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return fail(400, 'body', 'intake.request.encoding');
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return fail(400, 'body', 'intake.request.malformed');
    }
    if (
      !langFromQuery(request) &&
      typeof body === 'object' &&
      body !== null &&
      'lang' in body &&
      isPortalLang(body.lang)
    ) {
      lang = body.lang;
    }

    const services = options.services ?? (await getIntakeServices());
    const outcome = await handleIntake(body, {
      lang,
      clientKey: await options.clientKey(services),
      gate: true,
      services,
    });
    return answer(outcome, lang);
  } catch (error) {
    // The database or the directory failed: nothing was acknowledged, so the requester can safely send again.
    log.error('intake.failed', { error: describeError(error) });
    return json(
      503,
      { errors: [{ field: 'request', message: intakeMessage('intake.unavailable', lang) }] },
      { 'Retry-After': '30' },
    );
  }
}

function answer(outcome: IntakeOutcome, lang: Lang): IntakeApiAnswer {
  switch (outcome.kind) {
    case 'accepted':
      // 200 for the same form sent again (its case's receipt, nothing new written), 201 for a new case.
      return json(outcome.again === true ? 200 : 201, {
        receiptCode: outcome.receiptCode,
        point: outcome.routing.point,
        routing: {
          reason: outcome.routing.reason,
          distanceKm: outcome.routing.distanceKm,
          helpWanted: outcome.routing.helpWanted,
        },
      });
    case 'invalid':
      return json(422, {
        errors: outcome.errors.map((error): ApiError => ({
          field: error.field,
          message: intakeMessage(error.messageKey, lang),
        })),
      });
    case 'already-sent':
      return json(409, { errors: [{ field: FORM_TOKEN_FIELD, message: intakeMessage('intake.alreadySent', lang) }] });
    case 'withdrawn':
      return json(409, {
        errors: [{ field: FORM_TOKEN_FIELD, message: intakeMessage('intake.withdrawnResend', lang) }],
      });
    case 'not-offered':
      // The requester chooses among the points the preview offers; any other id is refused, never replaced.
      return json(400, {
        errors: [{ field: 'pointId', message: intakeMessage('intake.pointId.notOffered', lang) }],
        offers: outcome.choice.offers.map((offer) => ({
          point: offer.point,
          reason: offer.reason,
          distanceKm: offer.distanceKm,
          suggested: offer.point.id === outcome.choice.suggestedId,
        })),
      });
    case 'no-point':
      return json(503, {
        errors: [{ field: 'helpWanted', message: intakeMessage('intake.noPoint', lang) }],
        provinceCode: outcome.provinceCode,
      });
    case 'refused':
      if (outcome.reason === 'rate-limited') {
        const seconds = Math.max(1, Math.ceil(outcome.retryAfterSeconds ?? 60));
        return json(
          429,
          { errors: [{ field: 'request', message: intakeMessage('intake.refused.rateLimited', lang) }] },
          { 'Retry-After': String(seconds) },
        );
      }
      // Proof missing, bad, reused, or the honeypot filled: one answer, so a robot learns nothing about which.
      return json(403, { errors: [{ field: 'altcha', message: intakeMessage('intake.refused.proof', lang) }] });
  }
}

/** A JSON answer that no cache keeps. */
function json(status: number, body: unknown, headers: Record<string, string> = {}): IntakeApiAnswer {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/** A JSON `Response` that no cache keeps (for the route's other methods). */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const answer = json(status, body, headers);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** `application/json`, with no parameter or `charset=utf-8` only. */
function isJsonContentType(value: string | null): boolean {
  const parsed = parseMediaType(value);
  if (parsed?.type !== 'application/json') return false;
  return Object.entries(parsed.parameters).every(
    ([name, parameter]) => name === 'charset' && parameter.toLowerCase() === 'utf-8',
  );
}

const portalLangs = ['vi', 'en'] as const;
const isPortalLang = (value: unknown): value is Lang => value === 'vi' || value === 'en';

function langFromQuery(request: Request): Lang | undefined {
  if (!request.url.includes('?')) return undefined;
  const value = URL.canParse(request.url, 'http://portal.invalid')
    ? new URL(request.url, 'http://portal.invalid').searchParams.get('lang')
    : null;
  return isPortalLang(value) ? value : undefined;
}

/** The language of the answer before the body is read: `?lang=`, else `Accept-Language`, else Vietnamese. */
function requestLang(request: Request): Lang {
  const fromQuery = langFromQuery(request);
  if (fromQuery) return fromQuery;
  const header = request.headers.get('accept-language');
  if (header === null) return 'vi';
  // RFC 9110 ranking (q-values, then order; "en-GB" matches "en") by negotiator, as Express does.
  const best = new Negotiator({ headers: { 'accept-language': header.slice(0, 500) } }).language([...portalLangs]);
  return isPortalLang(best) ? best : 'vi';
}
