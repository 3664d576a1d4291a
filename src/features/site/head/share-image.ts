import type { Lang } from '#src/i18n/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';

/** An image link previews show for a page (Open Graph, Twitter): a path of the portal and what it shows. */
export interface ShareImage {
  /** The image's path on the portal (made absolute on the public origin in the page's head). */
  readonly path: string;
  readonly width: number;
  readonly height: number;
  /** What the image shows, for people who cannot see it. */
  readonly alt: string;
}

/** The size of the site's own share image (the Open Graph size most apps show large). */
export const SITE_SHARE_IMAGE_SIZE = { width: 1200, height: 630 } as const;

/** The site's share image in `lang`: every page without an image of its own shows it in link previews. */
export function siteShareImage(lang: Lang, alt: string): ShareImage {
  return { path: localizedPath('shareImage', lang), ...SITE_SHARE_IMAGE_SIZE, alt };
}
