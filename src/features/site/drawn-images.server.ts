/**
 * Images that print the portal's address (campaign share cards, the first-aid card) are drawn on demand, because the
 * address is known only when the server runs (SITE_URL). Drawing takes a few hundred milliseconds, so each image is
 * drawn once per process and address and kept in memory (a few dozen images of about 100 KB), and browsers and caches
 * may keep it for a day.
 */
const drawn = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

/** The image under `key`, drawn by `draw` the first time it is asked for. A failed drawing is tried again next time. */
export function drawnOnce(key: string, draw: () => Promise<Uint8Array<ArrayBuffer>>): Promise<Uint8Array<ArrayBuffer>> {
  let image = drawn.get(key);
  if (image === undefined) {
    image = draw();
    image.catch(() => drawn.delete(key));
    drawn.set(key, image);
  }
  return image;
}

/** A PNG answer that browsers, link-preview bots and caches may keep for a day. */
export function pngResponse(png: Uint8Array<ArrayBuffer>): Response {
  return new Response(png, { headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=86400' } });
}
