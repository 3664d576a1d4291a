/**
 * Reading a Content-Type header with the content-type library (RFC 9110 media types: any case, quoted parameters),
 * as Express reads it, instead of splitting the header by hand.
 */
import contentType from 'content-type';

/** A media type: `type` in lower case (`multipart/form-data`), parameter names in lower case, values as sent. */
export interface MediaType {
  readonly type: string;
  readonly parameters: Readonly<Record<string, string>>;
}

/** The media type of a Content-Type header; undefined when the header is absent or malformed. Never throws. */
export function parseMediaType(header: string | null): MediaType | undefined {
  if (header === null) return undefined;
  try {
    return contentType.parse(header);
  } catch {
    return undefined;
  }
}
