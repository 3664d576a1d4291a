/**
 * The "ask for counselling" page (`/xin-tu-van`, `/en/ask-for-help`): one HTML form posted to the page itself, in two
 * server-rendered steps, computed here before the page renders (so it can set the status and `Cache-Control`):
 *
 *   fill ──"Xem trước"──▶ preview (the points to choose among, the suggested one checked; a gentle question about
 *                          any name, phone or ID number, address or school in the message)
 *     ▲                      │
 *     └──────"Sửa lại"───────┤──"Gửi yêu cầu"──▶ receipt (the code, in this very response; never in a URL)
 *
 * The preview validates everything with the one intake schema and previews the routing without writing anything; the
 * send goes through `handleIntake` (anti-abuse gate, schema, routing, one transaction). What the person typed is kept
 * through every step, errors included.
 */
import type { FieldError } from '#src/components/form/types.ts';
import { getCommune, localUnitName, type Commune } from '#src/features/admin-units/index.ts';
import { getDirectorySnapshot } from '#src/features/directory/snapshot.server.ts';
import type { ClientKey } from '#src/features/anti-abuse/client-key.server.ts';
import { ALTCHA_FIELD, FALLBACK_FIELD } from '#src/features/anti-abuse/gate.server.ts';
import { HONEYPOT_FIELD } from '#src/features/anti-abuse/honeypot.ts';
import { handleIntake, previewRouting } from '#src/features/intake/handle-intake.server.ts';
import { intakeMessage } from '#src/features/intake/messages.ts';
import { formatReceiptCode, normalizeReceiptCode } from '#src/features/intake/receipt-code.ts';
import { FORM_TOKEN_FIELD, isFormToken, newFormToken } from '#src/features/intake/form-token.server.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { findPersonalDetails, type PersonalDetail } from '#src/features/intake/personal-details.server.ts';
import { formFieldOf, parseIntakeForm } from '#src/features/intake/schema.ts';
import { getIntakeServices, type IntakeServices } from '#src/features/intake/services.server.ts';
import type { IntakeFieldError, PointChoice, RoutingDecision } from '#src/features/intake/types.ts';
import { validateIntake } from '#src/features/intake/validate.server.ts';
import { checkPostOrigin } from '#src/lib/same-origin.ts';
import { useTranslations, type Lang } from '#src/i18n/index.ts';
import { describeError } from '#src/lib/describe-error.ts';
import { log } from '#src/lib/log.ts';
import { field, readFormBody } from '#src/lib/form-body.server.ts';
import { resolvePlace, type PlaceResolution } from './place.server.ts';
import { refusalNotice, type PageNotice } from './notices.ts';

/** The form's own fields (the anti-abuse fields come on top, on the preview step). */
export const ASK_FIELDS = [
  'who',
  'q',
  'commune',
  'lat',
  'lon',
  'helpWanted',
  'ageBand',
  'message',
  'contactKind',
  'contactValue',
  'preferredTime',
  'point',
  'formToken',
] as const;
export type AskField = (typeof ASK_FIELDS)[number];

/** What the person typed or chose, as text, exactly as it will be shown back. */
export type AskValues = Record<AskField, string>;

/** The form's buttons: `name="action"`. A form sent without a button (Enter, a script) is a preview. */
export type AskAction = 'preview' | 'send' | 'edit' | 'save-code';

/** The place as the preview and the receipt show it. */
export interface OriginLabel {
  /** "Phường Ba Đình" / "Ba Đình ward" (or the commune a position falls in). */
  readonly communeName: string;
  /** "Thành phố Hà Nội" / "Hà Nội City". */
  readonly provinceName: string;
  readonly byPosition: boolean;
}

/** What the page shows. */
export type AskView =
  | {
      readonly step: 'fill';
      readonly values: AskValues;
      readonly errors: readonly FieldError[];
      readonly place: PlaceResolution;
      readonly notice: PageNotice | undefined;
    }
  | {
      readonly step: 'preview';
      readonly values: AskValues;
      readonly origin: OriginLabel;
      /** The point selected: the requester's choice when it is offered, else the suggestion. */
      readonly routing: RoutingDecision;
      /** The points the requester may choose among, nearest first (the selected one among them). */
      readonly choice: PointChoice;
      /**
       * What in the message looks like a detail that identifies someone (the guard): shown to the writer, who decides
       * whether to keep it. Never blocks the send, never logged or stored.
       */
      readonly messageFlags: readonly PersonalDetail[];
      readonly notice: PageNotice | undefined;
    }
  | {
      readonly step: 'no-point';
      readonly values: AskValues;
      readonly origin: OriginLabel;
      readonly provinceCode: string | null;
    }
  /** The same form was sent again after its receipt's time, or with other answers: its request exists already. */
  | { readonly step: 'already-sent' }
  /** The same form sent again after its request was withdrawn: nothing sent, no receipt shown. */
  | { readonly step: 'withdrawn' }
  | {
      readonly step: 'receipt';
      readonly receiptCode: string;
      /** When the request was sent: the expected answer date counts from it. */
      readonly sentAt: Date;
      readonly routing: RoutingDecision;
      readonly contactLeft: boolean;
    };

