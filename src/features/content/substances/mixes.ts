import { sideGroup, mixConcerns, otherSide, type MixRow } from '../schemas/mixes.ts';

/** A drug page's name and slug in one language, by `translationKey`. */
export type MixSideNames = ReadonlyMap<string, { name: string; slug: string }>;

/**
 * The rows of the shared table that concern one page (its `translationKey` or its group), dangerous ones first, each
 * with the side that is not the page's own.
 */
export function mixesFor(
  rows: readonly MixRow[],
  translationKey: string,
  group: string,
): { row: MixRow; other: string }[] {
  const order = { danger: 0, caution: 1 } as const;
  return rows
    .filter((row) => mixConcerns(row, translationKey, group))
    .map((row) => ({ row, other: otherSide(row, translationKey, group) }))
    .sort((a, b) => order[a.row.level] - order[b.row.level] || a.row.id.localeCompare(b.row.id));
}

/**
 * What the table calls the other side of a row: a group's label, or a drug page's name with its slug (to link it). A
 * key without a page (not written yet) shows as its key; the content lint refuses that in `content/mixes.json`.
 */
export function mixSideName(
  side: string,
  pages: MixSideNames,
  groupName: (group: string) => string,
): { name: string; slug: string | undefined } {
  const group = sideGroup(side);
  if (group !== undefined) return { name: groupName(group), slug: undefined };
  const page = pages.get(side);
  return { name: page?.name ?? side, slug: page?.slug };
}
