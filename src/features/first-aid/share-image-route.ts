import type { Lang } from '#src/i18n/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { publicOrigin, type RenderContext } from '#src/features/site/public-origin.server.ts';
import { drawnOnce, pngResponse } from '#src/features/site/drawn-images.server.ts';
import { renderFirstAidImage } from './share-image.ts';

/** The PNG of the first-aid card in `lang`; it prints the page's address, so it is drawn on demand (once per address). */
export async function firstAidImageResponse(lang: Lang, context: RenderContext): Promise<Response> {
  const host = new URL(publicOrigin(context)).host;
  const png = await drawnOnce(`first-aid:${lang}:${host}`, () =>
    renderFirstAidImage(lang, `${host}${localizedPath('firstAid', lang)}`),
  );
  return pngResponse(png);
}
