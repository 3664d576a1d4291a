import type { Lang } from '#src/i18n/index.ts';
import { AppError } from '#src/lib/errors.ts';
import { isMessageKind, isRecipientKind, MAIL_LANGS, type MessageKind, type RecipientKind } from './kinds.ts';
import { paramProblems, templateRecipients } from './templates.ts';

/**
 * One e-mail to send, as a caller hands it to `enqueue`. Everything but `kind` and `recipientKind` is sealed in the
 * outbox row. `params` are what the kind's template accepts (see `templates.ts`): names, counts, links and one-time
 * tokens; never request text, replies, contact details or receipt codes.
 */
export interface OutboxMessage {
  readonly kind: MessageKind;
  readonly recipientKind: RecipientKind;
  /** The recipient's e-mail address; sealed, and decrypted only by the worker at send time. */
  readonly to: string;
  readonly lang: Lang;
  readonly params: Readonly<Record<string, string>>;
}

/** A message that cannot be queued: unknown kind, a recipient the kind may not go to, a bad address or parameter. */
export class OutboxMessageError extends AppError {
  override name = 'OutboxMessageError';
}

// Deliberately plain: one address, no display name, no spaces or line breaks (which could add mail headers).
const ADDRESS = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

/** True when `value` is one plain e-mail address the outbox accepts. */
export function isMailAddress(value: string): boolean {
  return value.length <= 254 && ADDRESS.test(value);
}

/**
 * Checks a message before it is queued and returns it unchanged. Throws an `OutboxMessageError` whose one-line message
 * names what is wrong but never repeats the address or a parameter's value.
 */
export function checkMessage(message: OutboxMessage): OutboxMessage {
  const problems: string[] = [];
  if (!isMessageKind(message.kind)) throw new OutboxMessageError(`Unknown message kind "${String(message.kind)}"`);
  if (!isRecipientKind(message.recipientKind))
    problems.push(`unknown recipient kind "${String(message.recipientKind)}"`);
  else if (!templateRecipients(message.kind).includes(message.recipientKind)) {
    problems.push(`a ${message.kind} message cannot go to a ${message.recipientKind}`);
  }
  if (typeof message.to !== 'string' || !isMailAddress(message.to))
    problems.push('the recipient address is not one plain e-mail address');
  if (!(MAIL_LANGS as readonly string[]).includes(message.lang))
    problems.push(`unknown language "${String(message.lang)}"`);
  if (typeof message.params !== 'object' || message.params === null) problems.push('params must be an object');
  else problems.push(...paramProblems(message.kind, message.params));
  if (problems.length > 0)
    throw new OutboxMessageError(`Cannot queue a ${message.kind} message: ${problems.join('; ')}`);
  return message;
}
