/**
 * Small-number suppression for every count the console shows (DESIGN.md: "Counts shown to anyone hide cells under 5"):
 * a count from 0 to 4 is shown as "< 5", so a number can never point at one person ("the only request from commune X
 * this week"). Pure: the counts page, its charts and its tables all go through here, and the unit tests pin it down.
 *
 * - Primary suppression: every cell under {@link SUPPRESSION_THRESHOLD}.
 * - Secondary suppression: where cells add up to a total that is shown, one hidden cell could be worked out by
 *   subtracting the others from the total; so when exactly one cell of such a group is hidden, the smallest other
 *   cell is hidden too.
 * - A median (or any statistic) of fewer than 5 cases is not shown either: it would describe one or two people.
 */

/** The smallest count shown as itself. */
export const SUPPRESSION_THRESHOLD = 5;

/** One count as it may be shown: its value, or hidden. */
export type Cell = { readonly kind: 'count'; readonly value: number } | { readonly kind: 'suppressed' };

const shown = (value: number): Cell => ({ kind: 'count', value });
const hidden: Cell = { kind: 'suppressed' };

/** Primary suppression of one count. */
export function suppressCount(value: number): Cell {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`not a count: ${value}`);
  return value < SUPPRESSION_THRESHOLD ? hidden : shown(value);
}

/**
 * Suppression of cells that add up to a total shown beside them (a breakdown): primary, then secondary when exactly one
 * cell is hidden and another could be hidden instead of leaving it derivable. Order is kept.
 */
export function suppressBreakdown(values: readonly number[]): Cell[] {
  const cells = values.map(suppressCount);
  const hiddenCount = cells.filter((cell) => cell.kind === 'suppressed').length;
  if (hiddenCount !== 1) return cells;
  let smallest = -1;
  cells.forEach((cell, index) => {
    if (cell.kind === 'count' && (smallest === -1 || cell.value < (values[smallest] ?? Infinity))) smallest = index;
  });
  if (smallest !== -1) cells[smallest] = hidden;
  return cells;
}

/** A statistic as it may be shown: its value, hidden (fewer than 5 cases), or none (nothing to compute it from). */
export type Statistic<T> =
  { readonly kind: 'value'; readonly value: T } | { readonly kind: 'suppressed' } | { readonly kind: 'none' };

/** A statistic of `cases` cases: shown only when it describes at least {@link SUPPRESSION_THRESHOLD} of them. */
export function suppressStatistic<T>(cases: number, value: T | null): Statistic<T> {
  // Zero cases is hidden too: "< 5" everywhere, so an empty cell looks like a small one.
  if (cases < SUPPRESSION_THRESHOLD) return { kind: 'suppressed' };
  return value === null ? { kind: 'none' } : { kind: 'value', value };
}

/** A cell as text: the number in the reader's format, or "< 5". */
export function cellText(cell: Cell, locale: string): string {
  return cell.kind === 'suppressed' ? `< ${SUPPRESSION_THRESHOLD}` : new Intl.NumberFormat(locale).format(cell.value);
}
