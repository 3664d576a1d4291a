import { keyLine } from '../lines.ts';
import type { ContentTree, LintEntry, Problem, ReviewPolicy } from '../types.ts';

/** The review interval of a collection, in months. */
export function reviewMonths(policy: ReviewPolicy, collection: string): number {
  return policy.months[collection] ?? policy.months.default;
}

/** The first day a page reviewed on `reviewedOn` is due again: the same day of the month, `months` later (UTC dates). */
export function dueOn(reviewedOn: Date, months: number): Date {
  const due = new Date(reviewedOn.getTime());
  const day = due.getUTCDate();
  due.setUTCDate(1);
  due.setUTCMonth(due.getUTCMonth() + months);
  // 31 August + 6 months is the last day of February, not 3 March.
  const lastDay = new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth() + 1, 0)).getUTCDate();
  due.setUTCDate(Math.min(day, lastDay));
  return due;
}

/** The entries whose review is due on `day` (their due date is on or before it), oldest first. */
export function dueEntries(
  entries: readonly LintEntry[],
  policy: ReviewPolicy,
  day: Date,
): { entry: LintEntry; reviewedOn: Date; due: Date }[] {
  return entries
    .flatMap((entry) => {
      const reviewedOn = entry.frontmatter['reviewedOn'];
      if (!(reviewedOn instanceof Date)) return [];
      const due = dueOn(reviewedOn, reviewMonths(policy, entry.collection));
      return due.getTime() <= day.getTime() ? [{ entry, reviewedOn, due }] : [];
    })
    .sort((a, b) => a.due.getTime() - b.due.getTime());
}

/**
 * A page whose last review is older than its collection's interval, counted at the committed `asOf` date (never at
 * today's date, so the tests do not turn red by themselves as days pass; `npm run content:audit` looks at today).
 */
export function checkReviewAge(tree: ContentTree): Problem[] {
  const { asOf } = tree.policy;
  if (Number.isNaN(asOf.getTime())) return [];
  const iso = (date: Date) => date.toISOString().slice(0, 10);
  return dueEntries(tree.entries, tree.policy, asOf).map(({ entry, reviewedOn, due }) => ({
    rule: 'review-age',
    file: entry.file,
    line: keyLine(entry.lines, 'reviewedOn'),
    message: `reviewedOn ${iso(reviewedOn)} is older than ${reviewMonths(tree.policy, entry.collection)} months at asOf ${iso(asOf)} (${tree.policyFile}); it was due on ${iso(due)}. Check the page’s facts against its sources, then set reviewedOn to the day you did.`,
  }));
}
