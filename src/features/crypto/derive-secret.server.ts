import { hkdfSync } from 'node:crypto';
import { AppError } from '#src/lib/errors.ts';
import type { DataKey } from './keyring.server.ts';

/** A purpose label that cannot be used (empty, or not plain ASCII). */
export class SecretPurposeError extends AppError {
  override name = 'SecretPurposeError';
}

// A fixed, public salt: HKDF stays sound with a constant salt when the input key is already uniformly random (our keys
// are 32 random bytes). What separates one secret from another is the purpose label.
const SALT = Buffer.from('ho-tro-cai-nghien/derive-secret/v1', 'ascii');

/**
 * Derives a secret for one purpose (e.g. `anti-abuse:altcha-signature`) from a data key with HKDF-SHA256. Different
 * purposes give unrelated secrets, so the encryption key itself is never used as an HMAC key, and a secret leaked from
 * one use says nothing about another. The same key and purpose always give the same bytes, on every instance.
 */
export function deriveSecret(key: DataKey, purpose: string, length = 32): Buffer {
  if (!/^[\x21-\x7e]{1,200}$/.test(purpose)) {
    throw new SecretPurposeError(
      `deriveSecret: the purpose must be 1–200 printable ASCII characters without spaces (got ${JSON.stringify(purpose)})`,
    );
  }
  return Buffer.from(hkdfSync('sha256', key.key, SALT, Buffer.from(purpose, 'ascii'), length));
}
