/**
 * THE request schema of the counselling intake (zod): the JSON API, the HTML form (through `parseIntakeForm`), the
 * island and the tests all use it. Errors are i18n keys (`messages.ts`) with the field named.
 *
 * Browser-safe: the checks that need the administrative units (does this commune exist; which commune is this position
 * in) are passed in as `PlaceChecks`; the server binds them in `validate.server.ts`. Without them, only formats are
 * checked (what an island can do before sending).
 *
 * The anti-abuse fields (`altcha`, `fallback`, the honeypot `website`) are NOT part of this schema: the gate reads and
 * removes them first (`splitAntiAbuseFields`). Everything else that is not listed here is refused (`.strict()`).
 */
import { z } from 'astro/zod';
import type { Lang } from '#src/i18n/index.ts';
import {
  ageBands,
  helpWanted,
  requesterKinds,
  type AgeBand,
  type HelpWanted,
  type RequesterKind,
} from '#src/features/lists/index.ts';
import type { IntakeFieldError } from './types.ts';
import { isIntakeMessageKey, type IntakeMessageKey } from './messages.ts';
import { normalizeEmail, normalizeFreeText, normalizeVietnamesePhone } from './text.ts';

export { MESSAGE_MAX_LENGTH } from './text.ts';

/** When the requester would like to be contacted. */
export const PREFERRED_TIMES = ['morning', 'afternoon', 'evening', 'any'] as const;
export type PreferredTime = (typeof PREFERRED_TIMES)[number];

