import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ContentTree, Problem } from '../types.ts';

/**
 * The shared dangerous-mixes table (`<content>/mixes.json`) names drug pages by `translationKey` (or a group, which
 * the schema checks): each key must be a page that exists, or the row would show on no page and name nothing.
 */
export function checkMixes(tree: ContentTree): Problem[] {
  const file = `${tree.contentDir}/mixes.json`;
  const path = resolve(tree.projectRoot, file);
  if (!existsSync(path)) return [];
  const raw = readFileSync(path, 'utf8');
  let rows: unknown;
  try {
    rows = JSON.parse(raw);
  } catch (error) {
    return [{ rule: 'load', file, line: 1, message: `Not valid JSON: ${String(error)}` }];
  }
  if (!Array.isArray(rows)) return [{ rule: 'load', file, line: 1, message: 'Write the table as a JSON list of rows.' }];
  const keys = new Set(
    tree.entries.filter((entry) => entry.collection === 'substances').map((entry) => entry.frontmatter['translationKey']),
  );
  const lines = raw.split('\n');
  const idLine = (id: unknown) => Math.max(1, lines.findIndex((line) => line.includes(`"id": ${JSON.stringify(id)}`)) + 1);
  return rows.flatMap((row: unknown) => {
    const { id, pair } = (row ?? {}) as { id?: unknown; pair?: unknown };
    if (!Array.isArray(pair)) return [];
    return pair
      .filter((side): side is string => typeof side === 'string' && !side.startsWith('group:') && !keys.has(side))
      .map((side) => ({
        rule: 'mixes' as const,
        file,
        line: idLine(id),
        message: `Row "${String(id)}": "${side}" is not the translationKey of a drug page (or write group:<group>).`,
      }));
  });
}
