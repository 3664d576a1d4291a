/**
 * The widgets' documented options, checked in one place for the embeds (`/embed/…`), the configurator and the tests.
 *
 * | option (`data-…` on the placeholder, query parameter of the embed) | values                                    |
 * |-----------------------------------------------|---------------------------------------------------------------------|
 * | `hotro-widget` (placeholder only)             | `locator`, `help`, `campaign`                                       |
 * | `lang` (placeholder only; the embed's path)   | `vi`, `en`                                                          |
 * | `theme`                                       | `light`, `dark`                                                     |
 * | `accent`                                      | one of {@link ACCENT_CODES}                                         |
 * | `province`, `commune` (locator)               | a current province code (2 digits), a current commune code (5 digits) |
 * | `service` (locator)                           | a service type code (`serviceTypes`)                                |
 * | `layout` (help)                               | `card`, `button`                                                    |
 * | `campaign` (campaign; part of the embed's path) | a campaign's slug in the widget's language; none: the newest one  |
 *
 * An embed lives on someone else's page and must keep working: a wrong or unknown value falls back to its default
 * without an error, and no option carries free text (the host page cannot make the portal say anything).
 */
import { z } from 'astro/zod';
import { getCommune, getProvince } from '#src/features/admin-units/index.ts';
import type { Commune, Province } from '#src/features/admin-units/index.ts';
import { serviceTypes, type ServiceType } from '#src/features/lists/index.ts';
import { isLang, type Lang } from '#src/i18n/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { ACCENT_CODES, DEFAULT_ACCENT, type Accent } from './accents.ts';

export const WIDGET_KINDS = ['locator', 'help', 'campaign'] as const;
export type WidgetKind = (typeof WIDGET_KINDS)[number];

export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const HELP_LAYOUTS = ['card', 'button'] as const;
export type HelpLayout = (typeof HELP_LAYOUTS)[number];

/** How an embed looks; every embed takes these. */
export interface EmbedLook {
  readonly theme: Theme;
  readonly accent: Accent;
}

export const DEFAULT_LOOK: EmbedLook = { theme: 'light', accent: DEFAULT_ACCENT };

const themeSchema = z.enum(THEMES).catch(DEFAULT_LOOK.theme);
const accentSchema = z.enum(ACCENT_CODES).catch(DEFAULT_LOOK.accent);
const layoutSchema = z.enum(HELP_LAYOUTS).catch('card');
const serviceSchema = z.enum(serviceTypes.codes).optional().catch(undefined);

/** A parameter's first value, trimmed; `undefined` when absent or empty. */
function param(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name)?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** The look an embed was asked for; anything unknown is the default. */
export function readEmbedLook(params: URLSearchParams): EmbedLook {
  return { theme: themeSchema.parse(param(params, 'theme')), accent: accentSchema.parse(param(params, 'accent')) };
}

/** The look as query parameters, so links and the search form inside an embed keep it. */
export function lookParams(look: EmbedLook): [string, string][] {
  return [
    ['theme', look.theme],
    ['accent', look.accent],
  ];
}

/** Where the locator embed starts: a commune or a province, and a service type. */
export interface LocatorPreset {
  readonly province: Province | undefined;
  readonly commune: Commune | undefined;
  readonly service: ServiceType | undefined;
}

/**
 * The locator's preset. A commune that does not exist is dropped; a commune of another province than the one given
 * is dropped too (the two came from different snippets, and the province is the safer guess).
 */
export function readLocatorPreset(params: URLSearchParams): LocatorPreset {
  const provinceCode = param(params, 'province');
  const communeCode = param(params, 'commune');
  const province = provinceCode !== undefined && /^\d{2}$/.test(provinceCode) ? getProvince(provinceCode) : undefined;
  let commune = communeCode !== undefined && /^\d{5}$/.test(communeCode) ? getCommune(communeCode) : undefined;
  if (commune !== undefined && province !== undefined && commune.province.code !== province.code) commune = undefined;
  return {
    province: province ?? (commune === undefined ? undefined : getProvince(commune.province.code)),
    commune,
    service: serviceSchema.parse(param(params, 'service')),
  };
}

/**
 * The locator's own query for a preset: a commune's name and exact code, or a province's name (the locator has no
 * province parameter; its name finds it), and the service type.
 */
export function presetParams(preset: LocatorPreset): URLSearchParams {
  const out = new URLSearchParams();
  if (preset.commune !== undefined) {
    out.set('q', `${preset.commune.fullName}, ${preset.commune.province.name}`);
    out.set('commune', preset.commune.code);
  } else if (preset.province !== undefined) {
    out.set('q', preset.province.fullName);
  }
  if (preset.service !== undefined) out.set('service', preset.service);
  return out;
}

/** The help widget's layout: a card (heading, two lines, the button) or the button alone. */
export function readHelpLayout(params: URLSearchParams): HelpLayout {
  return layoutSchema.parse(param(params, 'layout'));
}

/** What the configurator is set to: one widget, its language and its options. */
export interface WidgetConfig {
  readonly widget: WidgetKind;
  readonly lang: Lang;
  readonly look: EmbedLook;
  /** Locator only. */
  readonly preset: LocatorPreset;
  /** Help only. */
  readonly layout: HelpLayout;
  /** Campaign only: the campaign's `translationKey` (the same in both languages); `undefined` is "the newest". */
  readonly campaign: string | undefined;
}

/**
 * Reads the configurator's form (its GET query). The widget's language defaults to the page's; a campaign must be one
 * of `campaignKeys` (the published campaigns' translation keys).
 */
export function readWidgetConfig(
  params: URLSearchParams,
  pageLang: Lang,
  campaignKeys: readonly string[],
): WidgetConfig {
  const widget = z.enum(WIDGET_KINDS).catch('locator').parse(param(params, 'widget'));
  const lang = param(params, 'lang');
  const campaign = param(params, 'campaign');
  return {
    widget,
    lang: isLang(lang) ? lang : pageLang,
    look: readEmbedLook(params),
    preset: readLocatorPreset(params),
    layout: readHelpLayout(params),
    campaign: campaign !== undefined && campaignKeys.includes(campaign) ? campaign : undefined,
  };
}

/** The path of an embed: the portal's own path for the same thing, under `/embed` (`/embed/en/…` in English). */
export function embedPath(widget: WidgetKind, lang: Lang, campaignSlug?: string): string {
  if (widget === 'locator') return localizedPath('embedLocator', lang);
  if (widget === 'help') return localizedPath('embedHelp', lang);
  return campaignSlug === undefined
    ? localizedPath('embedNewestCampaign', lang)
    : localizedPath('embedCampaign', lang, { slug: campaignSlug });
}

/** An address inside an embed: `path` with `params`, keeping the embed's look. */
export function embedHref(path: string, params: readonly [string, string][], look: EmbedLook): string {
  const query = new URLSearchParams([...params, ...lookParams(look)]);
  return `${path}?${query.toString()}`;
}
