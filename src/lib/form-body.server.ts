/**
 * Reading an HTML form's POST body for the intake and follow-up pages: its size is limited BEFORE anything is parsed
 * (as the JSON API does), and only the form encodings a browser sends are read. Files are dropped; only text fields
 * are kept, in the order they came.
 */
import { parseMediaType } from '#src/lib/media-type.ts';
import { readLimitedBody } from '#src/lib/read-limited-body.ts';

/**
 * Largest form body, in bytes. The largest honest body is the preview step's: a 2,000-character message sent as
 * percent-encoded UTF-8 (up to 9 bytes a character) and the proof of work, well under this.
 */
export const MAX_FORM_BYTES = 48 * 1024;

export type FormBody = { ok: true; fields: URLSearchParams } | { ok: false; reason: 'too-large' | 'unsupported' };

/** The POST body of a form as URLSearchParams, or why it could not be read. Never throws. */
export async function readFormBody(request: Request, limit: number = MAX_FORM_BYTES): Promise<FormBody> {
  const type = request.headers.get('content-type');
  const media = parseMediaType(type)?.type;
  const urlencoded = media === 'application/x-www-form-urlencoded';
  const multipart = media === 'multipart/form-data';
  if (!urlencoded && !multipart) return { ok: false, reason: 'unsupported' };
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit)
    return { ok: false, reason: 'too-large' };
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readLimitedBody(request, limit);
  } catch {
    return { ok: false, reason: 'unsupported' };
  }
  if (bytes === undefined) return { ok: false, reason: 'too-large' };
  if (urlencoded) return { ok: true, fields: new URLSearchParams(new TextDecoder().decode(bytes)) };
  try {
    const form = await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), {
      // The header as sent: the multipart boundary is case-sensitive.
      headers: { 'content-type': type ?? '' },
    }).formData();
    const fields = new URLSearchParams();
    for (const [name, value] of form) if (typeof value === 'string') fields.append(name, value);
    return { ok: true, fields };
  } catch {
    return { ok: false, reason: 'unsupported' };
  }
}

/** One text field's first value, or '' (a field sent twice keeps its first value; a form shows one value per field). */
export function field(fields: URLSearchParams, name: string): string {
  return fields.get(name) ?? '';
}
