/**
 * Checks across rows: a row id used twice in one province, and one organization (same name in a province) given two
 * operator kinds. Reported on the later row, naming the earlier one.
 */
import { foldName } from '#src/features/admin-units/index.ts';
import type { ImportProblem } from './messages.ts';
import type { ImportPoint } from './model.ts';

/** Problems between rows; `rowIdColumn` and `kindColumn` are how the source names those fields. */
export function crossCheck(
  points: readonly ImportPoint[],
  columns: { rowId: string; operatorKind: string } = { rowId: 'rowId', operatorKind: 'operatorKind' },
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const rows = new Map<string, number>();
  const organizations = new Map<string, { kind: string; row: number }>();
  for (const point of points) {
    const rowKey = `${point.provinceCode}|${point.rowId}`;
    const first = rows.get(rowKey);
    if (first === undefined) rows.set(rowKey, point.row);
    else
      problems.push({
        row: point.row,
        column: columns.rowId,
        code: 'duplicate-row-id',
        params: { value: point.rowId, other: first },
      });

    const orgKey = `${point.provinceCode}|${foldName(point.organization.name)}`;
    const seen = organizations.get(orgKey);
    if (seen === undefined) organizations.set(orgKey, { kind: point.organization.operatorKind, row: point.row });
    else if (seen.kind !== point.organization.operatorKind) {
      problems.push({
        row: point.row,
        column: columns.operatorKind,
        code: 'organization-conflict',
        params: { value: point.organization.name, other: seen.kind, otherRow: seen.row },
      });
    }
  }
  return problems;
}
