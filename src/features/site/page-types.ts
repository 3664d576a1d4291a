import type { Lang } from '#src/i18n/index.ts';

/**
 * One line per page type. The axe test, the security-header test, the no-script test and `npm run bench` all read this
 * list, so a new page type is checked everywhere by adding it here. Paths are concrete URLs (one real example of each
 * dynamic page), in both languages.
 */
export interface PageType {
  /** Stable identifier used in test names and the bench table. */
  id: string;
  /** A real URL of this page type in each language. */
  paths: Record<Lang, string>;
  /** How it is served: prerendered at build (`static`) or rendered per request (`on-demand`). */
  rendering: 'static' | 'on-demand';
  /**
   * Why this page may ship JavaScript, or `null` for none. Content pages ship none; only the page types named in the
   * Foundation issue may: locator, intake, search, configurator, console. Embeds ship their height reporter.
   */
  scriptAllowed:
    null | 'locator' | 'intake' | 'search' | 'configurator' | 'console' | 'campaign-share' | 'embed-height';
  /**
   * An embed (`/embed/…`, src/features/widgets/): other sites may frame it, and it has no site header, so no language
   * switch.
   */
  embed?: boolean;
}

export const pageTypes: readonly PageType[] = [
  { id: 'home', paths: { vi: '/', en: '/en/' }, rendering: 'static', scriptAllowed: null },
  {
    id: 'not-found',
    paths: { vi: '/khong-co-trang-nay', en: '/en/no-such-page' },
    rendering: 'static',
    scriptAllowed: null,
  },
  { id: 'privacy', paths: { vi: '/quyen-rieng-tu', en: '/en/privacy' }, rendering: 'static', scriptAllowed: null },
  { id: 'about', paths: { vi: '/gioi-thieu', en: '/en/about' }, rendering: 'on-demand', scriptAllowed: null },
  { id: 'open-data', paths: { vi: '/du-lieu-mo', en: '/en/open-data' }, rendering: 'static', scriptAllowed: null },
  {
    id: 'article',
    paths: { vi: '/bai-viet/noi-chuyen-voi-con-ve-ma-tuy', en: '/en/articles/talking-with-your-child-about-drugs' },
    rendering: 'static',
    scriptAllowed: null,
  },
  // The A–Z list stays prerendered (fast, cacheable anywhere) and ships one small script: the instant, accent-insensitive
  // filter. Without JavaScript its GET form goes to the on-demand search page below, which answers `?q=` on the server.
  { id: 'substances', paths: { vi: '/ma-tuy-a-z', en: '/en/drugs-a-z' }, rendering: 'static', scriptAllowed: 'search' },
  {
    id: 'substances-search',
    paths: { vi: '/ma-tuy-a-z/tim-kiem', en: '/en/drugs-a-z/search' },
    rendering: 'on-demand',
    scriptAllowed: 'search',
  },
  {
    id: 'substance',
    paths: { vi: '/ma-tuy-a-z/ma-tuy-da-methamphetamine', en: '/en/drugs-a-z/crystal-methamphetamine' },
    rendering: 'static',
    scriptAllowed: null,
  },
  { id: 'guides', paths: { vi: '/huong-dan', en: '/en/guides' }, rendering: 'static', scriptAllowed: null },
  {
    id: 'guide',
    paths: {
      vi: '/huong-dan/cai-nghien-tu-nguyen-tai-gia-dinh-cong-dong',
      en: '/en/guides/voluntary-rehab-at-home-or-in-the-community',
    },
    rendering: 'static',
    scriptAllowed: null,
  },
  {
    id: 'audience',
    paths: { vi: '/danh-cho/hoc-sinh-sinh-vien', en: '/en/for/students' },
    rendering: 'static',
    scriptAllowed: null,
  },
  { id: 'campaigns', paths: { vi: '/chien-dich', en: '/en/campaigns' }, rendering: 'static', scriptAllowed: null },
  // The first-aid card prints on one A4 sheet with CSS alone: no print button, no script.
  {
    id: 'first-aid',
    paths: { vi: '/so-cuu-qua-lieu', en: '/en/overdose-first-aid' },
    rendering: 'static',
    scriptAllowed: null,
  },
  {
    id: 'campaign',
    paths: { vi: '/chien-dich/hoi-la-dung-cam', en: '/en/campaigns/asking-is-brave' },
    rendering: 'static',
    scriptAllowed: 'campaign-share',
  },
  { id: 'search', paths: { vi: '/tim-kiem', en: '/en/search' }, rendering: 'on-demand', scriptAllowed: 'search' },
  { id: 'statistics', paths: { vi: '/so-lieu', en: '/en/statistics' }, rendering: 'static', scriptAllowed: null },
  {
    id: 'locator',
    paths: { vi: '/tim-ho-tro', en: '/en/find-help' },
    rendering: 'on-demand',
    scriptAllowed: 'locator',
  },
  // A demo point (DEMO=1, as the e2e suite runs): Trạm Y tế phường Ba Đình, Hà Nội. Demo ids are name-based UUIDs.
  {
    id: 'locator-point',
    paths: {
      vi: '/tim-ho-tro/diem/ea0fe211-c45e-5dd2-8b82-1568492fbbd0',
      en: '/en/find-help/point/ea0fe211-c45e-5dd2-8b82-1568492fbbd0',
    },
    rendering: 'on-demand',
    scriptAllowed: null,
  },
  {
    id: 'locator-province',
    paths: { vi: '/tim-ho-tro/tinh/48', en: '/en/find-help/province/48' },
    rendering: 'on-demand',
    scriptAllowed: null,
  },
  // The intake form (fill step; its other steps answer POSTs) and the follow-up page: on demand, no-store, with the
  // proof-of-work island, the place autocomplete, the quick exit's script and the character count.
  {
    id: 'intake',
    paths: { vi: '/xin-tu-van', en: '/en/ask-for-help' },
    rendering: 'on-demand',
    scriptAllowed: 'intake',
  },
  { id: 'track', paths: { vi: '/theo-doi', en: '/en/track' }, rendering: 'on-demand', scriptAllowed: 'intake' },
  // The staff console's sign-in page: the one console page anyone can load; the signed-in pages are checked by
  // tests/e2e/console*.spec.ts (axe, headers, no-store). The console ships no JavaScript at all.
  {
    id: 'console-sign-in',
    paths: { vi: '/quan-ly/dang-nhap', en: '/en/console/sign-in' },
    rendering: 'on-demand',
    scriptAllowed: null,
  },
  // The widgets' configurator (its one script copies the code and refreshes the preview), and the embeds partners'
  // pages frame: on demand (options are query parameters), each with the tiny script that reports its height.
  {
    id: 'configurator',
    paths: { vi: '/nhung-tien-ich', en: '/en/embed' },
    rendering: 'on-demand',
    scriptAllowed: 'configurator',
  },
  {
    id: 'embed-locator',
    paths: { vi: '/embed/tim-ho-tro?province=01', en: '/embed/en/find-help?province=01' },
    rendering: 'on-demand',
    scriptAllowed: 'embed-height',
    embed: true,
  },
  {
    id: 'embed-help',
    paths: { vi: '/embed/xin-tu-van', en: '/embed/en/ask-for-help' },
    rendering: 'on-demand',
    scriptAllowed: 'embed-height',
    embed: true,
  },
  {
    id: 'embed-campaign',
    paths: { vi: '/embed/chien-dich/hoi-la-dung-cam', en: '/embed/en/campaigns/asking-is-brave' },
    rendering: 'on-demand',
    scriptAllowed: 'embed-height',
    embed: true,
  },
];
