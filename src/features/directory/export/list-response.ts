/**
 * A list endpoint's answer in the format the client asked for: HSDS's paged JSON (`Page` + `contents`), or NDJSON
 * (every result, one JSON object a line, no pages), which HSDS's OpenAPI offers for bulk copies. NDJSON is streamed a
 * page at a time, so a whole national directory never sits in memory as one string.
 */
import { jsonResponse, OPEN_DATA_HEADERS, pageBody } from './http.ts';
import { MAX_PER_PAGE, type Format } from './query.ts';

/** What a list needs: how many items there are, and a way to read `limit` of them from `offset`. */
export interface ListSource {
  readonly total: number;
  read(offset: number, limit: number): Promise<readonly unknown[]>;
}

/** The list as `format` asks: one page (`page`, `perPage`) of JSON, or every item as NDJSON. */
export async function listResponse(
  source: ListSource,
  options: { format: Format; page: number; perPage: number },
): Promise<Response> {
  if (options.format === 'json') {
    const items = await source.read((options.page - 1) * options.perPage, options.perPage);
    return jsonResponse(pageBody(items, options.page, options.perPage, source.total));
  }
  const encoder = new TextEncoder();
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (offset >= source.total) {
        controller.close();
        return;
      }
      const items = await source.read(offset, MAX_PER_PAGE);
      offset += MAX_PER_PAGE;
      if (items.length === 0) offset = source.total;
      controller.enqueue(encoder.encode(items.map((item) => `${JSON.stringify(item)}\n`).join('')));
    },
  });
  return new Response(body, {
    headers: { ...OPEN_DATA_HEADERS, 'Content-Type': 'application/x-ndjson; charset=utf-8' },
  });
}