export interface AskModel {
  /**
   * 200 for every page a person can go on with, a form shown back with its errors included (the request was fine; the
   * answers need changing); 4xx/5xx only when the page itself refuses: the origin check, a body too large or not a
   * form, a point sent that was not offered (400), a refusal of the anti-abuse gate (403, 429), or the service
   * unavailable (503).
   */
  readonly status: 200 | 400 | 403 | 413 | 415 | 429 | 503;
  readonly view: AskView;
  /** The receipt as a text file to save ("save-code"): the page answers with it instead of HTML. */
  readonly download?: { readonly filename: string; readonly text: string };
}

/** What the model needs from Astro's context. */
export interface AskContext {
  readonly request: Request;
  readonly url: URL;
  /** The keyed hash of the client's address (`clientKeyOf(Astro)`), asked only when a request is sent. */
  clientKey(): Promise<ClientKey>;
  /** The site's public origin (SITE_URL), when set: a POST may come from it. */
  readonly siteUrl: string | undefined;
  readonly services?: IntakeServices;
}

const EMPTY: AskValues = Object.fromEntries(ASK_FIELDS.map((name) => [name, ''])) as AskValues;

/** The form to fill, with what was typed, its errors and a notice about the page as a whole. */
function fill(values: AskValues, errors: readonly FieldError[] = [], notice?: PageNotice): AskView {
  return { step: 'fill', values: withToken(values), errors, place: resolvePlace(values), notice };
}

/**
 * The values with the form's one-time token: the one the form came with, else a new one. The token is made when the
 * form is first shown and travels through every step (errors, preview, "change"), so sending the same form again —
 * a reload, Back to the preview and send — always carries it (form-token.server.ts).
 */
function withToken(values: AskValues): AskValues {
  return isFormToken(values.formToken) ? values : { ...values, formToken: newFormToken() };
}

/** Builds the page's model: the empty form for a GET, the next step for a POST. */
export async function buildAskModel(context: AskContext, lang: Lang): Promise<AskModel> {
  if (context.request.method !== 'POST') return { status: 200, view: fill(await handOff(context.url)) };
  const own = [context.url.origin, ...(context.siteUrl === undefined ? [] : [context.siteUrl])];
  if (checkPostOrigin(context.request.headers, own) !== 'same-origin')
    return { status: 403, view: fill(EMPTY, [], { kind: 'origin' }) };
  const body = await readFormBody(context.request);
  if (!body.ok)
    return { status: body.reason === 'too-large' ? 413 : 415, view: fill(EMPTY, [], { kind: body.reason }) };
  const values = readValues(body.fields);
  const action = actionOf(field(body.fields, 'action'));
  try {
    if (action === 'edit') return { status: 200, view: fill(values) };
    if (action === 'save-code') return saveCode(body.fields, lang, context.url.origin, context.siteUrl);
    if (action === 'send') return await send(context, lang, values, body.fields);
    return await preview(context, lang, values);
  } catch (error) {
    // The database or the directory failed: nothing was sent, the person can safely try again.
    log.error('intake.form_failed', { step: action, error: describeError(error) });
    return { status: 503, view: fill(values, [], { kind: 'unavailable' }) };
  }
}

/**
 * The empty form, or the form started from the locator's "Xin tư vấn tại đây" (`?commune=…&point=…`, ask-link.ts):
 * the commune filled in as if chosen from the suggestions, and the point kept when the directory has it. Anything
 * else in the address is ignored.
 */
async function handOff(url: URL): Promise<AskValues> {
  const values = { ...EMPTY };
  const code = url.searchParams.get('commune') ?? '';
  const commune = /^\d{5}$/.test(code) ? getCommune(code) : undefined;
  if (commune !== undefined) {
    values.q = `${commune.fullName}, ${commune.province.name}`;
    values.commune = commune.code;
  }
  const pointId = url.searchParams.get('point') ?? '';
  if (pointId !== '' && pointId.length <= 100 && (await getDirectorySnapshot()).byId.has(pointId))
    values.point = pointId;
  return values;
}

