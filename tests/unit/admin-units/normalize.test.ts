import { describe, expect, it } from 'vitest';
import { foldName, hasDiacritics, stripTypeWord, toAscii, toneKey } from '#src/features/admin-units/normalize.ts';

describe('foldName', () => {
  it('removes accents and case', () => {
    expect(foldName('PHÚ QUỐC')).toBe('phu quoc');
  });

  it('turns đ into d', () => {
    expect(foldName('Đà Nẵng')).toBe('da nang');
  });

  it('ignores where the tone mark sits', () => {
    expect(foldName('Hoà')).toBe(foldName('Hòa'));
  });

  it('treats a final y after a consonant as i', () => {
    expect(foldName('Quý Sơn')).toBe(foldName('Quí Sơn'));
  });

  it('keeps y in uy, which is a different sound', () => {
    expect(foldName('Thuỷ')).toBe('thuy');
  });

  it('collapses punctuation and spaces', () => {
    expect(foldName('  Bà Rịa -  Vũng Tàu ')).toBe('ba ria vung tau');
  });

  it('joins syllables around an apostrophe', () => {
    expect(foldName("Xã K' Dang")).toBe('xa kdang');
  });

  it('reads decomposed input like composed input', () => {
    expect(foldName('Hồ Chí Minh'.normalize('NFD'))).toBe('ho chi minh');
  });
});

describe('toneKey', () => {
  it('is equal for Hoà and Hòa', () => {
    expect(toneKey('Hoà')).toBe(toneKey('Hòa'));
  });

  it('is equal for Thuỷ and Thủy', () => {
    expect(toneKey('Thuỷ')).toBe(toneKey('Thủy'));
  });

  it('tells Tân from Tấn', () => {
    expect(toneKey('Tân')).not.toBe(toneKey('Tấn'));
  });
});

describe('stripTypeWord', () => {
  it('strips "thành phố" and says it named a province', () => {
    expect(stripTypeWord('Thành phố Hồ Chí Minh')).toEqual({
      key: 'ho chi minh',
      tone: 'hôF chiS minh',
      hint: 'province',
    });
  });

  it('strips "TP." as written in addresses', () => {
    expect(stripTypeWord('TP.HCM')?.key).toBe('hcm');
  });

  it('strips "p." for a ward', () => {
    expect(stripTypeWord('P. Bến Nghé')?.hint).toBe('phuong');
  });

  it('strips "đặc khu"', () => {
    expect(stripTypeWord('đặc khu Phú Quốc')?.key).toBe('phu quoc');
  });

  it('strips "huyện" and says it named a district', () => {
    expect(stripTypeWord('huyện Ba Bể')).toMatchObject({ key: 'ba be', hint: 'district' });
  });

  it('keeps a place name that starts like a type word but has other accents', () => {
    expect(stripTypeWord('Tịnh Biên')).toBeUndefined();
  });

  it('returns nothing for a type word alone', () => {
    expect(stripTypeWord('xã')).toBeUndefined();
  });
});

describe('toAscii and hasDiacritics', () => {
  it('gives the English form of a name', () => {
    expect(toAscii('Đắk Lắk')).toBe('Dak Lak');
  });

  it('sees accents', () => {
    expect(hasDiacritics('Phú Quốc')).toBe(true);
  });

  it('sees no accents in plain text', () => {
    expect(hasDiacritics('phu quoc')).toBe(false);
  });
});
