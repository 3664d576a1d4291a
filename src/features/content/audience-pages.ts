import { otherLang, type Lang } from '#src/i18n/index.ts';
import { audiences, type Audience } from '#src/features/lists/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';

/**
 * The URL segment of each audience's landing page (`/danh-cho/<vi>`, `/en/for/<en>`): short, readable words, not the
 * list's codes, because people read and share these addresses.
 */
export const audienceSlugs = {
  'youth-out-of-school': { vi: 'thanh-thieu-nien-khong-di-hoc', en: 'young-people-out-of-school' },
  students: { vi: 'hoc-sinh-sinh-vien', en: 'students' },
  workers: { vi: 'cong-nhan', en: 'workers' },
  'after-rehab': { vi: 'nguoi-sau-cai-nghien', en: 'after-rehab' },
  families: { vi: 'cha-me-gia-dinh', en: 'parents-and-families' },
  schools: { vi: 'giao-vien-nha-truong', en: 'teachers-and-schools' },
} as const satisfies Record<Audience, Record<Lang, string>>;

/** Each audience's segment in UI string keys (`content.audience.<key>.title`): keys are camelCase, codes are not. */
export const audienceKeys = {
  'youth-out-of-school': 'youthOutOfSchool',
  students: 'students',
  workers: 'workers',
  'after-rehab': 'afterRehab',
  families: 'families',
  schools: 'schools',
} as const satisfies Record<Audience, string>;

/** The path of one audience's landing page in one language. */
export function audiencePath(code: Audience, lang: Lang): string {
  return localizedPath('audience', lang, { audience: audienceSlugs[code][lang] });
}

/** `getStaticPaths` for the landing pages in one language: one page per audience of the shared list. */
export function audiencePaths(lang: Lang) {
  const other: Lang = otherLang(lang);
  return audiences.codes.map((code) => ({
    params: { audience: audienceSlugs[code][lang] },
    props: { audience: code, alternateHref: audiencePath(code, other) },
  }));
}

/** The least an entry needs to be listed on a landing page. */
export interface AudienceTagged {
  entry: { data: { title: string; audiences: readonly Audience[] } };
}

/**
 * The entries tagged with one audience, in the order a landing page lists them: first those written for it (the
 * audience is their first tag), then those that also serve it; by title within each group.
 */
export function entriesFor<E extends AudienceTagged>(entries: readonly E[], code: Audience, lang: Lang): E[] {
  const collator = new Intl.Collator(lang);
  const writtenFor = (item: E) => (item.entry.data.audiences[0] === code ? 0 : 1);
  return entries
    .filter((item) => item.entry.data.audiences.includes(code))
    .sort((a, b) => writtenFor(a) - writtenFor(b) || collator.compare(a.entry.data.title, b.entry.data.title));
}
