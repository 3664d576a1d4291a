import { expect } from 'vitest';
import type { Match, SearchResult } from '#src/features/admin-units/index.ts';

/** The matches of a `found` or `ambiguous` result; fails the test for any other status. */
export function matchesOf(result: SearchResult): readonly Match[] {
  if (result.status !== 'found' && result.status !== 'ambiguous') {
    expect.fail(`expected matches, got ${JSON.stringify(result)}`);
  }
  return result.matches;
}

/** The first match of a `found` result; fails the test for any other status. */
export function firstFound(result: SearchResult): Match {
  expect(result.status).toBe('found');
  const [first] = matchesOf(result);
  if (first === undefined) expect.fail('found without matches');
  return first;
}

/** `kind:code` of each match, for compact comparisons. */
export function ids(matches: readonly Match[]): string[] {
  return matches.map((m) => `${m.kind}:${m.code}`);
}
