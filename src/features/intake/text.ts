/**
 * Checks and normal forms for what a requester types: free text (the message, follow-ups), Vietnamese phone numbers
 * and e-mail addresses. Pure and browser-safe (the island uses the same rules).
 */

/** Most characters (code points, after normalizing) in a message or a follow-up. */
export const MESSAGE_MAX_LENGTH = 2000;

/**
 * True when the text holds a control character (Unicode category Cc) other than tab (U+0009) and line feed (U+000A):
 * the other C0 controls, DEL and the C1 controls. Carriage returns are turned into line feeds before this check
 * (browsers send textarea line breaks as CRLF).
 */
export function hasForbiddenControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

export type FreeTextResult =
  { ok: true; value: string | null } | { ok: false; reason: 'invalid' | 'tooLong' | 'controlChars' };

/**
 * A message as stored: line breaks as `\n`, NFC-normalized, trimmed; `null` when nothing is left. Refuses non-strings,
 * text longer than `max` code points, control characters other than newline and tab, and broken UTF-16 (lone
 * surrogates, which is what broken UTF-8 decodes to in some paths).
 */
export function normalizeFreeText(raw: unknown, max: number = MESSAGE_MAX_LENGTH): FreeTextResult {
  if (typeof raw !== 'string') return { ok: false, reason: 'invalid' };
  // Text this long cannot be within the limit after normalizing (NFC composes at most three code units into one, and
  // CRLF → LF only shrinks it): refused before any work, so a megabyte string costs nothing.
  if (raw.length > max * 4) return { ok: false, reason: 'tooLong' };
  if (!raw.isWellFormed()) return { ok: false, reason: 'controlChars' };
  const lines = raw.replace(/\r\n?/g, '\n');
  if (hasForbiddenControl(lines)) return { ok: false, reason: 'controlChars' };
  const value = lines.normalize('NFC').trim();
  if (value === '') return { ok: true, value: null };
  if (codePointLength(value) > max) return { ok: false, reason: 'tooLong' };
  return { ok: true, value };
}

/** Length in code points (what a person counts as characters for Vietnamese text in NFC). */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** A phone number in its national form (`0` + 9 or 10 digits), and whether it is a mobile number. */
export interface VietnamesePhone {
  number: string;
  mobile: boolean;
}

/**
 * A Vietnamese phone number in any usual spelling (`0912 345 678`, `0912.345.678`, `+84 912 345 678`, `84912345678`,
 * `(024) 3825 1234`) as `0…`, or `null`. Mobile numbers: 0 + 3/5/7/8/9 + 8 digits. Landlines: 0 + 2 + 9 digits (area
 * code and subscriber number, since the 2017 renumbering).
 */
export function normalizeVietnamesePhone(raw: string): VietnamesePhone | null {
  if (raw.length > 40) return null;
  const compact = raw.replace(/[\s.\-()\u00A0]/g, '');
  let national: string;
  if (/^\+84\d+$/.test(compact)) national = compact.slice(3);
  else if (/^0084\d+$/.test(compact)) national = compact.slice(4);
  else if (/^84\d{9,10}$/.test(compact)) national = compact.slice(2);
  else if (/^0\d+$/.test(compact)) national = compact.slice(1);
  else return null;
  // "+84 0912 …": people often keep the trunk 0 after the country code.
  if (national.startsWith('0')) national = national.slice(1);
  if (/^[35789]\d{8}$/.test(national)) return { number: `0${national}`, mobile: true };
  if (/^2\d{9}$/.test(national)) return { number: `0${national}`, mobile: false };
  return null;
}

// One plain address: no display name, no spaces, no characters that could start a mail header; a dot in the domain.
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** An e-mail address as stored (trimmed, domain in lower case), or `null` when it is not one plain address. */
export function normalizeEmail(raw: string): string | null {
  const value = raw.trim();
  if (value.length > 254 || !EMAIL.test(value)) return null;
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  if (local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return null;
  return `${local}@${value.slice(at + 1).toLowerCase()}`;
}
