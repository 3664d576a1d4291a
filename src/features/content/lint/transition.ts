import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Problem, Transition, TransitionList } from './types.ts';

/**
 * Issue 18 brings rules the pages are converted to one at a time. Each rule has a shrinking list of what does not
 * follow it yet, in a file of its own so writers edit only their line; when a list is empty its file is deleted, and
 * with the file gone the rule applies to everything. How writers use them: `content/SUBSTANCE-PAGES.md`.
 */
export const TRANSITION_FILES = {
  unreviewed: 'review/.unreviewed.json',
} as const satisfies Record<keyof Transition, string>;

/** Reads the transition lists of a content folder; a list that is not a JSON list of strings is a `load` problem. */
export function loadTransition(projectRoot: string, contentDir: string, problems: Problem[]): Transition {
  const read = (name: string): TransitionList | null => {
    const file = `${contentDir}/${name}`;
    const path = resolve(projectRoot, file);
    if (!existsSync(path)) return null;
    const raw = readFileSync(path, 'utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      problems.push({ rule: 'load', file, line: 1, message: `Not valid JSON: ${String(error)}` });
      return { file, items: [] };
    }
    if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) {
      problems.push({ rule: 'load', file, line: 1, message: 'Write this list as a JSON list of strings.' });
      return { file, items: [] };
    }
    const lines = raw.split('\n');
    return {
      file,
      items: (parsed as string[]).map((value) => ({
        value,
        line: Math.max(1, lines.findIndex((line) => line.includes(JSON.stringify(value))) + 1),
      })),
    };
  };
  return {
    unreviewed: read(TRANSITION_FILES.unreviewed),
  };
}

/** Whether a list holds a value (a missing list holds nothing). */
export function listed(list: TransitionList | null, value: string): boolean {
  return list !== null && list.items.some((item) => item.value === value);
}

/**
 * Problems with a list itself: a value that names nothing (a page or source that does not exist), a value listed
 * twice, and an empty list (delete its file: the rule then applies to everything).
 */
export function checkList(list: TransitionList | null, exists: (value: string) => boolean, what: string): Problem[] {
  if (list === null) return [];
  if (list.items.length === 0) {
    return [
      {
        rule: 'transition',
        file: list.file,
        line: 1,
        message: `The list is empty: delete ${list.file}, so the rule applies to every ${what}.`,
      },
    ];
  }
  const seen = new Set<string>();
  return list.items.flatMap(({ value, line }) => {
    const problems: Problem[] = [];
    if (seen.has(value)) {
      problems.push({ rule: 'transition', file: list.file, line, message: `"${value}" is listed twice.` });
    }
    seen.add(value);
    if (!exists(value)) {
      problems.push({
        rule: 'transition',
        file: list.file,
        line,
        message: `"${value}" names no ${what}: remove it from the list (or fix the name).`,
      });
    }
    return problems;
  });
}
