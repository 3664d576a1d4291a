/** Reading console forms: the body (size-limited, form encodings only) and one trimmed field at a time. */
import { readFormBody } from '#src/lib/form-body.server.ts';

/** Largest console form: a reply of up to 4,000 characters, percent-encoded, with room to spare. */
export const MAX_CONSOLE_FORM_BYTES = 64 * 1024;

/**
 * Largest directory import upload (`/quan-ly/nhap-danh-ba`, multipart): a file of up to 5 MiB — a national spreadsheet
 * of ten thousand points is about 3 MiB — and the form's few fields.
 */
export const MAX_IMPORT_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_FORM_BYTES = MAX_IMPORT_FILE_BYTES + 64 * 1024;

/** The fields of a POSTed form, or null when the body is too large or not a form. */
export async function readConsoleForm(request: Request): Promise<URLSearchParams | null> {
  const body = await readFormBody(request, MAX_CONSOLE_FORM_BYTES);
  return body.ok ? body.fields : null;
}

/** One field, trimmed ('' when absent). */
export function text(fields: URLSearchParams, name: string): string {
  return (fields.get(name) ?? '').trim();
}

/** A well-formed e-mail address (one @, a dot in the domain, no spaces), lower-cased; null otherwise. */
export function normalizeEmail(value: string): string | null {
  const email = value.trim().toLowerCase();
  return email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}
