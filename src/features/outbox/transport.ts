/** One rendered e-mail, as the worker hands it to a transport. */
export interface OutgoingMail {
  /** The outbox row id: Resend's idempotency key, the .eml file's name, the Message-ID's local part. */
  readonly id: string;
  /** `Name <address>` or a bare address (MAIL_FROM). */
  readonly from: string;
  readonly to: string;
  /** Who the recipient is (`requester`, `point-staff`…): a transport that keeps copies must not keep a requester's address. */
  readonly recipientKind: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** When the message is written (the Date header). */
  readonly date: Date;
}

/**
 * What a send did. Never thrown: a transport turns every failure into `{ ok: false }`. `error` is a short class
 * (`http_503:application_error`, `timeout`, …) that may be stored and logged: never a body, an address or a message
 * from the provider that could quote either.
 */
export type SendResult =
  | { readonly ok: true; readonly providerId: string }
  | { readonly ok: false; readonly retryable: boolean; readonly error: string };

/** Sends one e-mail. Implementations: `resend-transport.server.ts` (Resend API) and `eml-transport.server.ts` (files). */
export interface MailTransport {
  /** For logs: `resend` or `eml`. */
  readonly name: string;
  /** The longest one send may take; the worker only starts a send while its lease outlives this. */
  readonly timeoutMs: number;
  send(mail: OutgoingMail): Promise<SendResult>;
}

/** Reduces any error label to a short class safe to store and log: lower case, `[a-z0-9_:.-]`, at most 60 characters. */
export function errorClass(label: string): string {
  const cleaned = label
    .toLowerCase()
    .replace(/[^a-z0-9_:.-]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return cleaned.slice(0, 60) || 'unknown';
}
