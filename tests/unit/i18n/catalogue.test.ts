import { describe, expect, it } from 'vitest';
import { catalogue, messageKeys, plural, useTranslations } from '#src/i18n/index.ts';

describe('UI string catalogues', () => {
  it('English has exactly the keys of Vietnamese', () => {
    expect(Object.keys(catalogue('en')).sort()).toEqual([...messageKeys()].sort());
  });

  // Placeholders in one language only, and calls that leave one unfilled: placeholders.test.ts.

  it('no string uses stigmatizing words for people', () => {
    const banned = /con nghiện|đối tượng|nghiện ngập|junkie|addicts?\b/i;
    const offending = messageKeys().flatMap((key) =>
      (['vi', 'en'] as const).filter((lang) => banned.test(catalogue(lang)[key])).map((lang) => `${lang}:${key}`),
    );
    expect(offending).toEqual([]);
  });

  it('fills placeholders and formats numbers for the language', () => {
    expect(useTranslations('vi')('emergency.text', { phone: '115' })).toBe('Cấp cứu: gọi 115.');
    expect(useTranslations('en')('emergency.text', { phone: '115' })).toBe('Emergency: call 115.');
  });

  it('chooses English plural forms and keeps one Vietnamese form', () => {
    const forms = { one: '{count} point', other: '{count} points' };
    expect(plural('en', 1, forms)).toBe('1 point');
    expect(plural('en', 1200, forms)).toBe('1,200 points');
    expect(plural('vi', 1, { one: '{count} điểm', other: '{count} điểm' })).toBe('1 điểm');
  });
});
