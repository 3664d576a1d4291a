import { listed } from '../transition.ts';
import type { ContentTree, LintEntry, Problem } from '../types.ts';

/**
 * Words that say something is not settled yet. A public body may say so, once, plainly and dated: on a reviewed page
 * each one must sit in a sentence that gives the date it was checked (e.g. “(đối chiếu ngày 6/12/2026)”).
 */
export const PENDING_PATTERNS: readonly { lang: 'vi' | 'en'; pattern: RegExp }[] = [
  { lang: 'vi', pattern: /chưa (?:được )?(?:xác nhận|đối chiếu)|theo tin báo/giu },
  {
    lang: 'en',
    pattern: /\bnot (?:yet )?(?:been )?(?:confirmed|checked)\b|\baccording to (?:news|press) reports\b/giu,
  },
];

// 6/12/2026, 06/12/2026, 2026-12-06, ngày 6 tháng 12 năm 2026, 6 December 2026, December 6, 2026.
const DATED =
  /\b\d{1,2}\/\d{1,2}\/\d{4}\b|\b\d{4}-\d{2}-\d{2}\b|ngày \d{1,2} tháng \d{1,2}(?:,)? năm \d{4}|\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}\b/iu;

/** One occurrence of a pending word in an entry. */
export interface PendingOccurrence {
  entry: LintEntry;
  line: number;
  found: string;
  /** The sentence around it. */
  sentence: string;
  dated: boolean;
  /** The frontmatter key it is under (`pending` for a drug page's `legal.pending`), or `undefined` in the body. */
  key: string | undefined;
}

/** A piece of an entry's text as a reader reads it: a frontmatter value, or a paragraph of the body. */
interface TextUnit {
  text: string;
  line: number;
  key: string | undefined;
}

/** The entry's frontmatter string values and body paragraphs (lines joined, as YAML and Markdown join them). */
function textUnits(entry: LintEntry): TextUnit[] {
  const units: TextUnit[] = [];
  const visit = (value: unknown, key: string | undefined): void => {
    if (typeof value === 'string') {
      const start = value.normalize('NFC').slice(0, 30);
      const index = entry.lines.findIndex((line, at) => at < entry.bodyStartLine && line.normalize('NFC').includes(start));
      units.push({ text: value.normalize('NFC'), line: index + 1 || 1, key });
    } else if (Array.isArray(value)) value.forEach((item) => visit(item, key));
    else if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
      for (const [child, item] of Object.entries(value)) visit(item, child);
    }
  };
  visit(entry.frontmatter, undefined);
  let paragraph: string[] = [];
  let first = 0;
  const flush = () => {
    if (paragraph.length > 0) units.push({ text: paragraph.join(' ').normalize('NFC'), line: first, key: undefined });
    paragraph = [];
  };
  entry.lines.forEach((line, index) => {
    if (index + 1 < entry.bodyStartLine) return;
    if (line.trim() === '' || /^\s*(#|[-*+]\s|\d+\.\s|\|)/.test(line)) flush();
    if (line.trim() === '') return;
    if (paragraph.length === 0) first = index + 1;
    paragraph.push(line.trim());
  });
  flush();
  return units;
}

/** Every pending word in the entries' text (frontmatter values and body), with its sentence and whether it is dated. */
export function pendingOccurrences(entries: readonly LintEntry[]): PendingOccurrence[] {
  return entries.flatMap((entry) =>
    textUnits(entry).flatMap(({ text, line, key }) =>
      PENDING_PATTERNS.flatMap(({ pattern }) =>
        [...text.matchAll(pattern)].map((match) => {
          const sentence = sentenceAround(text, match.index);
          return { entry, line, found: match[0], sentence, dated: DATED.test(sentence), key };
        }),
      ),
    ),
  );
}

function sentenceAround(text: string, at: number): string {
  // The sentence starts after the last ". ", "! " or "? " before the match and ends at the next one (or the line's end).
  let start = 0;
  for (const match of text.slice(0, at).matchAll(/[.!?]\s+/gu)) start = match.index + match[0].length;
  const end = /[.!?](?:\s|$)/u.exec(text.slice(at));
  return text.slice(start, end ? at + end.index + 1 : text.length).trim();
}

/**
 * On a reviewed page (one not listed in `review/.unreviewed.json`), each “chưa xác nhận / chưa đối chiếu / theo tin báo”
 * (and “not confirmed / not checked / according to news reports”) says when it was checked, in the same sentence.
 * A drug page's `legal.pending` is dated by `legal.checkedOn` and is not checked here.
 */
export function checkPending(tree: ContentTree): Problem[] {
  const reviewed = tree.entries.filter(
    (entry) =>
      entry.frontmatter['draft'] !== true &&
      !listed(tree.transition.unreviewed, `${entry.collection}/${String(entry.frontmatter['translationKey'])}`),
  );
  return pendingOccurrences(reviewed)
    .filter((occurrence) => !occurrence.dated && occurrence.key !== 'pending')
    .map(({ entry, line, found }) => ({
      rule: 'pending' as const,
      file: entry.file,
      line,
      message: `“${found}”: say in the same sentence what is pending and the date it was checked, e.g. “(đối chiếu ngày 6/12/2026)”; or, if it is settled now, state it with its source.`,
    }));
}
