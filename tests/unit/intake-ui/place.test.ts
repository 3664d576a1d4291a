import { describe, expect, it } from 'vitest';
import { resolvePlace, type PlaceFields } from '#src/features/intake/views/place.server.ts';

const place = (fields: Partial<PlaceFields>) => resolvePlace({ q: '', commune: '', lat: '', lon: '', ...fields });

describe('the place of a request', () => {
  it('is the commune a typed name finds, accents or not, pre-2025 names included', () => {
    expect(place({ q: 'Phường Ba Đình, Hà Nội' })).toMatchObject({ kind: 'commune', commune: { code: '00004' } });
    expect(place({ q: 'Phu Quoc' })).toMatchObject({ kind: 'commune', commune: { code: '31078' } });
    expect(place({ q: 'xã Khang Ninh, huyện Ba Bể, tỉnh Bắc Kạn' })).toMatchObject({
      kind: 'commune',
      commune: { code: '01906' },
      renamedFrom: { type: 'Xã', name: 'Khang Ninh', province: { type: 'Tỉnh', name: 'Bắc Kạn' } },
    });
  });

  it('asks to choose when several communes share the name, each with its province', () => {
    const result = place({ q: 'Tân Phú' });
    expect(result.kind).toBe('choose');
    if (result.kind !== 'choose') return;
    expect(result.choices).toEqual(
      expect.arrayContaining([
        {
          code: '27031',
          place: {
            type: 'Phường',
            name: 'Tân Phú',
            province: { code: '79', type: 'Thành phố', name: 'Hồ Chí Minh', fullName: 'Thành phố Hồ Chí Minh' },
          },
          formerly: undefined,
        },
        expect.objectContaining({
          code: '26116',
          place: expect.objectContaining({ province: expect.objectContaining({ name: 'Đồng Nai' }) }),
        }),
      ]),
    );
    expect(new Set(result.choices.map((choice) => choice.code)).size).toBe(result.choices.length);
  });

  it('takes a choice made for these very words, and ignores a stale one when the words change', () => {
    expect(place({ q: 'Tân Phú', commune: '27031' })).toMatchObject({ kind: 'commune', commune: { code: '27031' } });
    // The autocomplete (or an earlier choice) left Tân Phú's code, but the person typed another place since.
    expect(place({ q: 'Phường Hoàn Kiếm, Hà Nội', commune: '27031' })).toMatchObject({
      kind: 'commune',
      commune: { code: '00070' },
    });
    // A code alone (no words) is taken when it exists.
    expect(place({ commune: '00004' })).toMatchObject({ kind: 'commune', commune: { code: '00004' } });
    expect(place({ commune: '99999' })).toEqual({ kind: 'none' });
  });

  it('offers the nearest spellings when nothing matches, and refuses a province alone', () => {
    const misspelt = place({ q: 'Tan Phuuu' });
    expect(misspelt.kind).toBe('not-found');
    if (misspelt.kind === 'not-found') expect(misspelt.suggestions.length).toBeGreaterThan(0);
    expect(place({ q: 'qqqzzz' })).toEqual({ kind: 'not-found', q: 'qqqzzz', suggestions: [] });
    expect(place({ q: 'Hà Nội' })).toEqual({ kind: 'province-only', q: 'Hà Nội', provinceName: 'Thành phố Hà Nội' });
    expect(place({ q: 'x'.repeat(101) })).toEqual({ kind: 'too-long' });
  });

  it('uses a position only when no name is typed, with the commune it falls in', () => {
    expect(place({ lat: '21.04', lon: '105.84' })).toMatchObject({
      kind: 'position',
      lat: '21.04',
      lon: '105.84',
      commune: { code: '00004' },
    });
    expect(place({ lat: 'x', lon: '105.84' })).toMatchObject({ kind: 'position', commune: undefined });
    expect(place({ q: 'Phu Quoc', lat: '21.04', lon: '105.84' })).toMatchObject({
      kind: 'commune',
      commune: { code: '31078' },
    });
    expect(place({})).toEqual({ kind: 'none' });
  });
});
