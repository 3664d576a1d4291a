import { describe, expect, it } from 'vitest';
import { layoutBarChart } from '#src/components/bar-chart.ts';
import { countBars, COUNTS_SCALE_MIN } from '#src/features/console/admin/charts.ts';
import {
  cellText,
  suppressBreakdown,
  suppressCount,
  suppressStatistic,
  SUPPRESSION_THRESHOLD,
} from '#src/features/console/admin/suppression.ts';

const texts = (values: number[]) => suppressBreakdown(values).map((cell) => cellText(cell, 'en-GB'));

describe('small-number suppression', () => {
  it('shows every count from 0 to 4 as "< 5", and 5 and above as itself', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 1234].map((n) => cellText(suppressCount(n), 'en-GB'))).toEqual([
      '< 5',
      '< 5',
      '< 5',
      '< 5',
      '< 5',
      '5',
      '6',
      '1,234',
    ]);
    expect(SUPPRESSION_THRESHOLD).toBe(5);
  });

  it('formats numbers for the reader’s language', () => {
    expect(cellText(suppressCount(12345), 'vi-VN')).toBe('12.345');
  });

  it('refuses what is not a count', () => {
    expect(() => suppressCount(-1)).toThrow(RangeError);
    expect(() => suppressCount(2.5)).toThrow(RangeError);
  });

  it('hides a second cell when only one of a breakdown with a shown total is hidden, so it cannot be worked out', () => {
    // Total 63: with only the 3 hidden, 63 − 20 − 40 would give it away.
    expect(texts([3, 20, 40])).toEqual(['< 5', '< 5', '40']);
    // The smallest shown cell is the one hidden with it.
    expect(texts([40, 2, 7, 9])).toEqual(['40', '< 5', '< 5', '9']);
  });

  it('leaves a breakdown alone when no cell, or two or more cells, are hidden', () => {
    expect(texts([5, 6, 70])).toEqual(['5', '6', '70']);
    expect(texts([1, 0, 70])).toEqual(['< 5', '< 5', '70']);
  });

  it('never leaves exactly one hidden cell in a breakdown that has other cells', () => {
    for (let a = 0; a < 8; a += 1)
      for (let b = 0; b < 8; b += 1)
        for (let c = 0; c < 8; c += 1) {
          const hidden = suppressBreakdown([a, b, c]).filter((cell) => cell.kind === 'suppressed').length;
          expect(hidden).not.toBe(1);
        }
  });

  it('does not show a statistic of fewer than 5 requests (none counts as fewer)', () => {
    expect(suppressStatistic(0, null)).toEqual({ kind: 'suppressed' });
    expect(suppressStatistic(4, 12.5)).toEqual({ kind: 'suppressed' });
    expect(suppressStatistic(5, 12.5)).toEqual({ kind: 'value', value: 12.5 });
  });
});

describe('bar charts of suppressed counts', () => {
  const data = [
    { label: 'one', cell: suppressCount(1) },
    { label: 'four', cell: suppressCount(4) },
    { label: 'forty', cell: suppressCount(40) },
    { label: 'none', cell: suppressCount(0) },
  ];
  const chart = layoutBarChart(countBars(data, 'en-GB'), { scaleMin: COUNTS_SCALE_MIN });

  it('labels every suppressed bar "< 5"', () => {
    expect(chart.bars.map((bar) => bar.valueText)).toEqual(['< 5', '< 5', '40', '< 5']);
    expect(chart.bars.map((bar) => bar.suppressed)).toEqual([true, true, false, true]);
  });

  it('draws every suppressed bar the same length (the threshold’s), whatever the hidden number', () => {
    const [one, four, forty, none] = chart.bars;
    expect(one?.barWidth).toBe(four?.barWidth);
    expect(none?.barWidth).toBe(four?.barWidth);
    expect(four?.barWidth).toBeCloseTo((5 / 40) * (forty?.barWidth ?? 0), 0);
  });

  it('keeps a "< 5" outline short when every count is small', () => {
    const small = layoutBarChart(
      countBars(
        [
          { label: 'a', cell: suppressCount(2) },
          { label: 'b', cell: suppressCount(3) },
        ],
        'en-GB',
      ),
      { scaleMin: COUNTS_SCALE_MIN },
    );
    expect(small.bars[0]?.barWidth).toBeLessThanOrEqual(small.width / 4);
  });
});
