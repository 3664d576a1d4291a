import { renderSVG } from 'uqr';
import type { Lang } from '#src/i18n/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { publicUrl, type RenderContext } from '#src/features/site/public-origin.server.ts';

/**
 * The QR code printed on campaign posters (`/chien-dich/ma-qr-xin-tu-van.svg`, `/en/campaigns/ask-for-help-qr.svg`):
 * the "ask for help" address on the public origin, as plain SVG paths. On demand, because that address is SITE_URL,
 * read when the server runs; a phone scanning a poster must land on the real portal.
 */
export function askForHelpQrResponse(lang: Lang, context: RenderContext): Response {
  const svg = renderSVG(publicUrl(context, localizedPath('askForHelp', lang)), { border: 1 });
  return new Response(svg, {
    headers: { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Cache-Control': 'public, max-age=86400' },
  });
}
