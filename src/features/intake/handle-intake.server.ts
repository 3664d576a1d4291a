/**
 * THE intake handler: the HTML form page and `POST /api/intake` both call `handleIntake`.
 *
 * 1. The anti-abuse gate (honeypot, proof of work or no-JavaScript token, rate limits), before anything else.
 * 2. Validation with the one schema (`validate.server.ts`).
 * 3. Routing over the directory snapshot (help wanted → service types → nearest suitable point).
 * 4. ONE statement (atomic, so one transaction): the case (payload sealed), its first status event, and the outbox row
 *    telling the point's staff (no message text, no contact: the point's name and a console link). The receipt code is
 *    returned only after the commit, and only its keyed hash is stored.
 *
 * Throws only when the database (or the directory) fails; callers answer "try again later" (the API: 503).
 */
import { randomUUID } from 'node:crypto';
import { runNamedStatement, type NamedStatement } from '#src/db/named-statement.server.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import type { ClientKey } from '#src/features/anti-abuse/client-key.server.ts';
import type { Lang } from '#src/i18n/index.ts';
import { outboxRow } from '#src/features/outbox/enqueue.server.ts';
import { paramProblem } from '#src/features/outbox/params.ts';
import { routes } from '#src/features/site/routes.ts';
import type { Clock } from '#src/lib/clock.ts';
import { log } from '#src/lib/log.ts';
import { eq, inArray } from 'drizzle-orm';
import { cases, intakeFormTokens } from '#src/db/schema/index.ts';
import type { DatabaseHandle } from '#src/db/types.ts';
import { sealCasePayload } from './case-store.server.ts';
import { countPointCase, pointTakesMore } from './point-cap.server.ts';
import {
  FORM_TOKEN_FIELD,
  formTokenHash,
  formTokenLookupHashes,
  isFormToken,
  openResend,
  RESEND_MINUTES,
  sealResend,
  submissionDigest,
} from './form-token.server.ts';
import { formatReceiptCode, generateReceiptCode, hashReceiptCode } from './receipt-code.ts';
import { routeRequest, toRoutedPoint, type RouteResult } from './routing.server.ts';
import { ANTI_ABUSE_FIELDS, parseIntakeForm, type IntakeRequest } from './schema.ts';
import { getIntakeServices, type IntakeServices } from './services.server.ts';
import type { IntakeFieldError, IntakeOutcome, PointChoice, RoutingDecision } from './types.ts';
import { validateIntake } from './validate.server.ts';

export interface IntakeContext {
  /** The page's language: the case's language when the request does not name one. */
  lang: Lang;
  /** The keyed hash of the client's address (`clientKeyOf(context)`), for the rate limits. */
  clientKey: ClientKey;
  /** Default: the services' clock. */
  clock?: Clock;
  /**
   * Run the anti-abuse gate. Every public entry point (the form page, the API) passes `true`; only trusted callers
   * inside the process (the benchmark, tools) may pass `false`.
   */
  gate: boolean;
  /** Default: the process's services (`getIntakeServices()`). */
  services?: IntakeServices;
}

