/**
 * The portal's icon: a white cross on the brand colour. One drawing for the browser tab (`/favicon.svg`), the web app
 * manifest's PNG icons and the home-screen icon of iOS, all drawn at build from the SVG below (no file downloaded).
 */

/** The brand colour the icon, the theme colour and the share images use. */
export const BRAND_COLOUR = '#0b5d7a';

/** The path of the SVG icon browsers show in tabs. */
export const FAVICON_PATH = '/favicon.svg';

/** One PNG icon drawn at build. */
export interface PngIcon {
  /** File name under `/icons/`, without `.png`. */
  readonly name: string;
  readonly size: number;
  /**
   * `any`: shown as drawn (rounded corners); `maskable`: the platform cuts its own shape, so the background fills the
   * square and the cross stays inside the safe zone (the middle 80 %).
   */
  readonly purpose: 'any' | 'maskable';
}

/** The icons the web app manifest lists (the sizes Android and desktop browsers ask for). */
export const MANIFEST_ICONS: readonly PngIcon[] = [
  { name: 'icon-192', size: 192, purpose: 'any' },
  { name: 'icon-512', size: 512, purpose: 'any' },
  { name: 'maskable-512', size: 512, purpose: 'maskable' },
];

/** The 180×180 PNG iOS puts on the home screen: it cuts its own rounded corners, so the square is filled. */
export const TOUCH_ICON: PngIcon = { name: 'apple-touch-icon', size: 180, purpose: 'maskable' };

/** Every PNG icon drawn at build. */
export const PNG_ICONS: readonly PngIcon[] = [...MANIFEST_ICONS, TOUCH_ICON];

/** The path of a PNG icon. */
export function pngIconPath(icon: PngIcon): string {
  return `/icons/${icon.name}.png`;
}

/** The path of the home-screen icon of iOS. */
export const TOUCH_ICON_PATH = pngIconPath(TOUCH_ICON);

/** The icon as SVG on a 32-unit grid; `fullBleed` fills the square (no rounded corners). */
export function iconSvg({ fullBleed }: { fullBleed: boolean }): string {
  const corner = fullBleed ? '' : ' rx="6"';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">` +
    `<rect width="32" height="32"${corner} fill="${BRAND_COLOUR}"/>` +
    `<path d="M16 7v18M7 16h18" stroke="#fff" stroke-width="5" stroke-linecap="round"/></svg>`
  );
}
