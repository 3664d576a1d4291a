/**
 * The geometry of a drug page's timeline, drawn as SVG at build time (no JavaScript): one row per way of taking the
 * substance, on a logarithmic time axis (minutes to days share one line), with the time to onset, the main effects and
 * the after-effects as segments. Kept apart from the component so it can be tested without rendering. The page shows
 * the same figures in a table beside the drawing, which is its text equivalent.
 */

/** `[from, to]`. */
export type Span = readonly [number, number];

/** One route as the schema gives it: onset and peak in minutes, duration and after in hours. */
export interface TimelineRouteInput {
  onset: Span;
  peak?: Span | undefined;
  duration: Span;
  after?: Span | undefined;
}

/** Sizes in SVG user units; the SVG scales to its container (the text in the table beside it does not). */
export const TIMELINE = {
  width: 560,
  left: 12,
  right: 20,
  fontSize: 16,
  labelHeight: 22,
  barHeight: 18,
  rowGap: 14,
  axisHeight: 40,
} as const;

/** One tick of the axis: where it is and how long it stands for, in minutes. */
export interface Tick {
  minutes: number;
  x: number;
}

/** A segment of a row: from, to (x) and what it shows. */
export interface Segment {
  kind: 'onset' | 'effects' | 'peak' | 'after';
  x: number;
  width: number;
}

export interface TimelineRowLayout {
  labelY: number;
  barY: number;
  segments: Segment[];
}

export interface TimelineLayout {
  width: number;
  height: number;
  rows: TimelineRowLayout[];
  ticks: Tick[];
  axisY: number;
}

/** Candidate ticks, in minutes: 1 min, 10 min, 1 h, 6 h, 1 day, 3 days, 1 week. */
const TICKS = [1, 10, 60, 360, 1440, 4320, 10080] as const;

/**
 * Lays out the rows on one logarithmic axis from 1 minute to the longest time any row reaches (at least 1 hour), so a
 * five-minute onset and a three-day come-down are both visible.
 */
export function layoutTimeline(routes: readonly TimelineRouteInput[]): TimelineLayout {
  const end = (route: TimelineRouteInput) => (route.duration[1] + (route.after?.[1] ?? 0)) * 60;
  const maxMinutes = Math.max(60, ...routes.map(end));
  const lastTick = TICKS.find((tick) => tick >= maxMinutes) ?? maxMinutes;
  const span = TIMELINE.width - TIMELINE.left - TIMELINE.right;
  const x = (minutes: number) =>
    TIMELINE.left + (Math.log10(Math.max(1, minutes)) / Math.log10(Math.max(10, lastTick))) * span;
  const round = (value: number) => Math.round(value * 10) / 10;
  const rowHeight = TIMELINE.labelHeight + TIMELINE.barHeight + TIMELINE.rowGap;
  const rows = routes.map((route, index) => {
    const top = index * rowHeight;
    const onsetFrom = x(route.onset[0]);
    const onsetTo = x(route.onset[1]);
    const effectsEnd = x(route.duration[1] * 60);
    const segments: Segment[] = [
      { kind: 'onset', x: round(onsetFrom), width: round(Math.max(2, onsetTo - onsetFrom)) },
      { kind: 'effects', x: round(onsetTo), width: round(Math.max(2, effectsEnd - onsetTo)) },
    ];
    if (route.peak) {
      const peakFrom = x(route.peak[0]);
      segments.push({ kind: 'peak', x: round(peakFrom), width: round(Math.max(3, x(route.peak[1]) - peakFrom)) });
    }
    if (route.after) {
      segments.push({
        kind: 'after',
        x: round(effectsEnd),
        width: round(Math.max(2, x(end(route)) - effectsEnd)),
      });
    }
    return { labelY: top + TIMELINE.fontSize, barY: top + TIMELINE.labelHeight, segments };
  });
  const axisY = routes.length * rowHeight;
  const ticks = TICKS.filter((tick) => tick <= lastTick).map((minutes) => ({ minutes, x: round(x(minutes)) }));
  return { width: TIMELINE.width, height: axisY + TIMELINE.axisHeight, rows, ticks, axisY };
}
