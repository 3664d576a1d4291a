import type { Lang } from '#src/i18n/index.ts';

/**
 * What the outbox can send. Each kind has one template (`templates.ts`) that names the only parameters it accepts:
 * notices never carry personal content (no request text, no contact details, no receipt code), only things like a
 * point's name, counts and links.
 */
export const MESSAGE_KINDS = [
  'new-case',
  'case-handed-over',
  'reply-notice',
  'invitation',
  'sign-in-link',
  'point-staff-changed',
  'daily-digest',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Who a message goes to. Kept in clear in the row (the console shows it for dead letters); the address is sealed. */
export const RECIPIENT_KINDS = ['point-staff', 'requester', 'staff', 'admin'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** Languages a message can be written in. */
export const MAIL_LANGS = ['vi', 'en'] as const satisfies readonly Lang[];

export const isMessageKind = (value: string): value is MessageKind =>
  (MESSAGE_KINDS as readonly string[]).includes(value);
export const isRecipientKind = (value: string): value is RecipientKind =>
  (RECIPIENT_KINDS as readonly string[]).includes(value);