/** How the requester may be contacted (a Zalo contact is a phone number). */
export const CONTACT_KINDS = ['phone', 'email', 'zalo'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/**
 * A box around Vietnam's territory, the Hoàng Sa (Paracel) and Trường Sa (Spratly) archipelagos included. A position
 * outside it is refused; one inside it must still be near a commune (`PlaceChecks.communeAt`).
 */
export const VIETNAM_BOUNDS = { minLat: 6.0, maxLat: 23.5, minLon: 102.0, maxLon: 117.9 } as const;

/** Decimal places a position keeps (2 ≈ 1 km): the browser rounds before sending, and the server rounds again. */
export const POSITION_DECIMALS = 2;

/** The anti-abuse fields a submission may carry besides the schema's fields (read by the gate, then dropped). */
export const ANTI_ABUSE_FIELDS = ['altcha', 'fallback', 'website'] as const;

/** What the schema needs to know about places (bound to the administrative units on the server). */
export interface PlaceChecks {
  communeExists(code: string): boolean;
  /** The commune a position is in (approximately), or undefined when none is near. */
  communeAt(lat: number, lon: number): { code: string; provinceCode: string } | undefined;
}

/** Where the request comes from: a commune the requester chose, or a rounded position. */
export type IntakePlace = { kind: 'commune'; communeCode: string } | { kind: 'position'; lat: number; lon: number };

/** A valid request, normalized. */
export interface IntakeRequest {
  who: RequesterKind;
  place: IntakePlace;
  helpWanted: HelpWanted;
  ageBand: AgeBand;
  /** NFC, trimmed, line breaks as `\n`; null when none. */
  message: string | null;
  /** Phone and Zalo as `0…` (national form); e-mail trimmed with the domain in lower case. */
  contact: { kind: ContactKind; value: string } | null;
  preferredTime: PreferredTime | null;
  /** The language the requester wrote in (for later notices); null means the page's. */
  lang: Lang | null;
  /** The point the requester chose among those offered (routing checks it is one); null: the suggested one. */
  pointId: string | null;
}

type Key = IntakeMessageKey;

const issue = (ctx: z.RefinementCtx, message: Key, path: (string | number)[] = []) =>
  ctx.addIssue({ code: 'custom', message, path });

/** A required choice from a list: missing → `<field>.required`, anything else wrong → `<field>.invalid`. */
const choice = <const T extends readonly [string, ...string[]]>(codes: T, required: Key, invalid: Key) =>
  z.enum(codes, {
    error: (iss) => (iss.input === undefined || iss.input === null || iss.input === '' ? required : invalid),
  });

const optionalChoice = <const T extends readonly [string, ...string[]]>(codes: T, invalid: Key) =>
  z.enum(codes, { error: () => invalid }).nullish();

const round = (value: number) => {
  const factor = 10 ** POSITION_DECIMALS;
  // +0 turns a -0 into 0.
  return Math.round(value * factor) / factor + 0;
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Builds the schema; with `places`, commune codes must exist and positions must be near a commune. */
export function createIntakeSchema(places?: PlaceChecks) {
  const communeCode = z
    .string({ error: () => 'intake.communeCode.invalid' satisfies Key })
    .nullish()
    .superRefine((value, ctx) => {
      if (value === undefined || value === null) return;
      if (!/^[0-9]{5}$/.test(value)) issue(ctx, 'intake.communeCode.invalid');
      else if (places && !places.communeExists(value)) issue(ctx, 'intake.communeCode.unknown');
    });

  const coordinate = z.number({ error: () => 'intake.position.invalid' satisfies Key }).refine(Number.isFinite, {
    error: 'intake.position.invalid' satisfies Key,
  });
  const position = z
    .object({ lat: coordinate, lon: coordinate }, { error: () => 'intake.position.invalid' satisfies Key })
    .strict()
    .nullish()
    .transform((value, ctx) => {
      if (value === undefined || value === null) return null;
      const lat = round(value.lat);
      const lon = round(value.lon);
      const { minLat, maxLat, minLon, maxLon } = VIETNAM_BOUNDS;
      if (lat < minLat || lat > maxLat || lon < minLon || lon > maxLon) {
        issue(ctx, 'intake.position.outsideVietnam');
        return z.NEVER;
      }
      if (places && places.communeAt(lat, lon) === undefined) {
        issue(ctx, 'intake.position.noCommune');
        return z.NEVER;
      }
      return { lat, lon };
    });

  // `.optional()` after the transform: an absent key skips it (and comes out undefined).
  const message = z
    .unknown()
    .transform((value, ctx): string | null => {
      if (value === undefined || value === null) return null;
      const result = normalizeFreeText(value);
      if (result.ok) return result.value;
      issue(ctx, `intake.message.${result.reason}`);
      return z.NEVER;
    })
    .optional();

  const contact = z
    .unknown()
    .transform((value, ctx): IntakeRequest['contact'] => {
      if (value === undefined || value === null) return null;
      if (!isObject(value)) {
        issue(ctx, 'intake.contact.invalid');
        return z.NEVER;
      }
      let failed = false;
      for (const key of Object.keys(value)) {
        if (key !== 'kind' && key !== 'value') {
          ctx.addIssue({ code: 'unrecognized_keys', keys: [key], path: [], input: value });
          failed = true;
        }
      }
      const { kind, value: raw } = value;
      if (kind === undefined || kind === null || kind === '') {
        issue(ctx, 'intake.contact.kindRequired', ['kind']);
        failed = true;
      } else if (typeof kind !== 'string' || !(CONTACT_KINDS as readonly string[]).includes(kind)) {
        issue(ctx, 'intake.contact.kindInvalid', ['kind']);
        failed = true;
      }
      const contactKind = kind as ContactKind;
      if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
        issue(ctx, 'intake.contact.valueRequired', ['value']);
        return z.NEVER;
      }
      if (failed) return z.NEVER;
      const text = typeof raw === 'string' ? raw : undefined;
      if (contactKind === 'email') {
        const email = text === undefined ? null : normalizeEmail(text);
        if (email !== null) return { kind: 'email', value: email };
        issue(ctx, 'intake.contact.emailInvalid', ['value']);
        return z.NEVER;
      }
      const phone = text === undefined ? null : normalizeVietnamesePhone(text);
      if (contactKind === 'zalo') {
        if (phone?.mobile) return { kind: 'zalo', value: phone.number };
        issue(ctx, 'intake.contact.zaloInvalid', ['value']);
        return z.NEVER;
      }
      if (phone !== null) return { kind: 'phone', value: phone.number };
      issue(ctx, 'intake.contact.phoneInvalid', ['value']);
      return z.NEVER;
    })
    .optional();

  // Only its shape here: whether it is one of the points offered for this place and help is routing's to say.
  const pointId = z
    .string({ error: () => 'intake.pointId.notOffered' satisfies Key })
    .trim()
    .min(1, { error: 'intake.pointId.notOffered' satisfies Key })
    .max(100, { error: 'intake.pointId.notOffered' satisfies Key })
    .nullish();

  return z
    .object(
      {
        who: choice(requesterKinds.codes, 'intake.who.required', 'intake.who.invalid'),
        communeCode,
        position,
        helpWanted: choice(helpWanted.codes, 'intake.helpWanted.required', 'intake.helpWanted.invalid'),
        ageBand: choice(ageBands.codes, 'intake.ageBand.required', 'intake.ageBand.invalid'),
        message,
        contact,
        preferredTime: optionalChoice(PREFERRED_TIMES, 'intake.preferredTime.invalid'),
        lang: optionalChoice(['vi', 'en'], 'intake.lang.invalid'),
        pointId,
      },
      { error: () => 'intake.request.notObject' satisfies Key },
    )
    .strict()
    .superRefine(
      (value, ctx) => {
        // Runs even when other fields failed (`when`), so the summary lists every problem at once.
        const raw: unknown = value;
        if (!isObject(raw)) return;
        const none = (field: unknown) => field === undefined || field === null || field === '';
        if (none(raw['communeCode']) && none(raw['position'])) issue(ctx, 'intake.place.required', ['communeCode']);
      },
      { when: (payload) => isObject(payload.value) },
    )
    .transform((value): IntakeRequest => ({
      who: value.who,
      // The commune the person chose wins over a position (the island may send both).
      place:
        value.communeCode !== undefined && value.communeCode !== null
          ? { kind: 'commune', communeCode: value.communeCode }
          : { kind: 'position', lat: value.position?.lat ?? 0, lon: value.position?.lon ?? 0 },
      helpWanted: value.helpWanted,
      ageBand: value.ageBand,
      message: value.message ?? null,
      contact: value.contact ?? null,
      preferredTime: value.preferredTime ?? null,
      lang: value.lang ?? null,
      pointId: value.pointId ?? null,
    }));
}

/** The format-only schema (no administrative units): for islands and quick checks. */
export const intakeFormatSchema = createIntakeSchema();

/** Most errors reported for one request (a body with thousands of unknown fields gets the first ones). */
export const MAX_FIELD_ERRORS = 50;

/** Turns zod issues into field errors: the field's dotted path (`contact.value`) and an i18n key. */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[]): IntakeFieldError[] {
  const errors: IntakeFieldError[] = [];
  const seen = new Set<string>();
  const add = (path: readonly PropertyKey[], messageKey: string) => {
    const field = path.length === 0 ? 'request' : path.map(String).join('.');
    const id = `${field}\n${messageKey}`;
    if (seen.has(id) || errors.length >= MAX_FIELD_ERRORS) return;
    seen.add(id);
    errors.push({ field, messageKey });
  };
  for (const problem of issues) {
    if (problem.code === 'unrecognized_keys') {
      for (const key of problem.keys) add([...problem.path, key], 'intake.field.unknown');
    } else {
      add(problem.path, isIntakeMessageKey(problem.message) ? problem.message : 'intake.field.invalid');
    }
  }
  return errors;
}

