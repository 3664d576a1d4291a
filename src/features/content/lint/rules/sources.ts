import { keyLine, textLine } from '../lines.ts';
import type { ContentTree, LintEntry, Problem } from '../types.ts';

/**
 * Every entry is factual: it lists the registry sources its facts come from and the day a person last checked them.
 * Source ids used deeper in an entry (a figure's `source`, a legal status's `source`) must be in the registry too.
 */
export function checkSources(tree: ContentTree): Problem[] {
  const known = new Set(tree.registry.flatMap((record) => (typeof record.id === 'string' ? [record.id] : [])));
  const registry = tree.registryFile;
  return tree.entries.flatMap((entry) => [
    ...checkList(entry, known, registry),
    ...checkNested(entry, known, registry),
    ...checkReviewedOn(entry),
  ]);
}

function checkList(entry: LintEntry, known: ReadonlySet<string>, registry: string): Problem[] {
  const sources = entry.frontmatter['sources'];
  const at = keyLine(entry.lines, 'sources');
  if (!Array.isArray(sources) || sources.length === 0) {
    return [
      {
        rule: 'sources',
        file: entry.file,
        line: at,
        message: `No sources: list under sources: the ids (from ${registry}) of what this page’s facts come from.`,
      },
    ];
  }
  return sources.flatMap((id: unknown) =>
    typeof id === 'string' && known.has(id)
      ? []
      : [
          {
            rule: 'sources' as const,
            file: entry.file,
            line: textLine(entry.lines, String(id), at, at),
            message: `Source "${String(id)}" is not in ${registry}: cite only sources recorded there (open the source, then add it), or fix the id.`,
          },
        ],
  );
}

function checkNested(entry: LintEntry, known: ReadonlySet<string>, registry: string): Problem[] {
  const problems: Problem[] = [];
  const visit = (value: unknown, key: string | undefined): void => {
    if (Array.isArray(value)) value.forEach((item) => visit(item, undefined));
    else if (value instanceof Date || value === null || typeof value !== 'object') {
      if (key === 'source' && (typeof value !== 'string' || !known.has(value))) {
        problems.push({
          rule: 'sources',
          file: entry.file,
          line: textLine(entry.lines, `source: ${String(value)}`, 1, keyLine(entry.lines, 'source')),
          message: `Source "${String(value)}" is not in ${registry}: record it there, or fix the id.`,
        });
      }
    } else {
      for (const [childKey, child] of Object.entries(value)) if (childKey !== 'sources') visit(child, childKey);
    }
  };
  visit(entry.frontmatter, undefined);
  // A figure shared through a YAML anchor is reported once per line, not once per use.
  return problems.filter(
    (problem, index) => problems.findIndex((other) => other.line === problem.line && other.message === problem.message) === index,
  );
}

function checkReviewedOn(entry: LintEntry): Problem[] {
  const reviewedOn = entry.frontmatter['reviewedOn'];
  if (reviewedOn instanceof Date && !Number.isNaN(reviewedOn.getTime())) return [];
  return [
    {
      rule: 'sources',
      file: entry.file,
      line: keyLine(entry.lines, 'reviewedOn'),
      message:
        reviewedOn === undefined
          ? 'No reviewedOn: add reviewedOn: YYYY-MM-DD, the day a person last checked this page’s facts against its sources.'
          : `reviewedOn "${String(reviewedOn)}" is not a date: write it as YYYY-MM-DD, unquoted.`,
    },
  ];
}

/** Every source id an entry cites: its `sources` list and any nested `source` (a figure's, a legal status's). */
export function citedSourceIds(entry: LintEntry): string[] {
  const ids: string[] = [];
  const visit = (value: unknown, key: string | undefined): void => {
    if (Array.isArray(value)) value.forEach((item) => visit(item, key === 'sources' ? 'source' : undefined));
    else if (typeof value === 'string') {
      if (key === 'source') ids.push(value);
    } else if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
      for (const [childKey, child] of Object.entries(value)) visit(child, childKey);
    }
  };
  visit(entry.frontmatter, undefined);
  return [...new Set(ids)];
}
