import type { Lang } from '#src/i18n/index.ts';

/**
 * The portal's public paths, per language. Vietnamese paths are the public contract (see DESIGN.md); English mirrors them
 * under `/en/`. Dynamic segments are written `[name]` and filled by `localizedPath`.
 */
export const routes = {
  home: { vi: '/', en: '/en/' },
  findHelp: { vi: '/tim-ho-tro', en: '/en/find-help' },
  findHelpPoint: { vi: '/tim-ho-tro/diem/[id]', en: '/en/find-help/point/[id]' },
  findHelpProvince: { vi: '/tim-ho-tro/tinh/[code]', en: '/en/find-help/province/[code]' },
  askForHelp: { vi: '/xin-tu-van', en: '/en/ask-for-help' },
  track: { vi: '/theo-doi', en: '/en/track' },
  privacy: { vi: '/quyen-rieng-tu', en: '/en/privacy' },
  /** Who runs the site and how to reach them (OPERATOR_*), and the help lines it offers (HELPLINES). */
  about: { vi: '/gioi-thieu', en: '/en/about' },
  openData: { vi: '/du-lieu-mo', en: '/en/open-data' },
  substances: { vi: '/ma-tuy-a-z', en: '/en/drugs-a-z' },
  // The A–Z list's server-answered filter (`?q=`), for readers without JavaScript; see SubstanceIndex.astro.
  substancesSearch: { vi: '/ma-tuy-a-z/tim-kiem', en: '/en/drugs-a-z/search' },
  substance: { vi: '/ma-tuy-a-z/[slug]', en: '/en/drugs-a-z/[slug]' },
  article: { vi: '/bai-viet/[slug]', en: '/en/articles/[slug]' },
  guides: { vi: '/huong-dan', en: '/en/guides' },
  guide: { vi: '/huong-dan/[slug]', en: '/en/guides/[slug]' },
  campaigns: { vi: '/chien-dich', en: '/en/campaigns' },
  campaign: { vi: '/chien-dich/[slug]', en: '/en/campaigns/[slug]' },
  audience: { vi: '/danh-cho/[audience]', en: '/en/for/[audience]' },
  /** A campaign's share card (Open Graph image, 1200×630 PNG), drawn on demand: it prints the public address. */
  campaignCard: { vi: '/chien-dich/[slug].png', en: '/en/campaigns/[slug].png' },
  /** The QR code on printed campaign posters: the "ask for help" address on the public origin (SVG, on demand). */
  askForHelpQr: { vi: '/chien-dich/ma-qr-xin-tu-van.svg', en: '/en/campaigns/ask-for-help-qr.svg' },
  /** The overdose and poisoning first-aid card: a page that prints on one A4 sheet, and its shareable image. */
  firstAid: { vi: '/so-cuu-qua-lieu', en: '/en/overdose-first-aid' },
  firstAidCard: { vi: '/so-cuu-qua-lieu.png', en: '/en/overdose-first-aid.png' },
  /** The image link previews show for pages without one of their own (1200×630 PNG, drawn at build). */
  shareImage: { vi: '/anh-chia-se.png', en: '/en/share-image.png' },
  /** The web app manifest (name, icons, colours), one per language so an installed portal opens in it. */
  manifest: { vi: '/manifest.webmanifest', en: '/en/manifest.webmanifest' },
  /** Site search (Pagefind; its script loads on this page only). */
  search: { vi: '/tim-kiem', en: '/en/search' },
  /** RSS feed of new articles, one per language. */
  rss: { vi: '/rss.xml', en: '/en/rss.xml' },
  statistics: { vi: '/so-lieu', en: '/en/statistics' },
  embed: { vi: '/nhung-tien-ich', en: '/en/embed' },
  // The embeds other sites frame (only `/embed/` may be framed: src/server/security-headers.ts), so their English
  // paths mirror the site's under `/embed/en/` rather than `/en/`.
  embedLocator: { vi: '/embed/tim-ho-tro', en: '/embed/en/find-help' },
  embedHelp: { vi: '/embed/xin-tu-van', en: '/embed/en/ask-for-help' },
  embedNewestCampaign: { vi: '/embed/chien-dich', en: '/embed/en/campaigns' },
  embedCampaign: { vi: '/embed/chien-dich/[slug]', en: '/embed/en/campaigns/[slug]' },
  console: { vi: '/quan-ly', en: '/en/console' },
  consoleSignIn: { vi: '/quan-ly/dang-nhap', en: '/en/console/sign-in' },
  consoleVerify: { vi: '/quan-ly/xac-minh', en: '/en/console/verify' },
  consoleSignOut: { vi: '/quan-ly/dang-xuat', en: '/en/console/sign-out' },
  consoleInvitation: { vi: '/quan-ly/loi-moi', en: '/en/console/invitation' },
  consoleAccount: { vi: '/quan-ly/tai-khoan', en: '/en/console/account' },
  consoleCase: { vi: '/quan-ly/yeu-cau/[id]', en: '/en/console/requests/[id]' },
  consolePoints: { vi: '/quan-ly/diem-ho-tro', en: '/en/console/points' },
  consolePoint: { vi: '/quan-ly/diem-ho-tro/[id]', en: '/en/console/points/[id]' },
  consoleStaff: { vi: '/quan-ly/can-bo', en: '/en/console/staff' },
  consoleReports: { vi: '/quan-ly/bao-thong-tin-sai', en: '/en/console/listing-reports' },
  consoleCounts: { vi: '/quan-ly/so-lieu', en: '/en/console/counts' },
  consoleAudit: { vi: '/quan-ly/nhat-ky', en: '/en/console/audit-log' },
  consoleDeadLetters: { vi: '/quan-ly/thu-khong-gui-duoc', en: '/en/console/undelivered-mail' },
  consoleImport: { vi: '/quan-ly/nhap-danh-ba', en: '/en/console/import' },
} as const satisfies Record<string, Record<Lang, string>>;

export type RouteId = keyof typeof routes;

/** Builds the path of a route in one language, filling `[param]` segments (URL-encoded). */
export function localizedPath(id: RouteId, lang: Lang, params: Record<string, string> = {}): string {
  return routes[id][lang].replace(/\[(\w+)\]/g, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`localizedPath: missing parameter "${name}" for route "${id}"`);
    return encodeURIComponent(value);
  });
}

/** The language a path belongs to: everything under `/en/` (and the embeds under `/embed/en/`) is English. */
export function langOfPath(pathname: string): Lang {
  const path = pathname.startsWith('/embed/') ? pathname.slice('/embed'.length) : pathname;
  return path === '/en' || path.startsWith('/en/') ? 'en' : 'vi';
}