export type IntakeValidation = { ok: true; request: IntakeRequest } | { ok: false; errors: IntakeFieldError[] };

/** Validates with a schema made by `createIntakeSchema`. */
export function validateWith(schema: ReturnType<typeof createIntakeSchema>, input: unknown): IntakeValidation {
  // JSON.parse makes `"__proto__"` an own key, which zod's strict objects let through (they skip it like the
  // prototype accessor); it is an unknown field like any other, so it is refused with the same message.
  if (typeof input === 'object' && input !== null && Object.hasOwn(input, '__proto__')) {
    return { ok: false, errors: [{ field: '__proto__', messageKey: 'intake.field.unknown' }] };
  }
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, request: result.data }
    : { ok: false, errors: toFieldErrors(result.error.issues) };
}

/** The HTML form's field names (the page renders these; `formFieldOf` maps an error's field onto them). */
export const FORM_FIELDS = {
  who: 'who',
  communeCode: 'communeCode',
  lat: 'lat',
  lon: 'lon',
  helpWanted: 'helpWanted',
  ageBand: 'ageBand',
  message: 'message',
  contactKind: 'contactKind',
  contactValue: 'contactValue',
  preferredTime: 'preferredTime',
  lang: 'lang',
  point: 'point',
} as const;

/** The form field an error belongs to (`contact.value` → `contactValue`, `position.lat` → `lat`…). */
export function formFieldOf(field: string): string {
  if (field === 'contact' || field === 'contact.kind') return FORM_FIELDS.contactKind;
  if (field === 'contact.value') return FORM_FIELDS.contactValue;
  if (field === 'position' || field === 'position.lat') return FORM_FIELDS.lat;
  if (field === 'position.lon') return FORM_FIELDS.lon;
  if (field === 'pointId') return FORM_FIELDS.point;
  return field;
}

