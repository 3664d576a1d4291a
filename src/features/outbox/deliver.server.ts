import { sealedKeyId } from '#src/features/crypto/field-encryption.server.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import type { ClaimedRow } from './claims.server.ts';
import { isMessageKind } from './kinds.ts';
import { isMailAddress } from './message.ts';
import { openPayload } from './payload.server.ts';
import { renderMail, TemplateError } from './templates.ts';
import type { MailTransport, OutgoingMail, SendResult } from './transport.ts';

/** What sending one row needs besides the row. */
export interface DeliveryContext {
  readonly keyring: Keyring;
  readonly transport: MailTransport;
  /** MAIL_FROM. */
  readonly from: string;
  /** The site's public origin, for links. */
  readonly siteUrl: string;
  readonly now: Date;
}

/**
 * Opens a claimed row's payload, renders its notice and hands it to the transport. Never throws: a row that can never
 * be sent (unknown kind, a payload that does not open, a parameter a template refuses) is a non-retryable failure; a
 * payload sealed with a key this worker lacks is retryable (another worker, or this one after a fix, may have it).
 */
export async function deliver(row: ClaimedRow, context: DeliveryContext): Promise<SendResult> {
  if (!isMessageKind(row.kind)) return { ok: false, retryable: false, error: 'unknown_kind' };
  if (!context.keyring.byId.has(sealedKeyId(row.payload))) return { ok: false, retryable: true, error: 'unknown_key' };
  let mail: OutgoingMail;
  try {
    const part = openPayload(context.keyring, row.id, row.kind, row.payload);
    if (!isMailAddress(part.to)) return { ok: false, retryable: false, error: 'bad_address' };
    const rendered = renderMail(row.kind, part.lang, part.params, { siteUrl: context.siteUrl });
    mail = {
      id: row.id,
      from: context.from,
      to: part.to,
      recipientKind: row.recipientKind,
      date: context.now,
      ...rendered,
    };
  } catch (error) {
    return { ok: false, retryable: false, error: error instanceof TemplateError ? 'template_error' : 'payload_error' };
  }
  try {
    return await context.transport.send(mail);
  } catch {
    // Transports do not throw; if one does anyway, the row is tried again rather than lost.
    return { ok: false, retryable: true, error: 'transport_threw' };
  }
}
