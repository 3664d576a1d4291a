/**
 * The content lint: checks every entry under `content/` (or a fixture's content folder) for what the build cannot
 * see alone. The Vitest suite (`tests/unit/content/lint.test.ts`) and `npm run content:audit` share it. Rules and
 * their exceptions: `README.md` beside this file.
 */
import { loadContent, type LoadOptions } from './load.ts';
import { checkLinks } from './rules/links.ts';
import { checkPairing } from './rules/pairing.ts';
import { checkPlaces } from './rules/places.ts';
import { checkRegistry } from './rules/registry.ts';
import { checkReviewAge } from './rules/review-age.ts';
import { checkSources } from './rules/sources.ts';
import { checkStigma } from './rules/stigma.ts';
import { checkMixes } from './rules/mixes.ts';
import { checkPending } from './rules/pending.ts';
import { checkPublishers } from './rules/publishers.ts';
import { checkReview } from './rules/review.ts';
import { checkSections } from './rules/sections.ts';
import type { ContentTree, Problem, RuleId } from './types.ts';

export type { ContentTree, Problem, RuleId } from './types.ts';
export { dueEntries, dueOn, reviewMonths } from './rules/review-age.ts';
export { citedSourceIds } from './rules/sources.ts';
export { findStigma, stigmaTerms } from './terms.ts';
export { pendingOccurrences, PENDING_PATTERNS } from './rules/pending.ts';
export { mirrorOf, MIRROR_HOSTS } from './rules/publishers.ts';
export { listed } from './transition.ts';
export { loadContent } from './load.ts';

/** Each rule, in the order problems are reported. */
export const rules: readonly { id: RuleId; check: (tree: ContentTree) => Problem[] }[] = [
  { id: 'sources', check: checkSources },
  { id: 'review-age', check: checkReviewAge },
  { id: 'pairing', check: checkPairing },
  { id: 'stigma', check: checkStigma },
  { id: 'links', check: checkLinks },
  { id: 'registry', check: checkRegistry },
  { id: 'places', check: checkPlaces },
  { id: 'publishers', check: checkPublishers },
  { id: 'sections', check: checkSections },
  { id: 'review', check: checkReview },
  { id: 'pending', check: checkPending },
  { id: 'mixes', check: checkMixes },
];

/** Reads the content and runs every rule; problems are sorted by file and line. */
export function lintContent(options: LoadOptions): { tree: ContentTree; problems: Problem[] } {
  const tree = loadContent(options);
  const problems = [...tree.loadProblems, ...rules.flatMap((rule) => rule.check(tree))].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line,
  );
  return { tree, problems };
}

/** One problem as one line: `file:line  [rule] message`, the form editors and terminals link to. */
export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}  [${problem.rule}] ${problem.message}`;
}
