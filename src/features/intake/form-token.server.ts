/**
 * The ask page's one-time form token (issue 19, item 1): a receipt that cannot be lost or doubled.
 *
 * Every preview form carries a fresh random token (256 bits). A send that writes a case writes the token's keyed hash
 * with it, in the same statement, under a primary key (`intake_form_tokens`): however often the form is sent (two
 * taps, a reload, back and send again, JavaScript on or off, any instance, either engine), one case at most.
 *
 * A send of a token that already wrote a case is answered before the anti-abuse gate (whose proof was spent by the
 * first send, so it would say "too early"): with the same receipt for 15 minutes when the same answers come again,
 * else with "already sent — add to it from Theo dõi yêu cầu". The code for that is kept sealed under a key derived
 * from the token and the server's key (`sealResend`): useless without the token, which only the requester's browser
 * holds, and deleted once it expires. Never in a URL, never in plain form.
 */
import { createHash } from 'node:crypto';
import type { DataKey, Keyring } from '#src/features/crypto/keyring.server.ts';
import { deriveSecret } from '#src/features/crypto/derive-secret.server.ts';
import { DecryptionError, open, seal, sealedKeyId } from '#src/features/crypto/field-encryption.server.ts';
import { keyedHash, keyedHashesForLookup, type KeyedHash } from '#src/features/crypto/keyed-hash.server.ts';
import { secureRandomBytes } from '#src/lib/random-bytes.server.ts';

/** The form field (and JSON key) that carries the token. */
export const FORM_TOKEN_FIELD = 'formToken';

/** How long a resend shows the same receipt again, in minutes. */
export const RESEND_MINUTES = 15;

const HASH_PURPOSE = 'intake-form-token';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new token: 32 random bytes, base64url (43 characters). */
export function newFormToken(): string {
  return secureRandomBytes(32).toString('base64url');
}

/** True for a value shaped like a token (anything else is ignored: the send is treated as a form without one). */
export function isFormToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_PATTERN.test(value);
}

/** The token's keyed hash under the current key (what is stored). */
export function formTokenHash(keyring: Keyring, token: string): KeyedHash {
  return keyedHash(keyring, HASH_PURPOSE, token);
}

/** The token's keyed hash under every key (a look-up matches a hash made before a key rotation). */
export function formTokenLookupHashes(keyring: Keyring, token: string): Buffer[] {
  return keyedHashesForLookup(keyring, HASH_PURPOSE, token).map((entry) => entry.hash);
}

/** What a resend needs to show the same receipt. */
export interface ResendReceipt {
  /** The receipt code as shown ("7KQM-2W9D-X4TB"). */
  readonly code: string;
  /** A digest of what was sent: a resend with other answers (an edited message) gets "already sent" instead. */
  readonly digest: string;
  readonly contactLeft: boolean;
}

// A keyring of one key, derived from the data key and the token: what it seals opens only with the token again.
function tokenKeyring(dataKey: DataKey, token: string): Keyring {
  const derived: DataKey = { id: dataKey.id, key: deriveSecret(dataKey, `intake-resend:${token}`) };
  return { current: derived, byId: new Map([[derived.id, derived]]) };
}

const context = (tokenHash: Buffer) => `intake-form-token:${tokenHash.toString('hex')}:resend`;

/** Seals the receipt for resends under a key derived from the token and the keyring's current key. */
export function sealResend(keyring: Keyring, token: string, tokenHash: Buffer, receipt: ResendReceipt): Buffer {
  return seal(tokenKeyring(keyring.current, token), JSON.stringify(receipt), context(tokenHash));
}

/** Opens a sealed receipt with the token; undefined when it does not open (wrong token, unknown key, tampering). */
export function openResend(
  keyring: Keyring,
  token: string,
  tokenHash: Buffer,
  sealed: Uint8Array,
): ResendReceipt | undefined {
  const dataKey = keyring.byId.get(sealedKeyId(sealed));
  if (dataKey === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(open(tokenKeyring(dataKey, token), sealed, context(tokenHash)));
    if (typeof value !== 'object' || value === null) return undefined;
    const { code, digest, contactLeft } = value as Record<string, unknown>;
    if (typeof code !== 'string' || typeof digest !== 'string' || typeof contactLeft !== 'boolean') return undefined;
    return { code, digest, contactLeft };
  } catch (error) {
    if (error instanceof DecryptionError || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/**
 * A digest of the answers sent (the schema's input, keys sorted), compared only inside the sealed receipt: the same
 * answers again show the same receipt, edited ones are told the request was already sent.
 */
export function submissionDigest(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
