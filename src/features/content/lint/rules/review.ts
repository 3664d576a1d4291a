import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkList, listed } from '../transition.ts';
import type { ContentTree, LintEntry, Problem } from '../types.ts';

/** What a claim's review concluded (`content/review/README.md`): the verdict cell's first word; a note may follow. */
export const VERDICTS = ['confirmed', 'corrected', 'reworded', 'removed'] as const;
/** Which language version of the page states the claim, in the optional Lang column. */
export const CLAIM_LANGS = ['vi', 'en', 'vi+en'] as const;

const STATEMENT = /\breviewed by the editorial team on (\d{4}-\d{2}-\d{2})\b/i;
// A line that names who reviewed: the record never names a person, only the editorial team.
const NAMED_REVIEWER = /\breviewed by (?!the editorial team)|\breviewers?\s*:|người (?:xem lại|duyệt|kiểm tra)\s*:/iu;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Every published page has its review record, `<content>/review/<collection>/<translationKey>.md` (format:
 * `content/review/README.md`), unless it is still listed in `review/.unreviewed.json`: the statement "Reviewed by the
 * editorial team on <date>." with the date of the pages' `reviewedOn`, and a table of claims (claim, lang, source,
 * verdict, checked on) covering both languages.
 */
export function checkReview(tree: ContentTree): Problem[] {
  const list = tree.transition.unreviewed;
  const published = tree.entries.filter((entry) => entry.frontmatter['draft'] !== true);
  const groups = new Map<string, LintEntry[]>();
  for (const entry of published) {
    const name = `${entry.collection}/${String(entry.frontmatter['translationKey'])}`;
    groups.set(name, [...(groups.get(name) ?? []), entry]);
  }
  const names = new Set(tree.entries.map((entry) => `${entry.collection}/${String(entry.frontmatter['translationKey'])}`));
  const problems = checkList(list, (name) => names.has(name), 'page (<collection>/<translationKey>)');
  const known = new Set(tree.registry.flatMap((record) => (typeof record.id === 'string' ? [record.id] : [])));
  for (const [name, entries] of groups) {
    const file = `${tree.contentDir}/review/${name}.md`;
    const path = resolve(tree.projectRoot, file);
    const exists = existsSync(path);
    // A listed page is not checked yet: its record may be in progress. Its writer removes the line when it is ready.
    if (listed(list, name)) continue;
    const first = entries.find((entry) => entry.lang === 'vi') ?? entries[0];
    if (!exists) {
      problems.push({
        rule: 'review',
        file: first?.file ?? file,
        line: 1,
        message: `No review record: write ${file} (format in ${tree.contentDir}/review/README.md).`,
      });
      continue;
    }
    problems.push(...checkRecord(tree, file, readFileSync(path, 'utf8'), entries, known));
  }
  return problems;
}

