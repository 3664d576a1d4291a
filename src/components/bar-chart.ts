/**
 * The geometry of a horizontal bar chart drawn as SVG on the server (no JavaScript on the page), for the statistics
 * page and the console's counts. Kept apart from BarChart.astro so it can be tested without rendering: labels wrap
 * onto lines above their bar, bars share one scale, and each value is written at the end of its bar.
 */

/** One bar: its label, its value and the text shown for the value (already formatted for the language). */
export interface BarInput {
  label: string;
  value: number;
  valueText: string;
  /**
   * The true value is hidden (the console's counts under 5): `value` is then the threshold, and the bar is drawn as a
   * hatched, dashed outline so the reader sees a small number there, not how small.
   */
  suppressed?: boolean;
}

export interface LaidOutBar {
  /** The label, split into lines that fit the chart's width. */
  labelLines: string[];
  /** Baseline of each label line. */
  labelY: number[];
  barY: number;
  barWidth: number;
  suppressed: boolean;
  valueText: string;
  /** Where the value is written: after the bar, or inside its end when the bar leaves no room. */
  valueX: number;
  valueInside: boolean;
}

export interface BarChartLayout {
  width: number;
  height: number;
  barHeight: number;
  bars: LaidOutBar[];
}

/** Sizes in SVG user units; the SVG scales to its container. */
export const CHART = {
  width: 640,
  // Drawn again this wide for phones, so its 15-unit text stays about 15 px on a 360 px screen (not 7–9 px).
  narrowWidth: 330,
  fontSize: 15,
  lineHeight: 20,
  barHeight: 22,
  gapAfterBar: 14,
  padding: 4,
  // About half the font size per character in system sans fonts; Vietnamese diacritics do not widen letters.
  charWidth: 8,
  // Room kept right of the longest bar for its value, e.g. "hơn 225.000 người".
  valueRoom: 170,
} as const;

/** Splits a label into lines of at most `maxChars` characters, at spaces; a single longer word keeps its own line. */
export function wrapLabel(label: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= maxChars) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * Lays out the bars. A full-width bar stands for the largest value, or for `scaleMin` when that is larger: 100 for
 * percentages (so a share is read against the whole), four times the threshold for suppressed counts (so a "< 5"
 * outline stays short). Negative values are not drawn as bars (none of our figures is).
 */
export function layoutBarChart(
  bars: readonly BarInput[],
  options: { scaleMin?: number; width?: number } = {},
): BarChartLayout {
  const width = options.width ?? CHART.width;
  const scaleMax = Math.max(options.scaleMin ?? 0, ...bars.map((bar) => bar.value));
  const trackWidth = width - 2 * CHART.padding - CHART.valueRoom;
  const maxChars = Math.floor((width - 2 * CHART.padding) / CHART.charWidth);
  let y = CHART.padding;
  const laidOut = bars.map((bar): LaidOutBar => {
    const labelLines = wrapLabel(bar.label, maxChars);
    const labelY = labelLines.map((_line, index) => y + CHART.fontSize + index * CHART.lineHeight);
    y += labelLines.length * CHART.lineHeight + 4;
    const barY = y;
    const barWidth = scaleMax > 0 ? Math.max(0, (bar.value / scaleMax) * trackWidth) : 0;
    y += CHART.barHeight + CHART.gapAfterBar;
    const valueWidth = bar.valueText.length * CHART.charWidth;
    const valueInside = CHART.padding + barWidth + 6 + valueWidth > width - CHART.padding;
    return {
      labelLines,
      labelY,
      barY,
      barWidth: round(barWidth),
      suppressed: bar.suppressed ?? false,
      valueText: bar.valueText,
      valueX: round(valueInside ? CHART.padding + barWidth - 6 : CHART.padding + barWidth + 6),
      valueInside,
    };
  });
  return { width, height: round(y - CHART.gapAfterBar + CHART.padding), barHeight: CHART.barHeight, bars: laidOut };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
