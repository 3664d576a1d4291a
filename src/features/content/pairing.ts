import { languages, otherLang, type Lang } from '#src/i18n/index.ts';
import { ContentError } from './errors.ts';

/** The minimum the pairing check reads from a collection entry. */
export interface PairableEntry {
  /** The glob loader's id: `<lang>/<file name without .md>`. */
  id: string;
  filePath?: string | undefined;
  data: { translationKey: string };
}

/** An entry's language (its folder) and slug (its file name, which is its URL segment). */
export function splitEntryId(collection: string, id: string): { lang: Lang; slug: string } {
  const [folder, ...rest] = id.split('/');
  const lang = languages.find((candidate) => candidate === folder);
  if (!lang || rest.length !== 1 || !rest[0]) {
    throw new ContentError(
      `content/${collection}/${id}.md: put each entry directly in content/${collection}/vi/ or content/${collection}/en/.`,
    );
  }
  return { lang, slug: rest[0] };
}

/**
 * Groups the entries of one collection by `translationKey` and checks that every key has exactly one entry in each
 * language. Throws one `ContentError` listing every problem, each naming the file and the key.
 */
export function pairEntries<E extends PairableEntry>(
  collection: string,
  entries: readonly E[],
): Map<string, Record<Lang, E>> {
  const byKey = new Map<string, Partial<Record<Lang, E>>>();
  const problems: string[] = [];
  const fileOf = (entry: E) => entry.filePath ?? `content/${collection}/${entry.id}.md`;
  for (const entry of entries) {
    const { lang } = splitEntryId(collection, entry.id);
    const key = entry.data.translationKey;
    const pair = byKey.get(key) ?? {};
    const already = pair[lang];
    if (already) problems.push(`${fileOf(entry)}: translationKey "${key}" is already used by ${fileOf(already)}.`);
    else pair[lang] = entry;
    byKey.set(key, pair);
  }
  const paired = new Map<string, Record<Lang, E>>();
  for (const [key, pair] of byKey) {
    const { vi, en } = pair;
    if (vi && en) paired.set(key, { vi, en });
    for (const lang of languages) {
      const present = pair[otherLang(lang)];
      if (!pair[lang] && present) {
        problems.push(
          `${fileOf(present)}: translationKey "${key}" has no ${lang} entry; add content/${collection}/${lang}/<file>.md with the same translationKey.`,
        );
      }
    }
  }
  if (problems.length > 0) throw new ContentError(problems.join(' '));
  return paired;
}
