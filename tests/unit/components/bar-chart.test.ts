import { describe, expect, test } from 'vitest';
import { CHART, layoutBarChart, wrapLabel } from '#src/components/bar-chart.ts';

const bars = [
  { label: 'Đang ở cơ sở cai nghiện', value: 1207, valueText: '1.207 người' },
  { label: 'Đang điều trị methadone', value: 952, valueText: '952 người' },
];

describe('the bar chart layout', () => {
  test('draws the largest count across the whole track and the others in proportion', () => {
    const [first, second] = layoutBarChart(bars, {}).bars;
    const track = CHART.width - 2 * CHART.padding - CHART.valueRoom;
    expect(first?.barWidth).toBe(track);
    expect(second?.barWidth).toBeCloseTo((952 / 1207) * track, 0);
  });

  test('reads percentages against 100, so 40% is less than half the track', () => {
    const [bar] = layoutBarChart(
      [
        { label: 'Tỷ lệ', value: 40, valueText: '40%' },
        { label: 'Khác', value: 20, valueText: '20%' },
      ],
      {
        scaleMin: 100,
      },
    ).bars;
    expect(bar?.barWidth).toBeLessThan((CHART.width - 2 * CHART.padding - CHART.valueRoom) / 2);
  });

  test('writes each value after its bar, inside the drawing', () => {
    const layout = layoutBarChart(bars, {});
    for (const bar of layout.bars) {
      expect(bar.valueX + bar.valueText.length * CHART.charWidth).toBeLessThanOrEqual(layout.width);
    }
  });

  test('wraps a long label onto lines that fit, without losing a word', () => {
    const label =
      'Người đang cai nghiện tại Cơ sở Điều trị nghiện ma túy tỉnh được tư vấn, giới thiệu việc làm và học nghề';
    const lines = wrapLabel(label, 40);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((line) => line.length <= 40)).toBe(true);
    expect(lines.join(' ')).toBe(label);
  });

  test('stacks rows without overlap: each bar starts below its label and the previous bar', () => {
    const layout = layoutBarChart(bars, {});
    const [first, second] = layout.bars;
    expect(first && second && second.labelY[0]! > first.barY + layout.barHeight).toBe(true);
    expect(layout.height).toBeGreaterThan((second?.barY ?? 0) + layout.barHeight);
  });
});