/** Handles one request for counselling: a JSON body (object) or the HTML form's `FormData`. */
export async function handleIntake(input: unknown, ctx: IntakeContext): Promise<IntakeOutcome> {
  const services = ctx.services ?? (await getIntakeServices());
  const clock = ctx.clock ?? services.clock;
  const { fields, body, token } = splitSubmission(input);
  const digest = token === undefined ? '' : submissionDigest(body);
  const handle = token === undefined ? undefined : await services.database();
  const earlier = async () =>
    token === undefined || handle === undefined
      ? undefined
      : earlierSend(handle, services, { token, digest, now: clock.now() });

  // A form that already wrote a case (a reload, back and send again, a second tap) is answered before the gate, whose
  // proof the first send spent: the same receipt for a while, else "already sent"; never a second case.
  const before = await earlier();
  if (before !== undefined) return before;

  let beyondLimit = false;
  if (ctx.gate) {
    const { gate } = await services.antiAbuse();
    const verdict = await gate.checkSubmission({ form: fields, clientKey: ctx.clientKey, limiter: 'intake' });
    if (!verdict.ok) {
      // Two taps at once: the first spent the proof and may still be writing its case; wait for it a little.
      if (verdict.reason === 'proof-reused' && token !== undefined) {
        for (let attempt = 0; attempt < 10; attempt++) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          const found = await earlier();
          if (found !== undefined) return found;
        }
      }
      return verdict.retryAfterSeconds === undefined
        ? { kind: 'refused', reason: verdict.reason }
        : { kind: 'refused', reason: verdict.reason, retryAfterSeconds: verdict.retryAfterSeconds };
    }
    beyondLimit = verdict.beyondLimit === true;
  }

  const validation = validateIntake(body);
  if (!validation.ok) return { kind: 'invalid', errors: validation.errors };
  const request = validation.request;

  const directory = await services.directory();
  const route = routeRequest(directory.points, request, clock.now());
  if (route.kind === 'no-point') return { kind: 'no-point', provinceCode: route.provinceCode };
  if (route.kind === 'not-offered') return { kind: 'not-offered', choice: route.choice };
  // Past its address's limit by a harder proof of work: not to a point already over its hourly cap (point-cap.server.ts).
  if (beyondLimit) {
    const room = await pointTakesMore((await services.antiAbuse()).limits, route.decision.point.id);
    if (!room.ok) return { kind: 'refused', reason: 'rate-limited', retryAfterSeconds: room.retryAfterSeconds };
  }

  const started = performance.now();
  const keyring = services.keyring();
  const database = handle ?? (await services.database());
  const notificationEmail = directory.notificationEmails.get(route.decision.point.id) ?? null;
  // A clash of two 60-bit codes is about as likely as guessing one; should it happen, the unique index refuses the
  // statement (so nothing of it is written) and it is tried again with a new code.
  for (let attempt = 1; ; attempt++) {
    const caseId = randomUUID();
    const code = generateReceiptCode();
    try {
      const { statement, values } = caseStatement({
        caseId,
        code,
        request,
        route,
        lang: request.lang ?? ctx.lang,
        now: clock.now(),
        keyring,
        notificationEmail,
        form: token === undefined ? undefined : { token, digest, contactLeft: request.contact !== null },
      });
      await runNamedStatement(database, statement, values);
    } catch (error) {
      if (attempt < 3 && isClash(error, 'cases_receipt_hash_idx')) continue;
      // The same form's other send wrote its case first (nothing of this one was written): answer as it did.
      if (token !== undefined && isClash(error, 'intake_form_tokens_pkey')) {
        const found = await earlier();
        if (found !== undefined) return found;
      }
      throw error;
    }
    log.info('intake.accepted', { reason: route.decision.reason, ms: Math.round(performance.now() - started) });
    await countPointCase((await services.antiAbuse()).limits, route.decision.point.id);
    return { kind: 'accepted', caseId, receiptCode: formatReceiptCode(code), routing: route.decision };
  }
}

// The case, its first status event, and (when the point has an address) the staff notice and its link to the case, as
// ONE statement: a statement is atomic on its own, so the rows are written together or not at all, in one round trip
// (it was seven: begin, four inserts, a select, commit). Foreign keys between these rows hold: PostgreSQL checks them
// at the end of the statement, when all the rows exist. Fixed texts (prepared once per connection on PostgreSQL); the
// columns left out take their defaults (event id; outbox status, attempts, next attempt, created at).
const CASE_AND_EVENT = `insert_case as (
    insert into cases (id, point_id, routing_reason, routing_distance_km, help_wanted, requester_kind, age_band,
      commune_code, province_code, status, receipt_hash, receipt_key_id, payload, lang, created_at)
    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'new', $10, $11, $12, $13, $14)
  )`;
