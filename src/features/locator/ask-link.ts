/**
 * The locator's hand-off to the request form: "Xin tư vấn tại đây" opens `/xin-tu-van?commune=…&point=…`, and the
 * form starts with that commune filled in and that point named (ask-model.server.ts reads both). Nothing personal
 * travels: a commune code and a point id are public.
 */

/** What the link carries; either part may be missing. */
export interface AskHandOff {
  /** Five-digit commune code. */
  readonly commune: string | undefined;
  /** The directory point's id. */
  readonly point: string | undefined;
}

/** The form's address with the commune and point, e.g. `/xin-tu-van?commune=01906&point=…`. */
export function askHref(path: string, handOff: AskHandOff): string {
  const params = new URLSearchParams();
  if (handOff.commune !== undefined && /^\d{5}$/.test(handOff.commune)) params.set('commune', handOff.commune);
  if (handOff.point !== undefined && handOff.point !== '') params.set('point', handOff.point);
  const query = params.toString();
  return query === '' ? path : `${path}?${query}`;
}
