/**
 * The locator embed's model: the portal's own locator search (`buildSearchModel`), started from the embed's preset
 * until the reader searches for a place of their own.
 *
 * - The reader sent the embed's form or chose a place it offered (`q` present): their place name (and the chosen
 *   place's exact commune code) and service type, as on `/tim-ho-tro`.
 * - Otherwise the preset: a commune (its exact code, and its name in the field), or a province (its name), or nothing
 *   (the empty form).
 *
 * The service type comes from the preset or the form; an unknown one is dropped quietly (readLocatorPreset), so a
 * mistyped snippet still shows results. The look (theme, accent) is carried separately.
 */
import type { Lang } from '#src/i18n/index.ts';
import { buildSearchModel, type SearchModel } from '#src/features/locator/ui/search-model.server.ts';
import { presetParams, readEmbedLook, readLocatorPreset, type EmbedLook, type LocatorPreset } from './options.ts';

/** Results an embed lists; the rest are one link away on the portal. */
export const EMBED_RESULT_LIMIT = 3;

export interface LocatorEmbedModel {
  readonly search: SearchModel;
  readonly look: EmbedLook;
  readonly preset: LocatorPreset;
  /** The locator's own query string for the same search, for "see all results" on the portal. */
  readonly fullSearch: string;
}

/** The locator query an embed request stands for, as the locator's own parameters. */
export function locatorParamsOf(params: URLSearchParams, preset: LocatorPreset): URLSearchParams {
  if (!params.has('q')) return presetParams(preset);
  const out = new URLSearchParams({ q: params.get('q') ?? '' });
  // A place chosen from the embed's own list of candidates carries its exact code, as on the portal.
  const commune = params.get('commune') ?? '';
  if (/^\d{5}$/.test(commune)) out.set('commune', commune);
  if (preset.service !== undefined) out.set('service', preset.service);
  // The preset province scopes what the reader types: "Tân Phú" on a Đồng Nai site is Đồng Nai's Tân Phú.
  if (preset.province !== undefined) out.set('province', preset.province.code);
  return out;
}

/** Builds the embed's model from its URL. */
export async function buildLocatorEmbedModel(url: URL, lang: Lang, now: Date): Promise<LocatorEmbedModel> {
  const preset = readLocatorPreset(url.searchParams);
  const params = locatorParamsOf(url.searchParams, preset);
  // buildSearchModel reads only the query string; the origin is a placeholder.
  const search = await buildSearchModel(new URL(`http://embed.invalid/?${params.toString()}`), lang, now);
  return { search, look: readEmbedLook(url.searchParams), preset, fullSearch: params.toString() };
}