const FIRST_EVENT = `insert into case_events (case_id, at, from_status, to_status, actor_kind)
    values ($1, $14, null, 'new', 'requester')`;

// With a form token: its keyed hash (the primary key that makes a second case for one form impossible) and the
// receipt sealed for resends; expired resend receipts of other forms are cleared by the same statement.
const FORM_TOKEN = (first: number) => `insert_token as (
    insert into intake_form_tokens (token_hash, key_id, case_id, resend, resend_until, created_at)
    values ($${first}, $${first + 1}, $1, $${first + 2}, $${first + 3}, $14)
  ),
  clear_resends as (
    update intake_form_tokens set resend = null, resend_until = null where resend_until <= $14
  )`;

export const WRITE_CASE: NamedStatement = {
  name: 'intake-write-case',
  text: `with ${CASE_AND_EVENT} ${FIRST_EVENT}`,
};

export const WRITE_CASE_WITH_NOTICE: NamedStatement = {
  name: 'intake-write-case-with-notice',
  text: `with ${CASE_AND_EVENT},
  insert_event as (${FIRST_EVENT}),
  insert_notice as (insert into outbox (id, kind, recipient_kind, payload) values ($15, $16, $17, $18))
  insert into case_notices (case_id, outbox_id) values ($1, $15)`,
};

const WRITE_CASE_WITH_TOKEN: NamedStatement = {
  name: 'intake-write-case-with-token',
  text: `with ${CASE_AND_EVENT}, ${FORM_TOKEN(15)} ${FIRST_EVENT}`,
};

const WRITE_CASE_WITH_NOTICE_AND_TOKEN: NamedStatement = {
  name: 'intake-write-case-with-notice-and-token',
  text: `with ${CASE_AND_EVENT},
  insert_event as (${FIRST_EVENT}),
  insert_notice as (insert into outbox (id, kind, recipient_kind, payload) values ($15, $16, $17, $18)),
  ${FORM_TOKEN(19)}
  insert into case_notices (case_id, outbox_id) values ($1, $15)`,
};

/** The statement that writes a new case, and its values (the payload sealed, the receipt code as its keyed hash). */
function caseStatement(args: {
  caseId: string;
  code: string;
  request: IntakeRequest;
  route: Extract<RouteResult, { kind: 'routed' }>;
  lang: Lang;
  now: Date;
  keyring: Keyring;
  notificationEmail: string | null;
  /** The form's one-time token, the digest of what it sent, and whether a contact was left (for the resend). */
  form: { token: string; digest: string; contactLeft: boolean } | undefined;
}): { statement: NamedStatement; values: unknown[] } {
  const { caseId, code, request, route, lang, now, keyring, notificationEmail, form } = args;
  const tokenValues = (): unknown[] => {
    if (form === undefined) return [];
    const hashed = formTokenHash(keyring, form.token);
    const sealed = sealResend(keyring, form.token, hashed.hash, {
      code: formatReceiptCode(code),
      digest: form.digest,
      contactLeft: form.contactLeft,
    });
    return [hashed.hash, hashed.keyId, sealed, new Date(now.getTime() + RESEND_MINUTES * 60_000).toISOString()];
  };
  const receipt = hashReceiptCode(keyring, code);
  const payload = sealCasePayload(keyring, caseId, {
    message: request.message,
    contact: request.contact,
    preferredTime: request.preferredTime,
  });
  const point = route.decision.point;
  const values: unknown[] = [
    caseId,
    point.id,
    route.decision.reason,
    route.decision.distanceKm,
    request.helpWanted,
    request.who,
    request.ageBand,
    route.communeCode,
    route.provinceCode,
    receipt.hash,
    receipt.keyId,
    payload,
    lang,
    now.toISOString(),
  ];
  if (notificationEmail === null) {
    // The case is kept (staff see it in the console); only the e-mail cannot be sent.
    log.warn('intake.point_without_notification_email', { point: point.id });
    return form === undefined
      ? { statement: WRITE_CASE, values }
      : { statement: WRITE_CASE_WITH_TOKEN, values: [...values, ...tokenValues()] };
  }
  const notice = outboxRow(
    {
      kind: 'new-case',
      recipientKind: 'point-staff',
      to: notificationEmail,
      // Staff work in Vietnamese; the requester's language is kept with the case for the notices they get.
      lang: 'vi',
      params: { pointName: noticePointName(point.name, point.organizationName), consoleUrl: consolePathOf(caseId) },
    },
    keyring,
  );
  values.push(notice.id, notice.kind, notice.recipientKind, notice.payload);
  return form === undefined
    ? { statement: WRITE_CASE_WITH_NOTICE, values }
    : { statement: WRITE_CASE_WITH_NOTICE_AND_TOKEN, values: [...values, ...tokenValues()] };
}

