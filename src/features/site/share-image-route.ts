import { useTranslations, type Lang } from '#src/i18n/index.ts';
import { renderShareCard } from '#src/features/content/campaign/share-card.ts';

/**
 * The site's share image in `lang` (1200×630 PNG, prerendered at build): the name, what the portal is for and what one
 * can do there. It names no address, so it does not depend on where the portal runs.
 */
export async function siteShareImageResponse(lang: Lang): Promise<Response> {
  const t = useTranslations(lang);
  const png = await renderShareCard({
    kicker: t('site.name'),
    title: t('share.image.title'),
    slogan: t('site.tagline'),
    footer: t('share.image.footer'),
  });
  return new Response(png, { headers: { 'Content-Type': 'image/png' } });
}
