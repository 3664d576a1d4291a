/**
 * Parsers for single cells. Each returns the clean value or a reason code; the caller turns reasons into messages with
 * the row and column. They are lenient where spreadsheets are known to damage values (Excel drops the leading zero of
 * a phone number or a code typed as a number, and writes dates as DD/MM/YYYY) and strict everywhere else.
 */

/** Either a value or the reason it was refused. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/**
 * A Vietnamese phone number, stored in national form without spaces:
 * - 10 digits starting with 0 (mobile, e.g. 0912345678), or 11 digits starting with 02 (a landline with its area
 *   code, e.g. 02438251234: since 2017 fixed lines are 02x + 8 digits);
 * - the same written with +84 / 0084 / 84 instead of the 0 (stored with the 0);
 * - a short line of 3 to 5 digits (111, 115, 1022);
 * - a 1800 / 1900 line (1800 1567, 1900 6187).
 * Spaces, dots, dashes and parentheses are ignored. A number Excel stored as a number lost its leading 0: 9 digits
 * starting with 3, 5, 7, 8 or 9, or 10 digits starting with 2, get it back.
 */
export function parsePhone(raw: string): Parsed<string> {
  let digits = raw.trim().replace(/[\s.()\-\u2010-\u2015]/g, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('0084')) digits = `0${digits.slice(4)}`;
  else if (/^84\d{9,10}$/.test(digits)) digits = `0${digits.slice(2)}`;
  if (!/^\d+$/.test(digits)) return fail('phone-characters');
  if (/^[35789]\d{8}$/.test(digits) || /^2\d{9}$/.test(digits)) digits = `0${digits}`;
  if (/^0[1-9]\d{8}$/.test(digits)) return ok(digits);
  if (/^02\d{9}$/.test(digits)) return ok(digits);
  if (/^1[89]00\d{4}(\d{2})?$/.test(digits)) return ok(digits);
  if (/^[1-9]\d{2,4}$/.test(digits)) return ok(digits);
  return fail('phone-format');
}

// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is proven by the first notice, not here.
const EMAIL_PATTERN = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[^\s@"<>(),;:.]{2,}$/;

/** An e-mail address (trimmed, domain lower-cased). */
export function parseEmail(raw: string): Parsed<string> {
  const value = raw.trim();
  if (value.length > 254 || !EMAIL_PATTERN.test(value)) return fail('email-format');
  const at = value.lastIndexOf('@');
  return ok(`${value.slice(0, at)}@${value.slice(at + 1).toLowerCase()}`);
}

/** A calendar date as YYYY-MM-DD, from YYYY-MM-DD or DD/MM/YYYY (also D/M/YYYY, DD-MM-YYYY, DD.MM.YYYY). */
export function parseDate(raw: string): Parsed<string> {
  const value = raw.trim();
  let year: number;
  let month: number;
  let day: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const local = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (local) [day, month, year] = [Number(local[1]), Number(local[2]), Number(local[3])];
  else return fail('date-format');
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return fail('date-invalid');
  }
  return ok(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

/** A decimal number; a decimal comma is accepted (Vietnamese spreadsheets write 21,0285). */
export function parseDecimal(raw: string): Parsed<number> {
  const value = raw.trim().replace(/^(-?\d+),(\d+)$/, '$1.$2');
  if (!/^-?\d{1,3}(\.\d{1,15})?$/.test(value)) return fail('number-format');
  return ok(Number(value));
}

/** A whole number of years, 0 to 120. */
export function parseAge(raw: string): Parsed<number> {
  const value = raw.trim();
  if (!/^\d{1,3}$/.test(value)) return fail('age-format');
  const age = Number(value);
  return age <= 120 ? ok(age) : fail('age-format');
}

/**
 * A code padded with leading zeros to `width` digits (Excel turns "01" into 1 and "00004" into 4). Undefined when the
 * text is not 1 to `width` digits.
 */
export function padCode(raw: string, width: number): string | undefined {
  const value = raw.trim();
  return new RegExp(`^\\d{1,${width}}$`).test(value) ? value.padStart(width, '0') : undefined;
}

/**
 * Splits a list cell on `;` (or a line break). A part that is not a known value as a whole is split again on `,`, so
 * both "tư vấn, methadone" and a label that itself holds a comma ("Tư vấn tâm lý, xã hội") read as intended.
 */
export function splitList(raw: string, isKnown: (part: string) => boolean): string[] {
  const parts: string[] = [];
  for (const piece of raw.split(/[;\n\r]+/)) {
    const part = piece.trim();
    if (part === '') continue;
    if (isKnown(part) || !part.includes(',')) parts.push(part);
    else
      parts.push(
        ...part
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== ''),
      );
  }
  return parts;
}

/** Latitude and longitude bounds that hold all of Vietnam, Hoàng Sa and Trường Sa included (WGS 84). */
export const VIETNAM_BOUNDS = { minLat: 6.0, maxLat: 23.5, minLon: 102.0, maxLon: 118.0 } as const;

/** True when the point is inside {@link VIETNAM_BOUNDS}. */
export function insideVietnam(lat: number, lon: number): boolean {
  const b = VIETNAM_BOUNDS;
  return lat >= b.minLat && lat <= b.maxLat && lon >= b.minLon && lon <= b.maxLon;
}