/** The console page of a case (a site path; the outbox makes it absolute at send time). */
export function consolePathOf(caseId: string): string {
  return `${routes.console.vi}/yeu-cau/${caseId}`;
}

/**
 * The point's name as a notice may carry it. The outbox refuses text that looks like contact details (a run of digits,
 * an `@`), so a point named "Điểm tư vấn 1234567" would otherwise block every request to it.
 */
export function noticePointName(name: string, organizationName: string): string {
  for (const candidate of [name, name.slice(0, 120).trim(), organizationName.slice(0, 120).trim()]) {
    if (paramProblem('text', candidate) === undefined) return candidate;
  }
  return 'điểm hỗ trợ';
}

/** True when the statement failed on the unique constraint `name` (nothing of it was written). */
function isClash(error: unknown, name: string): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if ('constraint' in current && current.constraint === name) return true;
    current = current.cause;
  }
  return false;
}

/**
 * The answer to a form that already wrote a case, or undefined when its token wrote none: the same receipt while the
 * sealed one is there (15 minutes) and the answers are the same, "withdrawn" when its requester withdrew it, else
 * "already sent". An expired receipt is deleted on the way.
 */
async function earlierSend(
  handle: DatabaseHandle,
  services: IntakeServices,
  args: { token: string; digest: string; now: Date },
): Promise<IntakeOutcome | undefined> {
  const keyring = services.keyring();
  const [row] = await handle.db
    .select({
      tokenHash: intakeFormTokens.tokenHash,
      resend: intakeFormTokens.resend,
      resendUntil: intakeFormTokens.resendUntil,
      caseId: cases.id,
      pointId: cases.pointId,
      reason: cases.routingReason,
      distanceKm: cases.routingDistanceKm,
      helpWanted: cases.helpWanted,
      createdAt: cases.createdAt,
      status: cases.status,
    })
    .from(intakeFormTokens)
    .innerJoin(cases, eq(cases.id, intakeFormTokens.caseId))
    .where(inArray(intakeFormTokens.tokenHash, formTokenLookupHashes(keyring, args.token)))
    .limit(1);
  if (row === undefined) return undefined;
  const tokenHash = Buffer.from(row.tokenHash);
  // Withdrawn: its sealed receipt went with the withdrawal, and the page says so rather than "the point has it".
  if (row.status === 'withdrawn') return { kind: 'withdrawn' };
  if (row.resend === null || row.resendUntil === null) return { kind: 'already-sent' };
  if (row.resendUntil <= args.now) {
    await handle.db
      .update(intakeFormTokens)
      .set({ resend: null, resendUntil: null })
      .where(eq(intakeFormTokens.tokenHash, tokenHash));
    return { kind: 'already-sent' };
  }
  const receipt = openResend(keyring, args.token, tokenHash, row.resend);
  const point = (await services.directory()).points.find((candidate) => candidate.id === row.pointId);
  if (receipt === undefined || receipt.digest !== args.digest || point === undefined) return { kind: 'already-sent' };
  return {
    kind: 'accepted',
    caseId: row.caseId,
    receiptCode: receipt.code,
    routing: {
      point: toRoutedPoint(point),
      reason: row.reason as RoutingDecision['reason'],
      distanceKm: row.distanceKm,
      helpWanted: row.helpWanted as RoutingDecision['helpWanted'],
    },
    again: true,
    sentAt: row.createdAt,
    contactLeft: receipt.contactLeft,
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  !(value instanceof FormData) &&
  !(value instanceof URLSearchParams);

/**
 * What the gate reads (the submission as it came, with its anti-abuse fields) and what the schema checks (without
 * them). A form is turned into the schema's input by `parseIntakeForm`.
 */
function splitSubmission(input: unknown): {
  fields: FormData | URLSearchParams | Record<string, unknown>;
  body: unknown;
  /** The form's one-time token, when it carries a well-formed one. */
  token: string | undefined;
} {
  const envelope = [...ANTI_ABUSE_FIELDS, FORM_TOKEN_FIELD] as readonly string[];
  if (input instanceof FormData || input instanceof URLSearchParams) {
    const raw = input.get(FORM_TOKEN_FIELD);
    const parsed = parseIntakeForm(input);
    const body = Object.fromEntries(Object.entries(parsed).filter(([key]) => key !== FORM_TOKEN_FIELD));
    return { fields: input, body, token: isFormToken(raw) ? raw : undefined };
  }
  if (isRecord(input)) {
    // fromEntries defines own properties: an assignment would run the `__proto__` setter and hide that key from
    // validation, which refuses it as an unknown field.
    const body = Object.fromEntries(Object.entries(input).filter(([key]) => !envelope.includes(key)));
    const raw = input[FORM_TOKEN_FIELD];
    return { fields: input, body, token: isFormToken(raw) ? raw : undefined };
  }
  return { fields: {}, body: input, token: undefined };
}

/**
 * What the form's "which point will receive your request" step shows: the points offered, nearest first, the one
 * selected (the requester's earlier choice when it is still offered, else the suggestion) and the suggestion.
 */
export type RoutingPreview =
  | { kind: 'routed'; routing: RoutingDecision; choice: PointChoice }
  | { kind: 'invalid'; errors: readonly IntakeFieldError[] }
  | { kind: 'no-point'; provinceCode: string | null };

/**
 * Which points could receive a request, without writing anything: reads only the place (`communeCode` or `position`,
 * or the form's `lat`/`lon`), `helpWanted` and the chosen `pointId` of the input, and ignores every other field. A
 * chosen point that is not (or no longer) offered is not an error here: the suggestion is selected instead.
 */
export async function previewRouting(
  input: unknown,
  options: { services?: IntakeServices; clock?: Clock } = {},
): Promise<RoutingPreview> {
  const services = options.services ?? (await getIntakeServices());
  const { body } = splitSubmission(input);
  const picked: Record<string, unknown> = {};
  if (isRecord(body)) {
    for (const key of ['communeCode', 'position', 'helpWanted'] as const)
      if (body[key] !== undefined) picked[key] = body[key];
  }
  const chosen = isRecord(body) && typeof body['pointId'] === 'string' ? body['pointId'].trim() : null;
  // The rest of the schema is satisfied with fixed values, so only the place and the help wanted can fail.
  const validation = validateIntake({ ...picked, who: 'self', ageBand: 'unknown' });
  if (!validation.ok) return { kind: 'invalid', errors: validation.errors };
  const directory = await services.directory();
  const now = (options.clock ?? services.clock).now();
  const asked = routeRequest(directory.points, { ...validation.request, pointId: chosen }, now);
  const route = asked.kind === 'not-offered' ? routeRequest(directory.points, validation.request, now) : asked;
  if (route.kind === 'routed') return { kind: 'routed', routing: route.decision, choice: route.choice };
  if (route.kind === 'no-point') return { kind: 'no-point', provinceCode: route.provinceCode };
  // Without a chosen point the suggestion is always offered, so this is a bug in routing.
  throw new Error('routing offered points without the suggested one');
}
