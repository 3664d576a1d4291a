import { localeOf, useTranslations, type Lang } from '#src/i18n/index.ts';
import { BRAND_COLOUR, FAVICON_PATH, MANIFEST_ICONS, pngIconPath } from './icons.ts';
import { localizedPath } from './routes.ts';

/**
 * The web app manifest of one language (`/manifest.webmanifest`, `/en/manifest.webmanifest`): the name, colours and
 * icons a phone uses when someone adds the portal to the home screen, opening it in the language they read it in.
 * Addresses are paths, so the manifest holds no origin.
 */
export function webManifest(lang: Lang): Record<string, unknown> {
  const t = useTranslations(lang);
  const home = localizedPath('home', lang);
  return {
    id: home,
    name: t('site.name'),
    short_name: t('site.name'),
    description: t('site.description'),
    lang: localeOf(lang),
    dir: 'ltr',
    start_url: home,
    scope: '/',
    // A browser bar stays: the address is visible and "back" works, which the quick exit relies on too.
    display: 'minimal-ui',
    theme_color: BRAND_COLOUR,
    background_color: '#ffffff',
    icons: [
      { src: FAVICON_PATH, sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      ...MANIFEST_ICONS.map((icon) => ({
        src: pngIconPath(icon),
        sizes: `${icon.size}x${icon.size}`,
        type: 'image/png',
        purpose: icon.purpose,
      })),
    ],
  };
}
