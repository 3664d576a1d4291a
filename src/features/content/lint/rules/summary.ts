import { keyLine } from '../lines.ts';
import { checkList, listed } from '../transition.ts';
import type { ContentTree, Problem } from '../types.ts';

/** The collections whose pages show a summary at the top (drug pages require it in their schema). */
const WITH_SUMMARY = ['articles', 'guides'] as const;

/**
 * Every article and guide has a `summary` (three or four short lines shown at the top), except those still listed in
 * `.without-summary.json` as `<collection>/<translationKey>`.
 */
export function checkSummary(tree: ContentTree): Problem[] {
  const list = tree.transition.withoutSummary;
  const entries = tree.entries.filter((entry) => (WITH_SUMMARY as readonly string[]).includes(entry.collection));
  const names = new Set(entries.map((entry) => `${entry.collection}/${String(entry.frontmatter['translationKey'])}`));
  const problems = checkList(list, (name) => names.has(name), 'article or guide (<collection>/<translationKey>)');
  const nameOf = (entry: (typeof entries)[number]) => `${entry.collection}/${String(entry.frontmatter['translationKey'])}`;
  const hasSummary = (entry: (typeof entries)[number]) => Array.isArray(entry.frontmatter['summary']);
  // A name leaves the list once both languages have their summary.
  const complete = new Set(
    [...names].filter((name) => entries.filter((entry) => nameOf(entry) === name).every(hasSummary)),
  );
  for (const entry of entries) {
    const name = nameOf(entry);
    const has = hasSummary(entry);
    if (listed(list, name)) {
      if (complete.has(name) && entry.lang === 'vi') {
        problems.push({
          rule: 'transition',
          file: entry.file,
          line: keyLine(entry.lines, 'summary'),
          message: `This page has its summary: remove "${name}" from ${list?.file}.`,
        });
      }
    } else if (!has) {
      problems.push({
        rule: 'summary',
        file: entry.file,
        line: keyLine(entry.lines, 'description'),
        message:
          'No summary: add summary: with three or four short sentences (what it is about, the main point, what to do), shown at the top of the page.',
      });
    }
  }
  return problems;
}
