/**
 * Name-based UUIDs (RFC 9562 version 5: SHA-1 of a namespace UUID and a name). The same namespace and name always give
 * the same id, so a generated or imported row keeps its id when it is written again (demo directory, spreadsheet
 * import). Not for secrets: anyone with the namespace and the name can compute the id.
 */
import { createHash } from 'node:crypto';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** RFC 9562 namespace for fully-qualified domain names (for tests against published vectors). */
export const NAMESPACE_DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

/** True when `value` is a UUID in its canonical 8-4-4-4-12 hexadecimal form (any case). */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** The version-5 UUID (lower case) of `name` (UTF-8) in `namespace` (a UUID). Throws a TypeError for a bad namespace. */
export function uuidV5(namespace: string, name: string): string {
  if (!isUuid(namespace)) throw new TypeError(`uuidV5: not a UUID namespace: ${JSON.stringify(namespace)}`);
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50; // version 5
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 9562 variant (10xx)
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
