/**
 * The configurator's model (`/nhung-tien-ich`, `/en/embed`): the options read from its GET form, the lists its fields
 * offer, and the snippet. The page is rendered on demand so the snippet names the portal's public origin: SITE_URL
 * when set, else the address the page was reached at.
 */
import type { Lang } from '#src/i18n/index.ts';
import { listCommunes, listProvinces } from '#src/features/admin-units/index.ts';
import type { Commune, Province } from '#src/features/admin-units/index.ts';
import { loadEnv } from '#src/env.server.ts';
import { bannerCampaigns } from './campaigns.ts';
import { readWidgetConfig, type WidgetConfig } from './options.ts';
import { widgetSnippet, type Snippet } from './snippet.ts';

export interface ConfiguratorModel {
  readonly config: WidgetConfig;
  readonly origin: string;
  readonly provinces: readonly Province[];
  /** The communes of the chosen province (empty when none is chosen). */
  readonly communes: readonly Commune[];
  /** Campaigns to choose from, titled in the page's language; the value is the translation key. */
  readonly campaigns: readonly { readonly key: string; readonly title: string }[];
  readonly snippet: Snippet;
}

let siteUrl: string | undefined | null = null;

/** The portal's public origin for snippets. */
function publicOrigin(url: URL): string {
  if (siteUrl === null) siteUrl = loadEnv().siteUrl;
  return siteUrl === undefined ? url.origin : new URL(siteUrl).origin;
}

/** Builds the configurator's model from its URL, in the page's language. */
export async function buildConfiguratorModel(url: URL, lang: Lang): Promise<ConfiguratorModel> {
  const pageCampaigns = await bannerCampaigns(lang);
  const config = readWidgetConfig(
    url.searchParams,
    lang,
    pageCampaigns.map((campaign) => campaign.translationKey),
  );
  const inWidgetLang = config.lang === lang ? pageCampaigns : await bannerCampaigns(config.lang);
  const chosen = inWidgetLang.find((campaign) => campaign.translationKey === config.campaign);
  const origin = publicOrigin(url);
  return {
    config,
    origin,
    provinces: listProvinces(),
    communes: config.preset.province === undefined ? [] : listCommunes(config.preset.province.code),
    campaigns: pageCampaigns.map((campaign) => ({ key: campaign.translationKey, title: campaign.entry.data.title })),
    snippet: widgetSnippet(
      config,
      origin,
      chosen === undefined ? undefined : { slug: chosen.slug, title: chosen.entry.data.title },
    ),
  };
}
