/**
 * `/.well-known/security.txt` (RFC 9116): whom to tell about a security problem. The contacts come from
 * SECURITY_CONTACT, read when the server runs, so each installation names its own team.
 */

/** How far ahead `Expires` lies: RFC 9116 recommends less than a year, so a copy someone keeps goes stale in time. */
export const SECURITY_TXT_VALID_DAYS = 180;

export interface SecurityTxtOptions {
  /** `mailto:`, `https:` or `tel:` URIs, preferred first. */
  contacts: readonly string[];
  /** The public origin; the file names its own canonical address on it. */
  origin: string;
  now: Date;
}

/** The file's text (CRLF line ends are allowed but not required; LF is used). */
export function securityTxt({ contacts, origin, now }: SecurityTxtOptions): string {
  const expires = new Date(now.getTime() + SECURITY_TXT_VALID_DAYS * 24 * 60 * 60 * 1000);
  expires.setUTCHours(0, 0, 0, 0);
  return [
    ...contacts.map((contact) => `Contact: ${contact}`),
    `Expires: ${expires.toISOString()}`,
    'Preferred-Languages: vi, en',
    `Canonical: ${origin}/.well-known/security.txt`,
    '',
  ].join('\n');
}