/** The value "no contact" of the form's contact choice. */
export const NO_CONTACT = 'none';

/**
 * Turns the HTML form's fields into the schema's input (the same schema then checks it). Empty fields are left out;
 * `lat`/`lon` become a `position` (numbers when they look like numbers, so the schema reports anything else);
 * `contactKind`/`contactValue` become a `contact` unless the kind is "none" (or both are empty). Fields
 * that are not the form's are kept, so the schema refuses them as it refuses unknown JSON fields; the anti-abuse fields
 * are left out (the gate reads them from the form itself). A field sent twice, or a file, is passed on as is (an array or
 * a File), and the schema refuses it.
 */
export function parseIntakeForm(form: FormData | URLSearchParams): Record<string, unknown> {
  const values = new Map<string, unknown>();
  for (const name of new Set(form.keys())) {
    const all = form.getAll(name);
    values.set(name, all.length === 1 ? all[0] : all);
  }
  const take = (name: string): unknown => {
    const value = values.get(name);
    values.delete(name);
    return typeof value === 'string' && value.trim() === '' ? undefined : value;
  };
  for (const field of ANTI_ABUSE_FIELDS) values.delete(field);

  const input: Record<string, unknown> = {};
  const put = (key: string, value: unknown) => {
    if (value !== undefined) input[key] = value;
  };
  put('who', take(FORM_FIELDS.who));
  put('communeCode', take(FORM_FIELDS.communeCode));
  const lat = take(FORM_FIELDS.lat);
  const lon = take(FORM_FIELDS.lon);
  if (lat !== undefined || lon !== undefined) put('position', { lat: formNumber(lat), lon: formNumber(lon) });
  put('helpWanted', take(FORM_FIELDS.helpWanted));
  put('ageBand', take(FORM_FIELDS.ageBand));
  put('message', take(FORM_FIELDS.message));
  const contactKind = take(FORM_FIELDS.contactKind);
  const contactValue = take(FORM_FIELDS.contactValue);
  // "No contact" chosen: a number typed before changing one's mind is dropped, not sent.
  if (contactKind !== NO_CONTACT && !(contactKind === undefined && contactValue === undefined)) {
    put('contact', { kind: contactKind, value: contactValue });
  }
  put('preferredTime', take(FORM_FIELDS.preferredTime));
  put('lang', take(FORM_FIELDS.lang));
  put('pointId', take(FORM_FIELDS.point));
  // Unknown fields are kept (validation names them); defineProperty, so a field named `__proto__` stays a field.
  for (const [name, value] of values)
    Object.defineProperty(input, name, { value, enumerable: true, writable: true, configurable: true });
  return input;
}

function formNumber(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return /^-?\d{1,3}(?:\.\d{1,12})?$/.test(text) ? Number(text) : value;
}