/**
 * The receipt as a text file (the receipt's "save as a text file" button, which works without JavaScript): the code
 * comes back in the POST body (never in a URL), is checked for its shape, and goes out as an attachment that no cache
 * keeps. Nothing is looked up or written. Anything else than a well-formed code: the empty form.
 */
function saveCode(fields: URLSearchParams, lang: Lang, origin: string, siteUrl: string | undefined): AskModel {
  const canonical = normalizeReceiptCode(field(fields, 'code'));
  if (canonical === null) return { status: 400, view: fill(EMPTY) };
  const t = useTranslations(lang);
  const trackUrl = new URL(localizedPath('track', lang), siteUrl ?? origin).href;
  const text = [
    t('intake.receipt.file.title'),
    '',
    `${t('intake.receipt.codeLabel')}: ${formatReceiptCode(canonical)}`,
    `${t('intake.receipt.file.track')}: ${trackUrl}`,
    '',
    t('intake.receipt.file.private'),
    '',
  ].join('\r\n');
  return {
    status: 200,
    view: fill(EMPTY),
    download: { filename: t('intake.receipt.file.name'), text },
  };
}

/** The form's values, each field's first value (a field sent twice keeps its first). */
export function readValues(fields: URLSearchParams): AskValues {
  const values = { ...EMPTY };
  for (const name of ASK_FIELDS) values[name] = field(fields, name);
  return values;
}

function actionOf(value: string): AskAction {
  return value === 'send' || value === 'edit' || value === 'save-code' ? value : 'preview';
}

/** Step 1 → 2: validate everything, then show which point would receive the request. Writes nothing. */
async function preview(context: AskContext, lang: Lang, values: AskValues): Promise<AskModel> {
  const place = resolvePlace(values);
  const checked = check(values, place, lang);
  if (checked.errors.length > 0) return { status: 200, view: fill(values, checked.errors) };
  return previewStep(context, lang, values, place, checked.input, undefined);
}

async function previewStep(
  context: AskContext,
  lang: Lang,
  values: AskValues,
  place: PlaceResolution,
  input: URLSearchParams,
  notice: PageNotice | undefined,
  status: AskModel['status'] = 200,
): Promise<AskModel> {
  const routed = await previewRouting(input, context.services === undefined ? {} : { services: context.services });
  if (routed.kind === 'invalid') {
    return { status: 200, view: fill(values, sortErrors(localize(routed.errors, lang))) };
  }
  const origin = originLabel(place, lang);
  const kept = withToken(values);
  if (routed.kind === 'no-point')
    return { status: 200, view: { step: 'no-point', values: kept, origin, provinceCode: routed.provinceCode } };
  return {
    status,
    view: {
      step: 'preview',
      values: kept,
      origin,
      routing: routed.routing,
      choice: routed.choice,
      messageFlags: findPersonalDetails(values.message),
      notice,
    },
  };
}

/** Step 2 → receipt: the one intake handler (gate, schema, routing, one transaction). */
async function send(context: AskContext, lang: Lang, values: AskValues, fields: URLSearchParams): Promise<AskModel> {
  const place = resolvePlace(values);
  const checked = check(values, place, lang);
  if (checked.errors.length > 0) return { status: 200, view: fill(values, checked.errors) };
  const submission = new URLSearchParams(checked.input);
  for (const name of [ALTCHA_FIELD, FALLBACK_FIELD, HONEYPOT_FIELD]) {
    const value = fields.get(name);
    if (value !== null) submission.set(name, value);
  }
  if (isFormToken(values.formToken)) submission.set(FORM_TOKEN_FIELD, values.formToken);
  const services = context.services ?? (await getIntakeServices());
  const outcome = await handleIntake(submission, { lang, clientKey: await context.clientKey(), gate: true, services });
  switch (outcome.kind) {
    case 'accepted':
      return {
        status: 200,
        view: {
          step: 'receipt',
          receiptCode: outcome.receiptCode,
          sentAt: outcome.sentAt ?? services.clock.now(),
          routing: outcome.routing,
          contactLeft: outcome.contactLeft ?? (values.contactValue.trim() !== '' && values.contactKind !== 'none'),
        },
      };
    case 'already-sent':
      return { status: 200, view: { step: 'already-sent' } };
    case 'withdrawn':
      return { status: 200, view: { step: 'withdrawn' } };
    case 'invalid':
      return { status: 200, view: fill(values, sortErrors(localize(outcome.errors, lang))) };
    case 'no-point':
      return {
        status: 200,
        view: { step: 'no-point', values, origin: originLabel(place, lang), provinceCode: outcome.provinceCode },
      };
    case 'not-offered':
      // Shown on the preview again, with the points that are offered (the suggestion selected): nothing was sent.
      return previewStep(
        context,
        lang,
        { ...values, point: '' },
        place,
        checked.input,
        { kind: 'point-not-offered' },
        400,
      );
    case 'refused': {
      // Shown on the preview again, with a fresh proof: nothing was sent, and nothing the person wrote is lost.
      const notice = refusalNotice(outcome.reason, outcome.retryAfterSeconds);
      return previewStep(
        context,
        lang,
        values,
        place,
        checked.input,
        notice,
        outcome.reason === 'rate-limited' ? 429 : 403,
      );
    }
  }
}

