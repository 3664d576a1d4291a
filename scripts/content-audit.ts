/**
 * `npm run content:audit`: what is due for review today, and every content lint problem.
 *
 * The test suite measures review ages against the committed date in content/as-of.json, so it never fails by itself as
 * days pass; this command looks at today's date (in Vietnam) instead. It exits 1 only when the lint finds a problem;
 * pages due for review are listed, not failed. `--today YYYY-MM-DD` audits as of another day.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  citedSourceIds,
  dueEntries,
  formatProblem,
  lintContent,
  pendingOccurrences,
  reviewMonths,
} from '#src/features/content/lint/index.ts';
import { localDateString, systemClock } from '#src/lib/clock.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const flag = process.argv.indexOf('--today');
const todayText = flag >= 0 ? (process.argv[flag + 1] ?? '') : localDateString(systemClock.now());
if (!/^\d{4}-\d{2}-\d{2}$/.test(todayText)) {
  console.error(`content:audit: --today takes a date written YYYY-MM-DD, not "${todayText}".`);
  process.exit(2);
}
const today = new Date(`${todayText}T00:00:00Z`);
const soon = new Date(today.getTime() + 30 * 24 * 3600 * 1000);
const iso = (date: Date) => date.toISOString().slice(0, 10);

const { tree, problems } = lintContent({ projectRoot });
const due = dueEntries(tree.entries, tree.policy, today);
const dueSoon = dueEntries(tree.entries, tree.policy, soon).filter((item) => item.due.getTime() > today.getTime());

console.log(`Content audit for ${todayText}: ${tree.entries.length} entries, ${tree.registry.length} sources.`);
console.log(
  `Review intervals (months): ${Object.entries(tree.policy.months)
    .map(([key, months]) => `${key} ${months}`)
    .join(', ')}.`,
);
console.log('');
console.log(due.length === 0 ? 'Due for review today: none.' : `Due for review today (${due.length}):`);
for (const { entry, reviewedOn, due: on } of due) {
  console.log(
    `  ${entry.file}  reviewed ${iso(reviewedOn)}, due ${iso(on)} (every ${reviewMonths(tree.policy, entry.collection)} months)`,
  );
}
if (dueSoon.length > 0) {
  console.log(`Due in the next 30 days (${dueSoon.length}):`);
  for (const { entry, due: on } of dueSoon) console.log(`  ${entry.file}  due ${iso(on)}`);
}
if (due.length > 0) {
  console.log(
    `\nAfter reviewing, set each page's reviewedOn to the day you checked it, and move asOf in ${tree.policyFile} to today.`,
  );
}
// Recorded but cited by no page: not wrong (a source may be kept for a page in progress), but worth a look.
// The shared dangerous-mixes table cites sources too (each row's `source`); drug pages show them.
const mixesFile = resolve(projectRoot, tree.contentDir, 'mixes.json');
const mixRows: unknown = existsSync(mixesFile) ? JSON.parse(readFileSync(mixesFile, 'utf8')) : [];
const mixSources = Array.isArray(mixRows)
  ? mixRows.flatMap((row: unknown) => {
      const source = (row as { source?: unknown } | null)?.source;
      return typeof source === 'string' ? [source] : [];
    })
  : [];
const cited = new Set([...tree.entries.flatMap(citedSourceIds), ...mixSources]);
const unused = tree.registry.flatMap((record) =>
  typeof record.id === 'string' && !cited.has(record.id) ? [record.id] : [],
);
if (unused.length > 0) console.log(`\nSources recorded but cited by no page (${unused.length}): ${unused.join(', ')}.`);
// Issue 18: a public body says "not confirmed" rarely, and each time with what is pending and the date it was checked.
const published = tree.entries.filter((entry) => entry.frontmatter['draft'] !== true);
const pending = pendingOccurrences(published);
const vietnamese = pending.filter((item) => item.entry.lang === 'vi');
console.log(
  `\n“chưa xác nhận / chưa đối chiếu / theo tin báo” in published Vietnamese text: ${vietnamese.length}` +
    ` (English “not confirmed / not checked / according to news reports”: ${pending.length - vietnamese.length}).`,
);
for (const item of pending) {
  console.log(`  ${item.entry.file}:${item.line}  ${item.dated ? 'dated' : 'NOT DATED'}: ${item.sentence}`);
}
console.log('');
if (problems.length === 0) {
  console.log('Lint: no problems.');
} else {
  console.log(`Lint: ${problems.length} problem${problems.length === 1 ? '' : 's'}:`);
  for (const problem of problems) console.log(`  ${formatProblem(problem)}`);
  process.exitCode = 1;
}
