/**
 * Receipt codes (DESIGN.md, public contracts): 12 characters of Crockford base32 in groups of four, e.g.
 * `7KQM-2W9D-X4TB` — 60 bits from the operating system's CSPRNG. Case-insensitive on input; hyphens and spaces are
 * ignored; I and L read as 1, O as 0 (Crockford's decoding rules). Only a keyed hash of the code is ever stored.
 */
import { secureRandomBytes } from '#src/lib/random-bytes.server.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import { keyedHash, keyedHashesForLookup, type KeyedHash } from '#src/features/crypto/keyed-hash.server.ts';

/** Crockford's base32 alphabet: digits and letters without I, L, O, U. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Characters in a code (without hyphens). */
export const RECEIPT_CODE_LENGTH = 12;

/** Bits of entropy in a code: 12 × 5. */
export const RECEIPT_CODE_BITS = RECEIPT_CODE_LENGTH * 5;

/** The canonical printed form: `XXXX-XXXX-XXXX`. */
export const RECEIPT_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** The purpose the receipt hashes are derived for (see `keyed-hash.server.ts`). */
const HASH_PURPOSE = 'receipt-code';

// Longer input is not a code however it is spaced: refuse it before doing any work on it.
const MAX_INPUT_LENGTH = 40;

/**
 * A new code, canonical (12 characters, no hyphens). `random` is for tests only (it must return `n` uniformly random
 * bytes); the default is the CSPRNG (`secureRandomBytes`).
 */
export function generateReceiptCode(random: (n: number) => Uint8Array = secureRandomBytes): string {
  const bytes = random(8);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  // 64 random bits; keep 60 of them, five per character.
  let code = '';
  for (let i = 0; i < RECEIPT_CODE_LENGTH; i++) {
    code = CROCKFORD_ALPHABET[Number(bits & 31n)] + code;
    bits >>= 5n;
  }
  return code;
}

/** The printed form of a canonical code: `7KQM2W9DX4TB` → `7KQM-2W9D-X4TB`. */
export function formatReceiptCode(canonical: string): string {
  return `${canonical.slice(0, 4)}-${canonical.slice(4, 8)}-${canonical.slice(8, 12)}`;
}

/**
 * What a person typed, as a canonical code (12 characters, upper case, no separators), or `null` when it cannot be a
 * code. Accepts lower case, missing or extra hyphens, spaces, and I/L/O for 1/1/0.
 */
export function normalizeReceiptCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT_LENGTH) return null;
  const compact = input
    .replace(/[\s\-\u2010-\u2015]/g, '')
    .toUpperCase()
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (compact.length !== RECEIPT_CODE_LENGTH) return null;
  for (const char of compact) if (!CROCKFORD_ALPHABET.includes(char)) return null;
  return compact;
}

/** The keyed hash stored for a canonical code (current key), with the key's id. */
export function hashReceiptCode(keyring: Keyring, canonical: string): KeyedHash {
  return keyedHash(keyring, HASH_PURPOSE, canonical);
}

/** Every hash a stored code may have (one per key of the keyring), for look-ups across a key rotation. */
export function receiptCodeLookupHashes(keyring: Keyring, canonical: string): KeyedHash[] {
  return keyedHashesForLookup(keyring, HASH_PURPOSE, canonical);
}
