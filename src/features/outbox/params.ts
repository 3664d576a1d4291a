/**
 * The kinds of value a notice may carry, and the checks that keep personal content out of them. A template lists its
 * parameters with one of these kinds; anything else is refused at enqueue time and again at send time.
 */
export type ParamKind = 'text' | 'link' | 'count' | 'token' | 'date';

/** One parameter a template accepts. */
export interface ParamSpec {
  readonly kind: ParamKind;
  readonly required: boolean;
}

const MAX_TEXT = 120;
const MAX_LINK = 500;

// Text parameters are names of points and organizations. What looks like an e-mail address, a web address or a phone
// number is refused, so a caller cannot slip contact details (or a whole request) into a notice by mistake.
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const LOOKS_LIKE_CONTACT = /@|:\/\/|\bwww\.|(?:\d[\s.()-]*){7,}/i;

/** Why `value` is not acceptable as a parameter of this kind, or undefined when it is. */
export function paramProblem(kind: ParamKind, value: string): string | undefined {
  switch (kind) {
    case 'text':
      if (value.trim() === '' || value.length > MAX_TEXT) return `must be 1 to ${MAX_TEXT} characters`;
      if (CONTROL.test(value)) return 'must be one line without control characters';
      if (LOOKS_LIKE_CONTACT.test(value))
        return 'must not look like an e-mail address, a web address or a phone number';
      return undefined;
    case 'link':
      if (value.length > MAX_LINK || CONTROL.test(value) || /\s/.test(value))
        return 'must be a site path or URL without spaces';
      if (isSitePath(value)) return undefined;
      if (URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol)) return undefined;
      return 'must be a path on the site (/…) or an http(s) URL of the site';
    case 'count':
      return /^(?:0|[1-9][0-9]{0,6})$/.test(value) ? undefined : 'must be a whole number from 0 to 9999999';
    case 'token':
      return /^[A-Za-z0-9_-]{16,256}$/.test(value)
        ? undefined
        : 'must be 16 to 256 characters of A–Z, a–z, 0–9, _ or -';
    case 'date':
      return /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/.test(value) ? undefined : 'must be a date YYYY-MM-DD';
  }
}

function isSitePath(value: string): boolean {
  return value.startsWith('/') && !value.startsWith('//') && !value.includes('\\');
}

/**
 * Resolves a link parameter against the site's origin at send time. A path gets the origin; an absolute URL must
 * already be on that origin (a notice never links elsewhere). Returns undefined when the URL is on another origin.
 */
export function resolveSiteLink(value: string, siteUrl: string): string | undefined {
  const origin = new URL(siteUrl).origin;
  const url = isSitePath(value) ? new URL(value, origin) : new URL(value);
  return url.origin === origin ? url.href : undefined;
}
