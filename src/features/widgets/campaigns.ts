/**
 * The campaigns a banner can show: the published campaigns of the content collection, newest first, with their slug
 * in each language (the snippet names a campaign by its slug in the widget's language).
 */
import type { CollectionEntry } from 'astro:content';
import type { Lang } from '#src/i18n/index.ts';
import { localizedEntries } from '#src/features/content/entries.ts';

export interface BannerCampaign {
  readonly entry: CollectionEntry<'campaigns'>;
  /** The same in both languages; the configurator's value for it. */
  readonly translationKey: string;
  readonly slug: string;
}

/** Published campaigns in one language, newest first (then by slug, so the order is stable). */
export async function bannerCampaigns(lang: Lang): Promise<BannerCampaign[]> {
  const entries = await localizedEntries('campaigns', lang);
  return entries
    .map(({ entry, slug }) => ({ entry, slug, translationKey: entry.data.translationKey }))
    .sort(
      (a, b) => b.entry.data.publishedOn.getTime() - a.entry.data.publishedOn.getTime() || a.slug.localeCompare(b.slug),
    );
}

/** The campaign a banner shows: the one with `slug`, or the newest when no slug is given; `undefined` when none. */
export async function bannerCampaign(lang: Lang, slug?: string): Promise<BannerCampaign | undefined> {
  const campaigns = await bannerCampaigns(lang);
  return slug === undefined ? campaigns[0] : campaigns.find((campaign) => campaign.slug === slug);
}
