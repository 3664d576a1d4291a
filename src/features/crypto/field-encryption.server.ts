import { createCipheriv, createDecipheriv } from 'node:crypto';
import { secureRandomBytes } from '#src/lib/random-bytes.server.ts';
import { secretKeyObject } from './secret-key.server.ts';
import { AppError } from '#src/lib/errors.ts';
import type { Keyring } from './keyring.server.ts';

/** A ciphertext that cannot be opened: unknown key id, wrong context, or tampering. */
export class DecryptionError extends AppError {
  override name = 'DecryptionError';
}

// Layout of a sealed value: version (1 byte) | key id (8 ASCII bytes) | IV (12) | GCM tag (16) | ciphertext.
const VERSION = 1;
const ID_BYTES = 8;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER = 1 + ID_BYTES + IV_BYTES + TAG_BYTES;

/**
 * Encrypts text with AES-256-GCM under the keyring's current key. `context` (e.g. `case:<id>:message`) is bound as
 * additional authenticated data, so a ciphertext copied into another row or field does not decrypt.
 */
export function seal(keyring: Keyring, plaintext: string, context: string): Buffer {
  const iv = secureRandomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', secretKeyObject(keyring.current.key), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([
    Buffer.from([VERSION]),
    Buffer.from(keyring.current.id, 'ascii'),
    iv,
    cipher.getAuthTag(),
    body,
  ]);
}

/** Decrypts a value made by `seal` with the same context, with whichever key of the keyring sealed it. */
export function open(keyring: Keyring, sealed: Uint8Array, context: string): string {
  const buffer = Buffer.from(sealed);
  if (buffer.length < HEADER || buffer[0] !== VERSION)
    throw new DecryptionError('Not a sealed value of a known version');
  const id = buffer.subarray(1, 1 + ID_BYTES).toString('ascii');
  const dataKey = keyring.byId.get(id);
  if (!dataKey) throw new DecryptionError(`No key with id ${id} in the keyring`);
  const iv = buffer.subarray(1 + ID_BYTES, 1 + ID_BYTES + IV_BYTES);
  const tag = buffer.subarray(1 + ID_BYTES + IV_BYTES, HEADER);
  const decipher = createDecipheriv('aes-256-gcm', secretKeyObject(dataKey.key), iv);
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(buffer.subarray(HEADER)), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptionError('The value does not decrypt with its key and context');
  }
}

/** The id of the key that sealed a value (for re-encryption after a key rotation). */
export function sealedKeyId(sealed: Uint8Array): string {
  return Buffer.from(sealed)
    .subarray(1, 1 + ID_BYTES)
    .toString('ascii');
}
