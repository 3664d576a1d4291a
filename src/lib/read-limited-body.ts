/**
 * Reads a request body up to `limit` bytes. Returns undefined as soon as the body passes the limit, without keeping
 * the rest, so an oversized body costs no more than the limit (checked before any parsing). With `discardUpTo`, the
 * rest is still read and dropped up to that many bytes in all: a browser reads the answer only once it has sent the
 * whole body, so an upload a little over the limit then gets its "too large" page instead of a stalled connection.
 */
export async function readLimitedBody(
  request: Request,
  limit: number,
  options: { discardUpTo?: number } = {},
): Promise<Uint8Array | undefined> {
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      while (size <= (options.discardUpTo ?? 0)) {
        const rest = await reader.read();
        if (rest.done) return undefined;
        size += rest.value.byteLength;
      }
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
