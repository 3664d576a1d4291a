import type { APIContext } from 'astro';
import type { Lang } from '#src/i18n/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { renderFirstAidImage } from './share-image.ts';

/** The PNG of the first-aid card in `lang`, prerendered at build next to its page; it names the page's address. */
export async function firstAidImageResponse(lang: Lang, site: APIContext['site']): Promise<Response> {
  const host = site ? site.host : 'localhost';
  const png = await renderFirstAidImage(lang, `${host}${localizedPath('firstAid', lang)}`);
  return new Response(png, { headers: { 'Content-Type': 'image/png' } });
}
