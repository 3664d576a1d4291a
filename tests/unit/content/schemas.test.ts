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
  summary: ['Một.', 'Hai.', 'Ba.'],
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

describe('articles', () => {
  test('an article without its summary is rejected', () => {
    expect(problems(articleSchema(context).safeParse(without(validEntry, 'summary')))).toEqual([
      'summary: Required: summary, three or four short sentences shown at the top of the page.',
    ]);
  });
});

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

describe('substances (the shape of SUBSTANCE-PAGES.md)', () => {
  const substance = {
    ...validEntry,
    translationKey: 'nitrous-oxide',
    name: 'Bóng cười',
    streetNames: ['khí cười'],
    summary: ['Bóng cười là khí N2O bơm vào bóng.', 'Hít nhiều làm tổn thương thần kinh.', 'Tê chân tay: đi khám sớm.'],
    group: 'inhalant',
    timeline: { source: 'known-source', routes: [{ route: 'inhaled', onset: [0, 1], duration: [0.05, 0.1] }] },
    legal: { status: 'not-listed', articles: [], source: 'known-source', checkedOn: '2026-12-06' },
    helpFilter: 'counselling',
  };

  test('a complete page is accepted', () => {
    expect(problems(substanceSchema(context).safeParse(substance))).toEqual([]);
  });

  test('a page without summary, group, legal status or help filter is rejected, naming each field', () => {
    const { summary: _s, group: _g, legal: _l, helpFilter: _h, ...rest } = substance;
    expect(problems(substanceSchema(context).safeParse(rest))).toEqual([
      'summary: Required: summary, three or four short sentences shown at the top of the page.',
      'group: Write group as one of: stimulant, depressant, opioid, hallucinogen, dissociative, cannabinoid, inhalant, medicine, nicotine, alcohol, mixed.',
      'legal: Required: legal, with status, articles, source and checkedOn (see content/SUBSTANCE-PAGES.md).',
      "helpFilter: Write helpFilter as one of the locator's service types: consultation-point, counselling, methadone, voluntary-rehab, rehab-facility, post-rehab-support, hiv-hepatitis-testing, mental-health.",
    ]);
  });

  test('a summary of two lines, or of five, is rejected', () => {
    expect(problems(substanceSchema(context).safeParse({ ...substance, summary: ['Một.', 'Hai.'] }))).toEqual([
      'summary: Write at least three summary lines.',
    ]);
    expect(
      problems(substanceSchema(context).safeParse({ ...substance, summary: ['1.', '2.', '3.', '4.', '5.'] })),
    ).toEqual(['summary: Write at most four summary lines: the summary must fit a phone screen.']);
  });

  test('not-confirmed needs what is pending; pending is refused with a settled status', () => {
    expect(
      problems(substanceSchema(context).safeParse({ ...substance, legal: { ...substance.legal, status: 'not-confirmed' } })),
    ).toEqual([
      'legal.pending: legal.status is not-confirmed: say under legal.pending what is pending (and keep checkedOn the day you looked).',
    ]);
    expect(
      problems(substanceSchema(context).safeParse({ ...substance, legal: { ...substance.legal, pending: 'Danh mục.' } })),
    ).toEqual(['legal.pending: Leave out legal.pending when legal.status is not-listed: nothing is pending.']);
  });

  test('a legal status without checkedOn is rejected', () => {
    const { checkedOn: _checkedOn, ...legal } = substance.legal;
    expect(problems(substanceSchema(context).safeParse({ ...substance, legal }))).toEqual([
      'legal.checkedOn: Required: legal.checkedOn, the day the status was checked, written YYYY-MM-DD.',
    ]);
  });

  test('a timeline or legal source missing from the entry’s sources is rejected', () => {
    const page = {
      ...substance,
      legal: { ...substance.legal, source: 'other-source' },
      timeline: { ...substance.timeline, source: 'other-source' },
    };
    expect(problems(substanceSchema(context).safeParse(page))).toEqual([
      'legal.source: Source "other-source" is cited here but missing from this entry\'s sources list: add it there.',
      'timeline.source: Source "other-source" is cited here but missing from this entry\'s sources list: add it there.',
    ]);
  });

  test('a timeline span that runs backwards is rejected', () => {
    const timeline = { source: 'known-source', routes: [{ route: 'smoked', onset: [10, 5], duration: [4, 8] }] };
    expect(problems(substanceSchema(context).safeParse({ ...substance, timeline }))).toEqual([
      'timeline.routes.0.onset: onset: the first number (from) must not be larger than the second (to).',
    ]);
  });

  test('helpFilter must be a service type of the locator', () => {
    expect(problems(substanceSchema(context).safeParse({ ...substance, helpFilter: 'rehab' }))[0]).toMatch(
      /^helpFilter: Write helpFilter as one of the locator's service types: consultation-point, counselling, methadone/,
    );
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
