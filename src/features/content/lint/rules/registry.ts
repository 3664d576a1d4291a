import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ContentTree, Problem } from '../types.ts';

/**
 * Every source in the registry records how it was checked, so nothing cited is unopened: a stored copy opened on a
 * given day (not after `asOf`), or a document of the workspace's `shared/` folder that exists.
 */
export function checkRegistry(tree: ContentTree): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  const problem = (line: number, message: string) =>
    problems.push({ rule: 'registry', file: tree.registryFile, line, message });
  for (const record of tree.registry) {
    const name = typeof record.id === 'string' && record.id !== '' ? `"${record.id}"` : `item ${record.index}`;
    if (typeof record.id !== 'string' || record.id === '') problem(record.line, `Source ${name} has no id.`);
    else if (seen.has(record.id)) problem(record.line, `Source ${name} is recorded twice (first on line ${seen.get(record.id)}).`);
    else seen.set(record.id, record.line);
    const via = record.checkedVia as { kind?: unknown; openedOn?: unknown; document?: unknown } | undefined;
    if (typeof via !== 'object' || via === null) {
      problem(
        record.line,
        `Source ${name} does not say how it was checked: add checkedVia { "kind": "stored-copy", "openedOn": "YYYY-MM-DD" } after opening it, or { "kind": "shared-document", "document": "shared/…" }.`,
      );
      continue;
    }
    if (via.kind === 'stored-copy') {
      const opened = typeof via.openedOn === 'string' ? new Date(`${via.openedOn}T00:00:00Z`) : undefined;
      if (!opened || Number.isNaN(opened.getTime())) {
        problem(record.line, `Source ${name}: write checkedVia.openedOn as the day you opened the stored copy, YYYY-MM-DD.`);
      } else if (!Number.isNaN(tree.policy.asOf.getTime()) && opened.getTime() > tree.policy.asOf.getTime()) {
        problem(
          record.line,
          `Source ${name} was opened on ${String(via.openedOn)}, after asOf (${tree.policyFile}): move asOf forward to today.`,
        );
      }
    } else if (via.kind === 'shared-document') {
      const document = typeof via.document === 'string' ? via.document : '';
      if (!/^shared\/./.test(document)) {
        problem(record.line, `Source ${name}: write checkedVia.document as a path under shared/, e.g. shared/seeds/….`);
      } else if (tree.sharedDir && !existsSync(resolve(tree.sharedDir, '..', document))) {
        problem(record.line, `Source ${name}: ${document} does not exist; cite a document you opened.`);
      }
    } else {
      problem(record.line, `Source ${name}: checkedVia.kind must be stored-copy or shared-document.`);
    }
  }
  return problems;
}
