import { useTranslations, type Lang } from '#src/i18n/index.ts';
import { publicOrigin, type RenderContext } from '#src/features/site/public-origin.server.ts';
import { drawnOnce, pngResponse } from '#src/features/site/drawn-images.server.ts';
import { localizedEntries } from '../entries.ts';
import { renderShareCard } from './share-card.ts';

/**
 * The PNG of one campaign's share card (`/chien-dich/<slug>.png`, `/en/campaigns/<slug>.png`). Its footer prints the
 * portal's host, known only when the server runs, so it is drawn on demand, once per campaign and address; 404 for a
 * slug that is not a published campaign in `lang`.
 */
export async function shareCardResponse(lang: Lang, slug: string | undefined, context: RenderContext): Promise<Response> {
  const campaign = (await localizedEntries('campaigns', lang)).find((entry) => entry.slug === slug);
  if (campaign === undefined) return new Response(null, { status: 404 });
  const t = useTranslations(lang);
  const host = new URL(publicOrigin(context)).host;
  const png = await drawnOnce(`campaign:${lang}:${campaign.slug}:${host}`, () =>
    renderShareCard({
      kicker: t('content.campaign.card.kicker', { site: t('site.name') }),
      title: campaign.entry.data.title,
      slogan: campaign.entry.data.slogan,
      footer: t('content.campaign.card.footer', { host }),
    }),
  );
  return pngResponse(png);
}
