import { describe, expect, test } from 'vitest';
import { campaignSchema } from '#src/features/content/schemas/campaigns.ts';

const context = { sourceIds: ['known-source'] };

const validCampaign = {
  title: 'Không phải kẹo',
  description: 'Một câu mô tả.',
  translationKey: 'not-candy',
  audiences: ['students'],
  sources: ['known-source'],
  publishedOn: '2026-12-02',
  reviewedOn: '2026-12-02',
  slogan: 'Không rõ nguồn gốc thì không ăn, không uống.',
  shareText: 'Không phải kẹo.',
  posterLines: ['Dòng một.', 'Dòng hai.'],
  reuseText: 'Một đoạn ngắn cho nhà trường.',
};

function messages(input: object): string[] {
  const result = campaignSchema(context).safeParse(input);
  return (result.error?.issues ?? []).map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`);
}

describe('campaign entries', () => {
  test('a complete campaign is accepted', () => {
    expect(messages(validCampaign)).toEqual([]);
  });

  test('a campaign without poster lines is refused, saying what to write', () => {
    const { posterLines: _omitted, ...rest } = validCampaign;
    expect(messages(rest)).toEqual([
      'posterLines: Required: posterLines, two or three short lines for the printed poster.',
    ]);
  });

  test('four poster lines are refused: the poster is one A4 page', () => {
    expect(messages({ ...validCampaign, posterLines: ['a', 'b', 'c', 'd'] })).toEqual([
      'posterLines: Write at most three poster lines: the poster is one A4 page.',
    ]);
  });

  test('a poster line longer than 90 characters is refused', () => {
    expect(messages({ ...validCampaign, posterLines: ['a', 'x'.repeat(91)] })).toEqual([
      'posterLines.1: Keep each poster line to 90 characters.',
    ]);
  });

  test('a campaign without a reusable text is refused', () => {
    const { reuseText: _omitted, ...rest } = validCampaign;
    expect(messages(rest)).toEqual(['reuseText: Required: reuseText.']);
  });

  test('a reusable text longer than a short notice is refused', () => {
    expect(messages({ ...validCampaign, reuseText: 'x'.repeat(901) })).toEqual([
      'reuseText: Keep reuseText to 900 characters: it is a short notice, not an article.',
    ]);
  });
});
