import { describe, expect, test } from 'vitest';
import { articleSchema } from '#src/features/content/schemas/articles.ts';
import { substanceSchema } from '#src/features/content/schemas/substances.ts';
import { statisticsSchema } from '#src/features/content/schemas/statistics.ts';
import { sourceSchema } from '#src/features/content/schemas/sources.ts';

const context = { sourceIds: ['known-source', 'other-source'] };

/** The fields every entry needs, valid. */
const validEntry = {
  title: 'Nói chuyện với con về ma túy',
  description: 'Một câu mô tả.',
  translationKey: 'talking-with-children',
  audiences: ['families'],
  sources: ['known-source'],
  publishedOn: '2026-11-01',
  reviewedOn: '2026-11-20',
};

/** Each problem as Astro prints it: `path: message`. */
function problems(result: {
  success: boolean;
  error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
}): string[] {
  return (result.error?.issues ?? []).map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`);
}

function without<T extends object>(object: T, key: keyof T): Partial<T> {
  const copy: Partial<T> = { ...object };
  delete copy[key];
  return copy;
}

describe('common entry fields', () => {
  test('a complete entry is accepted', () => {
    expect(articleSchema(context).safeParse(validEntry).success).toBe(true);
  });

  test('a missing reviewedOn is rejected with a message saying what to write', () => {
    expect(problems(articleSchema(context).safeParse(without(validEntry, 'reviewedOn')))).toEqual([
      "reviewedOn: Required: reviewedOn, the day a person last checked this page's facts, written YYYY-MM-DD.",
    ]);
  });

  test('a reviewedOn that is not a date is rejected', () => {
    expect(problems(articleSchema(context).safeParse({ ...validEntry, reviewedOn: 'last week' }))).toEqual([
      'reviewedOn: Write a real date as YYYY-MM-DD, e.g. 2026-11-23.',
    ]);
  });

  test('a missing sources list is rejected', () => {
    expect(problems(articleSchema(context).safeParse(without(validEntry, 'sources')))).toEqual([
      "sources: Required: sources, the ids (from content/sources.json) of what this page's facts come from.",
    ]);
  });

  test('an empty sources list is rejected', () => {
    expect(problems(articleSchema(context).safeParse({ ...validEntry, sources: [] }))).toEqual([
      'sources: List at least one source id from content/sources.json.',
    ]);
  });

  test('an unknown source id is rejected, naming the id', () => {
    expect(problems(articleSchema(context).safeParse({ ...validEntry, sources: ['known-source', 'made-up'] }))).toEqual(
      ['sources.1: Unknown source id "made-up": add it to content/sources.json, or fix the id.'],
    );
  });

  test('an audience outside the shared list is rejected', () => {
    expect(problems(articleSchema(context).safeParse({ ...validEntry, audiences: ['everyone'] }))[0]).toMatch(
      /^audiences\.0: Unknown audience "everyone": use one of /,
    );
  });

  test('a reviewedOn earlier than publishedOn is rejected', () => {
    expect(problems(articleSchema(context).safeParse({ ...validEntry, reviewedOn: '2026-10-01' }))).toEqual([
      'reviewedOn: reviewedOn cannot be earlier than publishedOn.',
    ]);
  });

  test('draft defaults to false', () => {
    expect(articleSchema(context).parse(validEntry).draft).toBe(false);
  });
});

describe('substances', () => {
  const substance = {
    ...validEntry,
    name: 'Ma túy đá',
    streetNames: ['hàng đá'],
    whatItIs: 'Một chất kích thích dạng tinh thể.',
    effects: ['Tỉnh táo, hưng phấn.'],
    risks: ['Gây hại cho tim và mạch máu.'],
    mixing: ['Dùng chung với rượu bia làm tim làm việc nặng hơn.'],
    legalStatus: { status: 'not-confirmed', note: 'Chưa đối chiếu được danh mục.', source: 'known-source' },
  };

  test('a complete substance is accepted', () => {
    expect(substanceSchema(context).safeParse(substance).success).toBe(true);
  });

  test('a substance without its effects or mixing risks is rejected, naming each field', () => {
    const { effects: _effects, mixing: _mixing, ...rest } = substance;
    expect(problems(substanceSchema(context).safeParse(rest))).toEqual([
      'effects: Required: effects, as a list.',
      'mixing: Required: mixing, as a list.',
    ]);
  });

  test('a legal status outside listed, not-listed and not-confirmed is rejected', () => {
    expect(
      problems(
        substanceSchema(context).safeParse({
          ...substance,
          legalStatus: { ...substance.legalStatus, status: 'illegal' },
        }),
      ),
    ).toEqual(['legalStatus.status: Write legalStatus.status as one of: listed, not-listed, not-confirmed.']);
  });

  test("a legal status whose source is missing from the entry's sources is rejected", () => {
    expect(
      problems(
        substanceSchema(context).safeParse({
          ...substance,
          legalStatus: { ...substance.legalStatus, source: 'other-source' },
        }),
      ),
    ).toEqual([
      'legalStatus.source: Source "other-source" is cited here but missing from this entry\'s sources list: add it there.',
    ]);
  });
});

describe('statistics', () => {
  const figure = {
    label: 'Người nghiện ma túy có hồ sơ quản lý',
    value: 3379,
    unit: 'người',
    date: '2024-11-14',
    place: { asNamed: 'Tỉnh Đồng Nai', provinceCode: '75', nowNamed: 'Thành phố Đồng Nai' },
    source: 'known-source',
  };

  test('a figure with its place as named then and the current province code is accepted', () => {
    expect(statisticsSchema(context).safeParse({ ...validEntry, figures: [figure] }).success).toBe(true);
  });

  test('a figure citing an unknown source id is rejected', () => {
    expect(
      problems(statisticsSchema(context).safeParse({ ...validEntry, figures: [{ ...figure, source: 'made-up' }] })),
    ).toEqual(['figures.0.source: Unknown source id "made-up": add it to content/sources.json, or fix the id.']);
  });

  test('a province code that is not two digits is rejected', () => {
    expect(
      problems(
        statisticsSchema(context).safeParse({
          ...validEntry,
          figures: [{ ...figure, place: { ...figure.place, provinceCode: '075' } }],
        }),
      ),
    ).toEqual(['figures.0.place.provinceCode: Write place.provinceCode as two digits, e.g. "75".']);
  });

  test('a national figure needs no province, and may not name one', () => {
    const national = { ...figure, place: { scope: 'country', asNamed: 'Cả nước' } };
    expect(statisticsSchema(context).safeParse({ ...validEntry, figures: [national] }).success).toBe(true);
    expect(
      problems(
        statisticsSchema(context).safeParse({
          ...validEntry,
          figures: [{ ...figure, place: { ...national.place, provinceCode: '75' } }],
        }),
      ),
    ).toEqual(['figures.0.place.provinceCode: Leave out place.provinceCode when place.scope is country: there is no province to name.']);
  });

  test('a province figure without its current province is rejected', () => {
    expect(
      problems(
        statisticsSchema(context).safeParse({
          ...validEntry,
          figures: [{ ...figure, place: { asNamed: 'Tỉnh Đồng Nai' } }],
        }),
      ),
    ).toEqual([
      'figures.0.place.provinceCode: Required for a province: place.provinceCode.',
      'figures.0.place.nowNamed: Required for a province: place.nowNamed.',
    ]);
  });

  test('a chart naming a figure key that does not exist is rejected', () => {
    expect(
      problems(
        statisticsSchema(context).safeParse({
          ...validEntry,
          figures: [{ ...figure, key: 'records' }],
          charts: [{ title: 'Một biểu đồ', figures: ['records', 'missing'] }],
        }),
      ),
    ).toEqual(['charts.0.figures.1: No figure has key "missing": add key: missing to the figure this chart should show.']);
  });

  test('a chart mixing units (people and %) is rejected', () => {
    expect(
      problems(
        statisticsSchema(context).safeParse({
          ...validEntry,
          figures: [
            { ...figure, key: 'records' },
            { ...figure, key: 'share', value: 40.5, unit: '%' },
          ],
          charts: [{ title: 'Một biểu đồ', figures: ['records', 'share'] }],
        }),
      ),
    ).toEqual(["charts.0.figures: A chart's figures must share one unit; these have người, %."]);
  });
});

describe('the source registry', () => {
  const source = {
    id: 'vnexpress-2025-12-10-luat-sua-doi',
    title: 'Một tiêu đề',
    publisher: 'VnExpress',
    date: '2025-12-10',
    url: 'https://vnexpress.net/x.html',
    language: 'vi',
    checkedVia: { kind: 'stored-copy', openedOn: '2026-11-23' },
  };

  test('a source opened as a stored copy is accepted', () => {
    expect(sourceSchema.safeParse(source).success).toBe(true);
  });

  test('a source with no date shown records null', () => {
    expect(sourceSchema.safeParse({ ...source, date: null }).success).toBe(true);
  });

  test('a source without a date field is rejected', () => {
    expect(problems(sourceSchema.safeParse(without(source, 'date')))).toEqual([
      'date: Required: date, the day it was published (YYYY-MM-DD), or null when the source shows none.',
    ]);
  });

  test('a source without checkedVia is rejected', () => {
    expect(problems(sourceSchema.safeParse(without(source, 'checkedVia')))).toEqual([
      'checkedVia: Write checkedVia as { kind: stored-copy, openedOn } or { kind: shared-document, document }.',
    ]);
  });
});
