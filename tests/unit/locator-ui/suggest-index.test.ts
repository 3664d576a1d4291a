import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { listCommunes, listProvinces } from '#src/features/admin-units/index.ts';
import { SUGGEST_INDEX_GZIP_BUDGET, suggestIndexJson } from '#src/features/locator/ui/suggest-index.ts';
import { matchSuggestions, readSuggestIndex, type SuggestIndexFile } from '#src/features/locator/ui/suggest-format.ts';

const json = suggestIndexJson();
const suggestions = readSuggestIndex(JSON.parse(json) as SuggestIndexFile);
const builtAsset = new URL('../../../dist/client/tim-ho-tro/goi-y.json', import.meta.url);

describe('the autocomplete index', () => {
  it(`stays within ${SUGGEST_INDEX_GZIP_BUDGET / 1024} KB gzipped`, () => {
    expect(gzipSync(json, { level: 9 }).length).toBeLessThanOrEqual(SUGGEST_INDEX_GZIP_BUDGET);
  });

  it.skipIf(!existsSync(builtAsset))('is served as built, within the budget too', () => {
    const built = readFileSync(builtAsset);
    expect(gzipSync(built, { level: 9 }).length).toBeLessThanOrEqual(SUGGEST_INDEX_GZIP_BUDGET);
    expect(built.toString('utf8')).toBe(json);
  });

  it('holds every current province and commune with its exact code', () => {
    expect(suggestions.filter((entry) => entry.kind === 'province')).toHaveLength(listProvinces().length);
    const communes = suggestions.filter((entry) => entry.kind === 'commune');
    expect(communes).toHaveLength(listCommunes().length);
    const expected = new Map(
      listCommunes().map((commune) => [commune.code, `${commune.fullName}, ${commune.province.name}`]),
    );
    expect(communes.every((entry) => entry.code !== undefined && expected.get(entry.code) === entry.value)).toBe(true);
  });

  it('matches without accents or case', () => {
    expect(matchSuggestions(suggestions, 'phu quoc')[0]?.value).toBe('Đặc khu Phú Quốc, An Giang');
    expect(matchSuggestions(suggestions, 'PHÚ QUỐC')[0]?.value).toBe('Đặc khu Phú Quốc, An Giang');
  });

  it('ignores a leading type word, and a second part narrows to a province', () => {
    expect(matchSuggestions(suggestions, 'xã ba bể')[0]?.value).toBe('Xã Ba Bể, Thái Nguyên');
    const narrowed = matchSuggestions(suggestions, 'tan phu, dong nai');
    expect(narrowed.length).toBeGreaterThan(0);
    expect(narrowed.every((entry) => entry.provinceName === 'Đồng Nai')).toBe(true);
  });

  it('still finds a place whose name starts like a type word (Tịnh Biên)', () => {
    expect(matchSuggestions(suggestions, 'tinh bien').map((entry) => entry.fullName)).toContain('Phường Tịnh Biên');
  });

  it('has current names only: pre-2025 names are left to the server', () => {
    expect(matchSuggestions(suggestions, 'Khang Ninh')).toEqual([]);
  });

  it('offers nothing for a single letter', () => {
    expect(matchSuggestions(suggestions, 'p')).toEqual([]);
  });
});