/** Checks one review record's statement and claims table. */
export function checkRecord(
  tree: ContentTree,
  file: string,
  text: string,
  entries: readonly LintEntry[],
  known: ReadonlySet<string>,
): Problem[] {
  const lines = text.normalize('NFC').split(/\r?\n/);
  const problems: Problem[] = [];
  const problem = (line: number, message: string) => problems.push({ rule: 'review', file, line, message });
  const asOf = tree.policy.asOf;
  const iso = (date: Date) => date.toISOString().slice(0, 10);
  const tooLate = (date: string) => !Number.isNaN(asOf.getTime()) && date > iso(asOf);

  const statementIndex = lines.findIndex((line) => STATEMENT.test(line));
  // Both language versions are covered when the record says so, or names both pages' files.
  const bothLanguages =
    /both languages/i.test(text) ||
    (entries.length === 2 && entries.every((entry) => text.includes(`${entry.slug}.md`) || text.includes(`\`${entry.slug}\``)));
  if (statementIndex === -1) {
    problem(1, 'Write the line “Reviewed by the editorial team on YYYY-MM-DD.” (the day of the review; no names).');
  } else {
    const [, date = ''] = STATEMENT.exec(lines[statementIndex] ?? '') ?? [];
    for (const entry of entries) {
      const reviewedOn = entry.frontmatter['reviewedOn'];
      if (reviewedOn instanceof Date && iso(reviewedOn) !== date) {
        problem(
          statementIndex + 1,
          `The review date ${date} differs from reviewedOn ${iso(reviewedOn)} of ${entry.file}: set both to the day of the review.`,
        );
      }
    }
  }
  lines.forEach((line, index) => {
    if (index !== statementIndex && NAMED_REVIEWER.test(line)) {
      problem(index + 1, 'The record names no reviewer: keep only “Reviewed by the editorial team on YYYY-MM-DD.”');
    }
  });

  const headerIndex = lines.findIndex((line) => /^\s*\|/.test(line) && /\bclaim\b/i.test(line));
  if (headerIndex === -1) {
    problem(1, 'Add the claims table: | Claim | Source | Verdict | Checked on |, one row per claim (format: README.md).');
    return problems;
  }
  const header = cells(lines[headerIndex] ?? '').map((cell) => cell.toLowerCase());
  const column = (test: (name: string) => boolean) => header.findIndex(test);
  const at = {
    claim: column((name) => /\bclaim\b/.test(name)),
    lang: column((name) => name === 'lang' || name === 'language'),
    source: column((name) => name.startsWith('source')),
    verdict: column((name) => name.startsWith('verdict')),
    checked: column((name) => name.startsWith('checked')),
  };
  if (at.source === -1 || at.verdict === -1 || at.checked === -1) {
    problem(headerIndex + 1, 'The table needs the columns Claim, Source, Verdict and Checked on (and optionally # and Lang).');
    return problems;
  }
  const langs = new Set<string>();
  let rows = 0;
  for (let index = headerIndex + 2; index < lines.length && /^\s*\|/.test(lines[index] ?? ''); index += 1) {
    const line = index + 1;
    const row = cells(lines[index] ?? '');
    const cell = (position: number) => (position === -1 ? '' : (row[position] ?? ''));
    rows += 1;
    if (cell(at.claim) === '') problem(line, 'Write the claim as the page states it.');
    if (at.lang !== -1) {
      const lang = cell(at.lang);
      if ((CLAIM_LANGS as readonly string[]).includes(lang)) for (const one of lang.split('+')) langs.add(one);
      else problem(line, `Write lang as one of ${CLAIM_LANGS.join(', ')}, not "${lang}".`);
    }
    const verdict = /^[a-z]+/i.exec(cell(at.verdict).replace(/^\*+/, ''))?.[0]?.toLowerCase() ?? '';
    if (!(VERDICTS as readonly string[]).includes(verdict)) {
      problem(
        line,
        `Start the verdict with ${VERDICTS.join(', ')} (a note may follow), not "${cell(at.verdict).slice(0, 40)}".`,
      );
    }
    // “—” (with a note after it, if any) says no source: allowed for a claim removed, or reworded to say what is unknown.
    const sourceCell = cell(at.source);
    const ids = sourceCell.startsWith('—')
      ? []
      : sourceCell
          .split(/[,;]/)
          .map((id) => id.trim().replace(/^`|`$/g, ''))
          .filter((id) => id !== '');
    if (ids.length === 0 && verdict !== 'removed' && verdict !== 'reworded') {
      problem(
        line,
        'Give the source id(s) the claim was checked against; “—” only for a claim removed, or reworded to say what is not known and since when.',
      );
    }
    for (const id of ids) {
      if (!known.has(id)) problem(line, `Source "${id}" is not in ${tree.registryFile}.`);
    }
    const checkedOn = cell(at.checked);
    if (!DATE.test(checkedOn)) problem(line, `Write checked on as YYYY-MM-DD, not "${checkedOn}".`);
    else if (tooLate(checkedOn)) problem(line, `Checked on ${checkedOn} is after asOf (${tree.policyFile}).`);
  }
  if (rows === 0) problem(headerIndex + 1, 'The table has no claims: one row per legal, clinical or statistical claim.');
  if (rows > 0 && !bothLanguages && at.lang === -1) {
    problem(
      statementIndex + 1 || 1,
      'Say the record covers both languages: “Reviewed by the editorial team on YYYY-MM-DD, both languages.”, or add a Lang column (vi, en, vi+en).',
    );
  }
  if (at.lang !== -1 && rows > 0) {
    for (const lang of ['vi', 'en']) {
      if (!langs.has(lang)) problem(headerIndex + 1, `No claim of the ${lang} page is recorded: the record covers both languages.`);
    }
  }
  return problems;
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());
}