/**
 * Checks the form with the one schema (and the place resolution), without the anti-abuse fields. Returns the schema
 * input as the handler's form fields, and the errors localized and in the form's order.
 */
export function check(
  values: AskValues,
  place: PlaceResolution,
  lang: Lang,
): { input: URLSearchParams; errors: FieldError[] } {
  const input = new URLSearchParams();
  const put = (name: string, value: string) => {
    if (value.trim() !== '') input.set(name, value);
  };
  put('who', values.who);
  if (place.kind === 'commune') put('communeCode', place.commune.code);
  if (place.kind === 'position') {
    put('lat', place.lat);
    put('lon', place.lon);
  }
  put('helpWanted', values.helpWanted);
  put('ageBand', values.ageBand);
  put('message', values.message);
  put('contactKind', values.contactKind);
  put('contactValue', values.contactValue);
  put('preferredTime', values.preferredTime);
  put('point', values.point);

  const validation = validateIntake(parseIntakeForm(input));
  const schemaErrors = validation.ok ? [] : localize(validation.errors, lang);
  const placeError = placeErrorOf(place, lang);
  const errors =
    placeError === undefined ? schemaErrors : [...schemaErrors.filter((error) => error.field !== 'q'), placeError];
  return { input, errors: sortErrors(errors) };
}

/** The error the place resolution itself gives (the schema cannot see a name that found no single commune). */
function placeErrorOf(place: PlaceResolution, lang: Lang): FieldError | undefined {
  const t = useTranslations(lang);
  switch (place.kind) {
    case 'choose':
      return { field: 'commune', message: t('intake.form.place.chooseError', { q: place.q }) };
    case 'not-found':
      return { field: 'q', message: t('intake.form.place.notFound', { q: place.q }) };
    case 'province-only':
      return { field: 'q', message: t('intake.form.place.provinceOnly') };
    case 'too-long':
      return { field: 'q', message: t('intake.form.place.tooLong') };
    default:
      return undefined;
  }
}

/** The schema's errors, localized, on the form's fields (every place error lands on the place name field). */
export function localize(errors: readonly IntakeFieldError[], lang: Lang): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of errors) {
    const mapped = formFieldOf(error.field);
    const name = PLACE_FIELDS.has(mapped) ? 'q' : mapped;
    // One message per field: the first is the one to fix first.
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ field: name, message: intakeMessage(error.messageKey, lang) });
  }
  return out;
}

const PLACE_FIELDS = new Set(['communeCode', 'lat', 'lon', 'position', 'place']);

const ORDER: readonly string[] = [
  'who',
  'q',
  'commune',
  'helpWanted',
  'ageBand',
  'message',
  'contactKind',
  'contactValue',
  'preferredTime',
  'point',
];

/** Errors in the order of the fields on the page (the summary reads top to bottom, like the form). */
export function sortErrors(errors: readonly FieldError[]): FieldError[] {
  const rank = (name: string) => {
    const index = ORDER.indexOf(name);
    return index === -1 ? ORDER.length : index;
  };
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field));
}

function originLabel(place: PlaceResolution, lang: Lang): OriginLabel {
  const t = useTranslations(lang);
  const commune: Commune | undefined =
    place.kind === 'commune' || place.kind === 'position' ? place.commune : undefined;
  return {
    communeName: commune === undefined ? t('intake.preview.yourLocation') : localUnitName(commune, lang),
    provinceName: commune === undefined ? '' : localUnitName(commune.province, lang),
    byPosition: place.kind === 'position',
  };
}
