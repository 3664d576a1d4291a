import { open, seal } from '#src/features/crypto/field-encryption.server.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import type { Lang } from '#src/i18n/index.ts';
import { AppError } from '#src/lib/errors.ts';
import type { MessageKind } from './kinds.ts';

/** What an outbox row's sealed payload holds: everything that could identify someone. */
export interface SealedPart {
  readonly to: string;
  readonly lang: Lang;
  readonly params: Readonly<Record<string, string>>;
}

/** A payload that opened but is not what its row says it is (moved between rows, or written by other code). */
export class PayloadError extends AppError {
  override name = 'PayloadError';
}

const VERSION = 1;

/** The additional authenticated data binding a payload to its row: a payload copied into another row does not open. */
export const payloadContext = (id: string): string => `outbox:${id}:payload`;

/** Seals a row's payload (address, language, parameters), bound to the row id; the kind is sealed too and checked. */
export function sealPayload(keyring: Keyring, id: string, kind: MessageKind, part: SealedPart): Buffer {
  const json = JSON.stringify({ v: VERSION, kind, to: part.to, lang: part.lang, params: part.params });
  return seal(keyring, json, payloadContext(id));
}

/** Opens a row's payload. Throws `DecryptionError` (wrong key or context) or `PayloadError` (not this row's kind). */
export function openPayload(keyring: Keyring, id: string, kind: string, sealed: Uint8Array): SealedPart {
  const value: unknown = JSON.parse(open(keyring, sealed, payloadContext(id)));
  if (
    typeof value !== 'object' ||
    value === null ||
    !('v' in value) ||
    value.v !== VERSION ||
    !('kind' in value) ||
    value.kind !== kind ||
    !('to' in value) ||
    typeof value.to !== 'string' ||
    !('lang' in value) ||
    (value.lang !== 'vi' && value.lang !== 'en') ||
    !('params' in value) ||
    typeof value.params !== 'object' ||
    value.params === null
  ) {
    throw new PayloadError('The outbox payload does not match its row');
  }
  return { to: value.to, lang: value.lang, params: value.params as Record<string, string> };
}
