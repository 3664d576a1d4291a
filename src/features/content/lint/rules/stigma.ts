import { findStigma } from '../terms.ts';
import type { ContentTree, Problem } from '../types.ts';

/**
 * `lint-allow stigma: <reason>` in a comment (`<!-- … -->` in the body, `# …` in the frontmatter) on the line itself
 * or on the line just above lets one line through, e.g. a quoted official title. The reason is required, so a reviewer
 * sees why.
 */
const ALLOW = /lint-allow stigma:\s*\S/;

/** Words that label people by their drug use are refused, with the file, line and a suggested wording. */
export function checkStigma(tree: ContentTree): Problem[] {
  return tree.entries.flatMap((entry) =>
    entry.lines.flatMap((line, index) => {
      if (ALLOW.test(line) || ALLOW.test(entry.lines[index - 1] ?? '')) return [];
      return findStigma(line).map(({ term, found, column }) => ({
        rule: 'stigma' as const,
        file: entry.file,
        line: index + 1,
        message: `“${found}” (column ${column}) labels people by their drug use: ${term.suggestion}`,
      }));
    }),
  );
}
