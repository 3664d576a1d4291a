import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { getCommune, listProvinces, localPlaceName, searchUnits } from '#src/features/admin-units/index.ts';
import { formerNameSuggestions } from '#src/features/locator/ui/former-names.ts';
import { SUGGEST_INDEX_GZIP_BUDGET, suggestIndexJson } from '#src/features/locator/ui/suggest-index.ts';
import {
  matchSuggestions,
  readSuggestIndex,
  type SuggestIndexFile,
  type Suggestion,
} from '#src/features/locator/ui/suggest-format.ts';
import { GET } from '#src/pages/tim-ho-tro/goi-y-cu.json.ts';

// The autocomplete on English pages: places named as English pages name them (localPlaceName), and English type
// words typed before or after a name read as the Vietnamese ones are. The served index is the same file for both
// languages: the English names are made in the browser from its type indexes, so its size does not change.

const json = suggestIndexJson();
const file = JSON.parse(json) as SuggestIndexFile;
const vi = readSuggestIndex(file);
const en = readSuggestIndex(file, 'en');

const provinceNamed = (name: string) => listProvinces().find((p) => p.name === name);
const values = (found: readonly Suggestion[]) => found.map((s) => s.value);
const first = (list: readonly Suggestion[], typed: string) => matchSuggestions(list, typed)[0]?.value;

describe('English suggestions', () => {
  it('name every place as English pages do', () => {
    const wrong = en.filter((s) => {
      const unit = s.kind === 'commune' ? getCommune(s.code ?? '') : provinceNamed(s.provinceName);
      return unit === undefined || localPlaceName(unit, 'en') !== s.value;
    });
    expect(wrong).toEqual([]);
    expect(values(matchSuggestions(en, 'cho moi'))).toContain('Chợ Mới commune, Thái Nguyên province');
    expect(first(en, 'ha noi')).toBe('Hà Nội City');
    expect(first(en, 'thai nguyen')).toBe('Thái Nguyên province');
    expect(first(en, 'phu quoc')).toBe('Phú Quốc special zone, An Giang province');
  });

  it('leave the Vietnamese suggestions as they were', () => {
    expect(readSuggestIndex(file, 'vi')).toEqual(vi);
    expect(values(matchSuggestions(vi, 'cho moi'))).toContain('Xã Chợ Mới, Thái Nguyên');
    expect(first(vi, 'ha noi')).toBe('Thành phố Hà Nội');
  });

  it('come from the same index, still within its budget', () => {
    expect(gzipSync(json, { level: 9 }).length).toBeLessThanOrEqual(SUGGEST_INDEX_GZIP_BUDGET);
  });

  it('find each place again from its own text, as the search field holds it once chosen', () => {
    const lost = en.filter((s) => !matchSuggestions(en, s.value, 100).includes(s)).map((s) => s.value);
    expect(lost).toEqual([]);
  });
});

describe('English type words in the autocomplete', () => {
  it.each([
    ['Cho Moi commune', 'Chợ Mới commune, Thái Nguyên province'],
    ['Ba Be commune, Thai Nguyen province', 'Ba Bể commune, Thái Nguyên province'],
    ['Ba Dinh ward', 'Ba Đình ward, Hà Nội City'],
    ['Phu Quoc special zone', 'Phú Quốc special zone, An Giang province'],
    ['Ho Chi Minh City', 'Hồ Chí Minh City'],
    ['Thai Nguyen province', 'Thái Nguyên province'],
    ['Bac Kan province', 'Bắc Kạn ward, Thái Nguyên province'],
    ['Cho Moi district', 'Chợ Mới commune, Thái Nguyên province'],
    ['Cho Moi township', 'Chợ Mới commune, Thái Nguyên province'],
  ])('"%s" suggests %s', (typed, expected) => {
    expect(values(matchSuggestions(en, typed))).toContain(expected);
  });

  it('read them in any case, before or after the name, with or without a comma, and half typed', () => {
    for (const typed of [
      'BA DINH WARD',
      'ward ba dinh',
      'Ba Đình Ward',
      'ba dinh w',
      'Ba Đình wa',
      'ba dinh ward, ha noi',
      'ba dinh ward ha noi city',
    ]) {
      expect(first(en, typed), typed).toBe('Ba Đình ward, Hà Nội City');
    }
    for (const typed of ['ba be commune thai nguyen province', 'ba be commune, thai nguyen prov', 'commune ba be']) {
      expect(first(en, typed), typed).toBe('Ba Bể commune, Thái Nguyên province');
    }
    expect(first(en, 'Ho Chi Minh Ci')).toBe('Hồ Chí Minh City');
    expect(first(en, 'phu quoc special z')).toBe('Phú Quốc special zone, An Giang province');
    // Names that start like a Vietnamese type word: the English one at the end says what the first word is.
    expect(first(en, 'Phuong Liet ward')).toBe('Phương Liệt ward, Hà Nội City');
    expect(first(en, 'Tinh Bien ward')).toBe('Tịnh Biên ward, An Giang province');
  });

  it('read them on Vietnamese pages too, where the names stay Vietnamese', () => {
    expect(first(vi, 'Ba Dinh ward')).toBe('Phường Ba Đình, Hà Nội');
    expect(first(vi, 'Ho Chi Minh City')).toBe('Thành phố Hồ Chí Minh');
  });

  it('leave a half-typed Vietnamese name alone when it fits one (tan p is not tan + "province")', () => {
    const found = matchSuggestions(en, 'tan p');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((s) => s.key.startsWith('tan p'))).toBe(true);
  });
});

describe('English pre-2025 names from the server', () => {
  it('name the place now and the place then in English', () => {
    expect(formerNameSuggestions('khang ninh', 'en')).toEqual([
      {
        kind: 'commune',
        code: '01906',
        fullName: 'Ba Bể commune',
        provinceName: 'Thái Nguyên',
        provinceLabel: 'Thái Nguyên province',
        value: 'Ba Bể commune, Thái Nguyên province',
        formerly: 'Khang Ninh commune, Bắc Kạn province',
      },
    ]);
    expect(formerNameSuggestions('Bac Kan province', 'en').map((s) => [s.value, s.formerly])).toEqual([
      ['Thái Nguyên province', 'Bắc Kạn province'],
    ]);
    expect(formerNameSuggestions('khang ninh commune', 'en').map((s) => s.value)).toEqual([
      'Ba Bể commune, Thái Nguyên province',
    ]);
  });

  it('are asked with lang=en; without it they are Vietnamese', async () => {
    const ask = async (search: string) => {
      const response = await GET({ url: new URL(`http://portal.invalid/tim-ho-tro/goi-y-cu.json${search}`) } as never);
      return ((await response.json()) as Array<{ value: string }>).map((s) => s.value);
    };
    expect(await ask('?q=khang+ninh&lang=en')).toEqual(['Ba Bể commune, Thái Nguyên province']);
    expect(await ask('?q=khang+ninh')).toEqual(['Xã Ba Bể, Thái Nguyên']);
    expect(await ask('?q=khang+ninh&lang=fr')).toEqual(['Xã Ba Bể, Thái Nguyên']);
  });

  it('lead to the place the server search finds for the chosen text', () => {
    const [chosen] = formerNameSuggestions('khang ninh', 'en');
    const result = searchUnits(chosen?.value ?? '');
    expect(result.status === 'found' && result.matches[0]?.code).toBe('01906');
  });
});
