import type { APIContext } from 'astro';
import { useTranslations, type Lang } from '#src/i18n/index.ts';
import { localizedEntries } from '../entries.ts';
import { renderShareCard } from './share-card.ts';

/** What each campaign's share-card route needs: the texts on the card. */
export interface ShareCardProps {
  title: string;
  slogan: string;
}

/** One share card per published campaign in `lang`, at the campaign's own slug. */
export async function shareCardPaths(lang: Lang) {
  const entries = await localizedEntries('campaigns', lang);
  return entries.map(({ entry, slug }) => ({
    params: { slug },
    props: { title: entry.data.title, slogan: entry.data.slogan } satisfies ShareCardProps,
  }));
}

/** The PNG response of one share card, prerendered at build into a file next to the campaign's page. */
export async function shareCardResponse(
  lang: Lang,
  props: ShareCardProps,
  site: APIContext['site'],
): Promise<Response> {
  const t = useTranslations(lang);
  const host = site ? site.host : 'localhost';
  const png = await renderShareCard({
    kicker: t('content.campaign.card.kicker', { site: t('site.name') }),
    title: props.title,
    slogan: props.slogan,
    footer: t('content.campaign.card.footer', { host }),
  });
  return new Response(png, { headers: { 'Content-Type': 'image/png' } });
}
