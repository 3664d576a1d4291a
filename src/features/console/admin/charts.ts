/**
 * Horizontal bar charts drawn on the server as SVG (no JavaScript): the geometry is computed here, pure, and
 * BarChart.astro only writes it out. A suppressed count (suppression.ts) gets no bar of its own length — that would
 * give the number away — but a dashed outline as long as the threshold, labelled "< 5", so the reader sees that there
 * is a small number there and not how small. The table beside each chart carries the same numbers.
 */
import { cellText, SUPPRESSION_THRESHOLD, type Cell } from './suppression.ts';

export interface BarDatum {
  readonly label: string;
  readonly cell: Cell;
}

export interface ChartBar {
  readonly label: string;
  /** The label as drawn (shortened when long; the table has it whole). */
  readonly shortLabel: string;
  readonly valueText: string;
  readonly suppressed: boolean;
  readonly y: number;
  readonly width: number;
  readonly textY: number;
  readonly valueX: number;
}

export interface BarChartModel {
  readonly width: number;
  readonly height: number;
  readonly labelWidth: number;
  readonly barHeight: number;
  readonly bars: readonly ChartBar[];
}

// User units; the drawing scales to its column, so text is set large enough to stay readable when it shrinks.
const WIDTH = 760;
const LABEL_WIDTH = 340;
const VALUE_ROOM = 70;
const ROW = 34;
const BAR = 24;
const PAD = 6;
const MAX_LABEL = 34;
/**
 * The scale runs to at least four times the threshold, so a "< 5" outline stays short even when every count is small
 * (it would otherwise fill the whole width and look like a large number).
 */
const SMALLEST_SCALE = 4 * SUPPRESSION_THRESHOLD;

/** The geometry of a horizontal bar chart of `data`, one row per datum, in order. */
export function barChart(data: readonly BarDatum[], locale: string): BarChartModel {
  const plot = WIDTH - LABEL_WIDTH - VALUE_ROOM;
  const largest = Math.max(
    SMALLEST_SCALE,
    ...data.map((datum) => (datum.cell.kind === 'count' ? datum.cell.value : 0)),
  );
  const scale = (value: number) => (value <= 0 ? 0 : Math.max(1, Math.round((value / largest) * plot)));
  const bars = data.map((datum, index) => {
    const suppressed = datum.cell.kind === 'suppressed';
    const width = suppressed ? scale(SUPPRESSION_THRESHOLD) : scale(datum.cell.kind === 'count' ? datum.cell.value : 0);
    const y = PAD + index * ROW;
    return {
      label: datum.label,
      shortLabel:
        [...datum.label].length > MAX_LABEL ? `${[...datum.label].slice(0, MAX_LABEL - 1).join('')}…` : datum.label,
      valueText: cellText(datum.cell, locale),
      suppressed,
      y,
      width,
      textY: y + BAR / 2,
      valueX: LABEL_WIDTH + width + 6,
    };
  });
  return { width: WIDTH, height: PAD * 2 + data.length * ROW, labelWidth: LABEL_WIDTH, barHeight: BAR, bars };
}
