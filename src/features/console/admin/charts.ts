/**
 * The console's counts as bars of the shared chart (src/components/BarChart.astro). A suppressed count (suppression.ts)
 * gets no bar of its own length — that would give the number away — but a hatched outline as long as the threshold,
 * labelled "< 5", so the reader sees that there is a small number there and not how small.
 */
import type { BarInput } from '#src/components/bar-chart.ts';
import { cellText, SUPPRESSION_THRESHOLD, type Cell } from './suppression.ts';

export interface BarDatum {
  readonly label: string;
  readonly cell: Cell;
}

/**
 * A full-width bar stands for at least four times the threshold, so a "< 5" outline stays short even when every count
 * is small (it would otherwise fill the whole width and look like a large number).
 */
export const COUNTS_SCALE_MIN = 4 * SUPPRESSION_THRESHOLD;

/** One bar per datum, in order: a count as itself, a suppressed one at the threshold's length. */
export function countBars(data: readonly BarDatum[], locale: string): BarInput[] {
  return data.map(({ label, cell }) => ({
    label,
    value: cell.kind === 'count' ? cell.value : SUPPRESSION_THRESHOLD,
    valueText: cellText(cell, locale),
    suppressed: cell.kind === 'suppressed',
  }));
}
