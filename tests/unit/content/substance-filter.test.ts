import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  filterSubstances,
  groupByLetter,
  keyMatches,
  letterOf,
  MAX_SUBSTANCE_QUERY_LENGTH,
  queryWords,
  substanceSearchKey,
  type SubstanceNames,
} from '#src/features/content/substance-filter.ts';
import { routes } from '#src/features/site/routes.ts';

/** A few entries as the A–Z list holds them, in the list's (Vietnamese) order. */
const entries: (SubstanceNames & { slug: string })[] = [
  { slug: 'bong-cuoi', name: 'Bóng cười', title: 'Bóng cười (khí N2O)', streetNames: ['khí cười', 'funky ball'] },
  { slug: 'can-sa', name: 'Cần sa', title: 'Cần sa (marijuana)', streetNames: ['bồ đà', 'weed'] },
  { slug: 'ke', name: 'Ke (ketamine)', title: 'Ke (ketamine)', streetNames: ['ketamin', 'special K'] },
  { slug: 'ma-tuy-da', name: 'Ma túy đá', title: 'Ma túy đá (methamphetamine)', streetNames: ['hàng đá', 'ice'] },
  { slug: 'thuoc-lac', name: 'Thuốc lắc (MDMA)', title: 'Thuốc lắc (ecstasy, MDMA)', streetNames: ['ecstasy', 'XTC'] },
];
const keyed = entries.map((entry) => ({ ...entry, key: substanceSearchKey(entry) }));
const find = (query: string) => filterSubstances(keyed, (entry) => entry.key, query);
const slugsFound = (query: string) => find(query).items.map((entry) => entry.slug);

describe('the drugs A–Z filter', () => {
  test('"ma tuy da", typed without accents, finds Ma túy đá', () => {
    expect(slugsFound('ma tuy da')).toEqual(['ma-tuy-da']);
  });

  test('"bong cuoi" finds Bóng cười', () => {
    expect(slugsFound('bong cuoi')).toEqual(['bong-cuoi']);
  });

  test('accents typed differently, or in capitals, find the same entry', () => {
    expect(slugsFound('BÓNG CƯỜI')).toEqual(['bong-cuoi']);
    expect(slugsFound('bóng cuoi')).toEqual(['bong-cuoi']);
    expect(slugsFound('Ma Tuý Đá')).toEqual(['ma-tuy-da']);
  });

  test('a street name finds its entry: "hang da" finds ma túy đá, "khi cuoi" finds bóng cười', () => {
    expect(slugsFound('hang da')).toEqual(['ma-tuy-da']);
    expect(slugsFound('khi cuoi')).toEqual(['bong-cuoi']);
    expect(slugsFound('ecstasy')).toEqual(['thuoc-lac']);
  });

  test('the start of a word is enough: "keta" finds ketamine', () => {
    expect(slugsFound('keta')).toEqual(['ke']);
  });

  test('letters inside a word do not match: "ong" finds nothing', () => {
    expect(find('ong')).toEqual({ outcome: 'none', items: [] });
  });

  test('punctuation and extra spaces are ignored', () => {
    expect(slugsFound('  "Bóng -- cười!" ')).toEqual(['bong-cuoi']);
  });

  test('an empty or blank query keeps every entry, in order, and says nothing was filtered', () => {
    for (const query of ['', '   ', '!?']) {
      const result = find(query);
      expect(result.outcome).toBe('all');
      expect(result.items.map((entry) => entry.slug)).toEqual(entries.map((entry) => entry.slug));
    }
  });

  test('a query that matches nothing says so, with no entries', () => {
    expect(find('xyz khong co')).toEqual({ outcome: 'none', items: [] });
  });

  test('a query that matches says so, keeping only the matching entries', () => {
    expect(find('ma tuy').outcome).toBe('matches');
  });

  test('a very long query is read only up to its limit', () => {
    expect(queryWords(`bong ${'x'.repeat(MAX_SUBSTANCE_QUERY_LENGTH)}`)).toEqual(['bong', 'x'.repeat(MAX_SUBSTANCE_QUERY_LENGTH - 5)]);
  });

  test('a search key holds each folded word once', () => {
    expect(substanceSearchKey(entries[0]!)).toBe('bong cuoi khi n2o funki ball');
    expect(keyMatches('bong cuoi khi n2o', [])).toBe(true);
  });
});

describe('the A–Z letters', () => {
  test('a name is listed under its first letter without accents: Đ under D, Ơ under O', () => {
    expect(letterOf('Đá')).toBe('D');
    expect(letterOf('Ơ')).toBe('O');
    expect(letterOf('cần sa')).toBe('C');
  });

  test('a name starting with a digit is listed under #', () => {
    expect(letterOf('5F-MDMB-PICA')).toBe('#');
  });

  test('entries are grouped by letter in A–Z order, # last, keeping their order within a letter', () => {
    const groups = groupByLetter(['Thuốc lắc', '2C-B', 'Cần sa', 'Cỏ Mỹ', 'Đồ uống', 'Bóng cười'], (name) => name);
    expect(groups.map((group) => [group.letter, group.items])).toEqual([
      ['B', ['Bóng cười']],
      ['C', ['Cần sa', 'Cỏ Mỹ']],
      ['D', ['Đồ uống']],
      ['T', ['Thuốc lắc']],
      ['#', ['2C-B']],
    ]);
  });
});

describe('the drugs A–Z content', () => {
  const folder = (lang: 'vi' | 'en') =>
    readdirSync(fileURLToPath(new URL(`../../../content/substances/${lang}/`, import.meta.url))).filter((file) =>
      file.endsWith('.md'),
    );

  test('holds at least 25 entries in each language', () => {
    expect(folder('vi').length).toBeGreaterThanOrEqual(25);
    expect(folder('en').length).toBeGreaterThanOrEqual(25);
  });

  test("no entry's address collides with the search page's", () => {
    const searchSegment = (lang: 'vi' | 'en') => routes.substancesSearch[lang].split('/').at(-1);
    expect(folder('vi')).not.toContain(`${searchSegment('vi')}.md`);
    expect(folder('en')).not.toContain(`${searchSegment('en')}.md`);
  });
});
