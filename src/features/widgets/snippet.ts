/**
 * The code a partner pastes: a placeholder `<div data-hotro-widget …>` holding a plain link (what readers get when
 * scripts are blocked), then the loader's `<script>`. Pasted several times on one page, it still works: the loader
 * mounts each placeholder once.
 */
import { useTranslations } from '#src/i18n/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { LOADER_PATH } from './loader.ts';
import { presetParams, type WidgetConfig } from './options.ts';

/** The campaign a banner snippet names, in the widget's language. */
export interface SnippetCampaign {
  readonly slug: string;
  readonly title: string;
}

export interface Snippet {
  /** The placeholder, also shown as the configurator's preview. */
  readonly placeholder: string;
  /** The whole code to paste: placeholder and loader. */
  readonly code: string;
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML attribute value or text content (the named entities people know when they read code). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** The placeholder's `data-…` attributes: the widget, its language, its own options, then the look. */
export function snippetAttributes(config: WidgetConfig, campaign: SnippetCampaign | undefined): [string, string][] {
  const attributes: [string, string][] = [
    ['hotro-widget', config.widget],
    ['lang', config.lang],
  ];
  if (config.widget === 'locator') {
    const { province, commune, service } = config.preset;
    if (province !== undefined) attributes.push(['province', province.code]);
    if (commune !== undefined) attributes.push(['commune', commune.code]);
    if (service !== undefined) attributes.push(['service', service]);
  } else if (config.widget === 'help') {
    attributes.push(['layout', config.layout]);
  } else if (campaign !== undefined) {
    attributes.push(['campaign', campaign.slug]);
  }
  attributes.push(['theme', config.look.theme], ['accent', config.look.accent]);
  return attributes;
}

/** Where the placeholder's link leads, and what it says, in the widget's language. */
export function fallbackLink(
  config: WidgetConfig,
  origin: string,
  campaign: SnippetCampaign | undefined,
): { href: string; text: string } {
  const t = useTranslations(config.lang);
  const site = t('site.name');
  if (config.widget === 'locator') {
    const query = presetParams(config.preset).toString();
    const path = localizedPath('findHelp', config.lang);
    return {
      href: `${origin}${path}${query === '' ? '' : `?${query}`}`,
      text: t('widgets.fallback.locator', { site }),
    };
  }
  if (config.widget === 'help') {
    return { href: `${origin}${localizedPath('askForHelp', config.lang)}`, text: t('widgets.fallback.help', { site }) };
  }
  return campaign === undefined
    ? {
        href: `${origin}${localizedPath('campaigns', config.lang)}`,
        text: t('widgets.fallback.newestCampaign', { site }),
      }
    : {
        href: `${origin}${localizedPath('campaign', config.lang, { slug: campaign.slug })}`,
        text: t('widgets.fallback.campaign', { title: campaign.title, site }),
      };
}

/**
 * The snippet for a configuration. `origin` is the portal's public origin (SITE_URL, or the address the configurator
 * was reached at); `campaign` is the chosen campaign in the widget's language, `undefined` for the newest.
 */
export function widgetSnippet(config: WidgetConfig, origin: string, campaign?: SnippetCampaign): Snippet {
  const attributes = snippetAttributes(config, config.widget === 'campaign' ? campaign : undefined)
    .map(([name, value]) => ` data-${name}="${escapeHtml(value)}"`)
    .join('');
  const link = fallbackLink(config, origin, campaign);
  const placeholder = `<div${attributes}>\n  <a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a>\n</div>`;
  const loader = `<script src="${escapeHtml(origin)}${LOADER_PATH}" async referrerpolicy="no-referrer"></script>`;
  return { placeholder, code: `${placeholder}\n${loader}` };
}
