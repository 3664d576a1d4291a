import { keyLine } from '../lines.ts';
import type { ContentLang, ContentTree, LintEntry, Problem } from '../types.ts';

/** Every Vietnamese entry has its English counterpart and the reverse: the same `translationKey` in each language folder. */
export function checkPairing(tree: ContentTree): Problem[] {
  const problems: Problem[] = [];
  const groups = new Map<string, Partial<Record<ContentLang, LintEntry>>>();
  for (const entry of tree.entries) {
    const key = entry.frontmatter['translationKey'];
    if (typeof key !== 'string' || key === '') {
      problems.push({
        rule: 'pairing',
        file: entry.file,
        line: keyLine(entry.lines, 'translationKey'),
        message: 'No translationKey: give the Vietnamese and English versions of this text the same translationKey.',
      });
      continue;
    }
    const groupKey = `${entry.collection}\u0000${key}`;
    const group = groups.get(groupKey) ?? {};
    const already = group[entry.lang];
    if (already) {
      problems.push({
        rule: 'pairing',
        file: entry.file,
        line: keyLine(entry.lines, 'translationKey'),
        message: `translationKey "${key}" is already used by ${already.file}: each language has one entry per key.`,
      });
    } else group[entry.lang] = entry;
    groups.set(groupKey, group);
  }
  for (const group of groups.values()) {
    for (const [present, missing] of [
      ['vi', 'en'],
      ['en', 'vi'],
    ] as const) {
      const entry = group[present];
      if (entry && !group[missing]) {
        const key = String(entry.frontmatter['translationKey']);
        problems.push({
          rule: 'pairing',
          file: entry.file,
          line: keyLine(entry.lines, 'translationKey'),
          message: `No ${missing === 'en' ? 'English' : 'Vietnamese'} counterpart: add ${tree.contentDir}/${entry.collection}/${missing}/<file>.md with translationKey: ${key}.`,
        });
      }
    }
  }
  return problems;
}
