import { createHmac, type KeyObject } from 'node:crypto';
import { deriveSecret } from './derive-secret.server.ts';
import type { DataKey, Keyring } from './keyring.server.ts';
import { secretKeyObject } from './secret-key.server.ts';

/** A keyed hash and the id of the key it was derived from (stored together, so keys can rotate). */
export interface KeyedHash {
  keyId: string;
  hash: Buffer;
}

// One HMAC key per (data key, purpose), derived with HKDF (`deriveSecret`), so the AES key itself never keys an HMAC
// and a hash made for one purpose (receipt codes) is useless for another.
const derived = new WeakMap<Buffer, Map<string, KeyObject>>();

function hmacKey(dataKey: DataKey, purpose: string): KeyObject {
  let byPurpose = derived.get(dataKey.key);
  if (!byPurpose) {
    byPurpose = new Map();
    derived.set(dataKey.key, byPurpose);
  }
  let key = byPurpose.get(purpose);
  if (!key) {
    key = secretKeyObject(deriveSecret(dataKey, `keyed-hash:${purpose}`));
    byPurpose.set(purpose, key);
  }
  return key;
}

function hmac(dataKey: DataKey, purpose: string, value: string): Buffer {
  return createHmac('sha256', hmacKey(dataKey, purpose)).update(value, 'utf8').digest();
}

/** HMAC-SHA256 of `value` under the keyring's current key (derived for `purpose`), with that key's id. */
export function keyedHash(keyring: Keyring, purpose: string, value: string): KeyedHash {
  return { keyId: keyring.current.id, hash: hmac(keyring.current, purpose, value) };
}

/** The hash of `value` under every key of the keyring, current first: a look-up matches any of them. */
export function keyedHashesForLookup(keyring: Keyring, purpose: string, value: string): KeyedHash[] {
  const keys = [keyring.current, ...[...keyring.byId.values()].filter((key) => key.id !== keyring.current.id)];
  return keys.map((key) => ({ keyId: key.id, hash: hmac(key, purpose, value) }));
}
