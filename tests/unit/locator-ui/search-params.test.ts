import { describe, expect, it } from 'vitest';
import { locatorHref, parseLocatorParams } from '#src/features/locator/search-params.ts';

const parse = (query: string) => parseLocatorParams(new URLSearchParams(query));
const errorsOf = (query: string) => {
  const result = parse(query);
  return result.ok ? [] : result.errors.map((error) => `${error.field}:${error.key}`);
};

describe('locator query parameters', () => {
  it('accept a place name with filters', () => {
    const result = parse('q=Ph%C3%BA+Qu%E1%BB%91c&service=methadone&free=1&open=1&language=km&age=17');
    expect(result.ok && result.query).toEqual({
      q: 'Phú Quốc',
      commune: undefined,
      position: undefined,
      service: 'methadone',
      free: true,
      open: true,
      language: 'km',
      age: 17,
    });
  });

  it('treat empty values as not given', () => {
    const result = parse('q=&service=&language=&age=&lat=&lon=');
    expect(result.ok && result.query.service).toBeUndefined();
    expect(result.ok && result.query.position).toBeUndefined();
  });

  it('round a position to 2 decimals on the server too', () => {
    const result = parse('lat=16.054407&lon=108.202164');
    expect(result.ok && result.query.position).toEqual({ lat: 16.05, lon: 108.2 });
  });

  it('refuse a latitude that is not a number, naming the field', () => {
    expect(errorsOf('lat=abc&lon=108.2')).toEqual(['lat:locator.error.lat.notNumber']);
    expect(errorsOf('lat=1e1&lon=108.2')).toEqual(['lat:locator.error.lat.notNumber']);
    expect(errorsOf('lat=Infinity&lon=108.2')).toEqual(['lat:locator.error.lat.notNumber']);
  });

  it('refuse coordinates out of range', () => {
    expect(errorsOf('lat=91&lon=108')).toEqual(['lat:locator.error.lat.range']);
    expect(errorsOf('lat=16&lon=200')).toEqual(['lon:locator.error.lon.range']);
  });

  it('refuse a valid position outside Vietnam once, not once per coordinate', () => {
    expect(errorsOf('lat=48.85&lon=2.35')).toEqual(['lat:locator.error.position.outside']);
  });

  it('ask for the missing half of a position', () => {
    expect(errorsOf('lat=16.05')).toEqual(['lon:locator.error.lon.missing']);
    expect(errorsOf('lon=108.2')).toEqual(['lat:locator.error.lat.missing']);
  });

  it('refuse unknown filter values, each on its own field', () => {
    expect(errorsOf('q=Hu%E1%BA%BF&service=massage&free=yes&open=2&language=xx&age=abc')).toEqual([
      'service:locator.error.service.unknown',
      'free:locator.error.free.unknown',
      'open:locator.error.open.unknown',
      'language:locator.error.language.unknown',
      'age:locator.error.age.notNumber',
    ]);
  });

  it('refuse an age over 120', () => {
    expect(errorsOf('q=Hu%E1%BA%BF&age=121')).toEqual(['age:locator.error.age.range']);
  });

  it('refuse a place name over 100 characters and accept one of exactly 100', () => {
    expect(errorsOf(`q=${'a'.repeat(101)}`)).toEqual(['q:locator.error.q.tooLong']);
    expect(errorsOf(`q=${'ấ'.repeat(100)}`)).toEqual([]);
  });

  it('refuse a commune code that does not exist, on the place field', () => {
    expect(errorsOf('commune=99999')).toEqual(['q:locator.error.commune.unknown']);
    expect(errorsOf('commune=abc')).toEqual(['q:locator.error.commune.unknown']);
    const result = parse('commune=31078');
    expect(result.ok && result.query.commune).toBe('31078');
  });

  it('list errors in the order of the form', () => {
    expect(errorsOf(`age=999&lat=x&lon=1&q=${'b'.repeat(200)}`).map((error) => error.split(':')[0])).toEqual([
      'q',
      'lat',
      'lon',
      'age',
    ]);
  });

  it('keep what was typed to show it back', () => {
    const result = parse('lat=abc&lon=108.2&age=abc');
    expect(result.raw.lat).toBe('abc');
    expect(result.raw.age).toBe('abc');
  });

  it('write links with the place, the position at 2 decimals and the filters', () => {
    expect(
      locatorHref(
        '/tim-ho-tro',
        { q: 'Xã Ba Bể, Thái Nguyên', commune: '01864' },
        { service: 'counselling', free: true, open: false, language: undefined, age: 17 },
      ),
    ).toBe(
      '/tim-ho-tro?q=X%C3%A3+Ba+B%E1%BB%83%2C+Th%C3%A1i+Nguy%C3%AAn&commune=01864&service=counselling&free=1&age=17',
    );
    expect(
      locatorHref(
        '/en/find-help',
        { lat: 16.054, lon: 108.2 },
        { service: undefined, free: false, open: false, language: undefined, age: undefined },
      ),
    ).toBe('/en/find-help?lat=16.05&lon=108.20');
  });
});
