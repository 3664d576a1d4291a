import { describe, expect, it } from 'vitest';
import { searchUnits } from '#src/features/admin-units/index.ts';
import { foldName, toneKey } from '#src/features/admin-units/normalize.ts';
import { parseLocatorParams, type LocatorQuery } from '#src/features/locator/search-params.ts';
import { formerNameSuggestions } from '#src/features/locator/ui/former-names.ts';
import { resolvePlace } from '#src/features/locator/ui/place.ts';
import { suggestIndexJson } from '#src/features/locator/ui/suggest-index.ts';
import { matchSuggestions, readSuggestIndex, type SuggestIndexFile } from '#src/features/locator/ui/suggest-format.ts';
import { GET } from '#src/pages/tim-ho-tro/goi-y-cu.json.ts';
import { locatorParamsOf } from '#src/features/widgets/locator-embed-model.server.ts';
import { readLocatorPreset } from '#src/features/widgets/options.ts';

// Issue 19, item 5: places as people type them. "bac can" / "Bắc Cạn" (the common spelling of Bắc Kạn) found
// nothing, the autocomplete had no pre-2025 names, and a widget's province did not narrow an ambiguous name.

const suggestions = readSuggestIndex(JSON.parse(suggestIndexJson()) as SuggestIndexFile);

function query(search: string): LocatorQuery {
  const parsed = parseLocatorParams(new URLSearchParams(search));
  if (!parsed.ok) throw new Error(`bad test query ${search}`);
  return parsed.query;
}

function first(q: string): string {
  const result = searchUnits(q);
  if (result.status !== 'found' && result.status !== 'ambiguous') return result.status;
  const [match] = result.matches;
  return match === undefined
    ? 'none'
    : `${match.fullName}${match.via === 'pre-2025' ? ` (${match.old.fullName})` : ''}`;
}

describe('spelling variants', () => {
  it('folds c and k alike before a, o, u and at the end of a syllable, and keeps k before i, e and in kh', () => {
    expect(foldName('Bắc Kạn')).toBe(foldName('Bắc Cạn'));
    expect(foldName('Đắk Lắk')).toBe(foldName('Đắc Lắc'));
    expect(foldName('Krông Pắc')).toBe(foldName('Krong Pak'));
    expect(toneKey('Bắc Kạn')).toBe(toneKey('Bắc Cạn'));
    expect(foldName('Kỳ Anh')).toBe('ki anh');
    expect(foldName('Khánh Hoà')).toBe('khanh hoa');
    expect(foldName('Kế Sách')).toBe('ke sach');
  });

  it('finds Bắc Kạn however it is typed, with or without its type word', () => {
    for (const q of ['bac can', 'Bắc Cạn', 'Bắc Kạn', 'bac kan', 'tỉnh Bắc Cạn', 'tinh bac can'])
      expect(first(q), q).toBe('Tỉnh Thái Nguyên (Tỉnh Bắc Kạn)');
  });

  it('finds Đắk Lắk as Dak Lak, Đăk Lăk and Đắc Lắc', () => {
    for (const q of ['dak lak', 'Đăk Lăk', 'Đắc Lắc', 'Dak Lak', 'tỉnh Đắk Lắk'])
      expect(first(q), q).toBe('Tỉnh Đắk Lắk');
  });

  it('finds an old commune and district with the old province spelt with c', () => {
    expect(first('xã Khang Ninh, tỉnh Bắc Cạn')).toBe('Xã Ba Bể (Xã Khang Ninh)');
    expect(first('huyện Ba Bể')).toBe('Xã Ba Bể');
  });
});

describe('the autocomplete', () => {
  it('finds current names spelt with c for k, and after a district or town type word', () => {
    expect(matchSuggestions(suggestions, 'bac can').map((s) => s.value)).toContain('Phường Bắc Kạn, Thái Nguyên');
    expect(matchSuggestions(suggestions, 'Đắc Lắc').map((s) => s.value)).toContain('Tỉnh Đắk Lắk');
    expect(matchSuggestions(suggestions, 'huyện Ba Bể').map((s) => s.value)).toContain('Xã Ba Bể, Thái Nguyên');
    expect(matchSuggestions(suggestions, 'thị trấn Chợ Mới').map((s) => s.value)).toContain('Xã Chợ Mới, Thái Nguyên');
  });

  it('gets pre-2025 names from the server, saying what each was', () => {
    expect(formerNameSuggestions('khang ninh')).toEqual([
      {
        kind: 'commune',
        code: '01906',
        fullName: 'Xã Ba Bể',
        provinceName: 'Thái Nguyên',
        provinceLabel: 'Thái Nguyên',
        value: 'Xã Ba Bể, Thái Nguyên',
        formerly: 'Xã Khang Ninh, Tỉnh Bắc Kạn',
      },
    ]);
    expect(formerNameSuggestions('Bắc Cạn').map((s) => [s.value, s.formerly])).toEqual([
      ['Tỉnh Thái Nguyên', 'Tỉnh Bắc Kạn'],
    ]);
    expect(formerNameSuggestions('ba')).toEqual([]);
  });

  it('serves them never stored by the browser or a proxy', async () => {
    const response = await GET({
      url: new URL('http://portal.invalid/tim-ho-tro/goi-y-cu.json?q=khang+ninh'),
    } as never);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(((await response.json()) as Array<{ value: string }>).map((s) => s.value)).toEqual([
      'Xã Ba Bể, Thái Nguyên',
    ]);
  });
});

describe("a widget's province", () => {
  it('scopes an ambiguous name to that province, and a name not in it is still found elsewhere', () => {
    const outcome = resolvePlace(query('q=T%C3%A2n+Ph%C3%BA&province=75'));
    expect(outcome.kind === 'start' && outcome.start.kind === 'commune' && outcome.start.commune.province.code).toBe(
      '75',
    );
    expect(resolvePlace(query('q=T%C3%A2n+Ph%C3%BA')).kind).toBe('choose');
    const elsewhere = resolvePlace(query('q=Ph%C3%BA+Qu%E1%BB%91c&province=75'));
    expect(elsewhere.kind === 'start' && elsewhere.start.kind === 'commune' && elsewhere.start.commune.fullName).toBe(
      'Đặc khu Phú Quốc',
    );
  });

  it('goes with what the reader types into the embed', () => {
    const params = new URLSearchParams('province=75&q=T%C3%A2n+Ph%C3%BA');
    expect(locatorParamsOf(params, readLocatorPreset(params)).get('province')).toBe('75');
  });
});
