import { describe, expect, it } from 'vitest';
import { parseLocatorParams, type LocatorQuery } from '#src/features/locator/search-params.ts';
import { resolvePlace } from '#src/features/locator/ui/place.ts';
import { localPlaceName, localUnitName } from '#src/features/admin-units/index.ts';

function query(search: string): LocatorQuery {
  const parsed = parseLocatorParams(new URLSearchParams(search));
  if (!parsed.ok) throw new Error(`bad test query ${search}`);
  return parsed.query;
}

describe('resolving the searched place', () => {
  it('finds Phú Quốc with or without accents', () => {
    for (const q of ['Phú Quốc', 'phu quoc']) {
      const outcome = resolvePlace(query(`q=${encodeURIComponent(q)}`));
      expect(outcome.kind === 'start' && outcome.start.kind === 'commune' && outcome.start.commune.fullName).toBe(
        'Đặc khu Phú Quốc',
      );
    }
  });

  it('says plainly what a pre-2025 commune is now part of', () => {
    const outcome = resolvePlace(query('q=Khang+Ninh'));
    if (outcome.kind !== 'start' || outcome.renamed === undefined) expect.fail(`not renamed: ${outcome.kind}`);
    const { old, now } = outcome.renamed;
    expect([localPlaceName(old, 'vi'), localPlaceName(now, 'vi')]).toEqual([
      'Xã Khang Ninh, Tỉnh Bắc Kạn',
      'Xã Ba Bể, Tỉnh Thái Nguyên',
    ]);
    expect([localPlaceName(old, 'en'), localPlaceName(now, 'en')]).toEqual([
      'Khang Ninh commune, Bắc Kạn province',
      'Ba Bể commune, Thái Nguyên province',
    ]);
  });

  it('offers every place of an ambiguous name with its province and exact code', () => {
    const outcome = resolvePlace(query('q=T%C3%A2n+Ph%C3%BA'));
    expect(outcome.kind).toBe('choose');
    if (outcome.kind !== 'choose') return;
    expect(outcome.why).toBe('ambiguous');
    expect(outcome.choices.length).toBeGreaterThan(2);
    expect(
      outcome.choices.every(
        (choice) => choice.commune !== undefined && choice.q.startsWith(localUnitName(choice.place, 'vi')),
      ),
    ).toBe(true);
    expect(new Set(outcome.choices.map((choice) => choice.place.province?.name)).size).toBeGreaterThan(2);
  });

  it('suggests the nearest spellings of a name it cannot find', () => {
    const outcome = resolvePlace(query('q=Ba+%C4%90%C3%ACnhh'));
    expect(
      outcome.kind === 'not-found' && outcome.suggestions.map((choice) => localUnitName(choice.place, 'vi')),
    ).toContain('Phường Ba Đình');
  });

  it('finds nothing and suggests nothing for gibberish', () => {
    expect(resolvePlace(query('q=xyzqwv'))).toEqual({ kind: 'not-found', suggestions: [] });
  });

  it('starts from the exact commune a link chose, whatever the name says', () => {
    const outcome = resolvePlace(query('q=T%C3%A2n+Ph%C3%BA&commune=31078'));
    expect(outcome.kind === 'start' && outcome.start.kind === 'commune' && outcome.start.commune.code).toBe('31078');
  });

  it('prefers a typed name to a position, and uses the position alone', () => {
    const named = resolvePlace(query('q=Hu%E1%BA%BF&lat=16.05&lon=108.2'));
    expect(named.kind === 'start' && named.start.kind).toBe('province');
    const located = resolvePlace(query('lat=16.05&lon=108.2'));
    expect(located.kind === 'start' && located.start).toEqual({ kind: 'position', lat: 16.05, lon: 108.2 });
  });

  it('asks for a place when only filters were set, and waits when nothing was', () => {
    expect(resolvePlace(query('free=1')).kind).toBe('empty');
    expect(resolvePlace(query('')).kind).toBe('idle');
  });
});
