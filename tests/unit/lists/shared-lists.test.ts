import { describe, expect, it } from 'vitest';
import * as lists from '#src/features/lists/index.ts';
import { defineList } from '#src/features/lists/index.ts';

const allLists = (Object.values(lists) as unknown[]).filter(
  (value): value is lists.SharedList<string> => typeof value === 'object' && value !== null && 'codes' in value,
);

describe('shared lists', () => {
  it('label every code in both languages', () => {
    for (const list of allLists) {
      for (const item of list.items) {
        expect(item.label.vi.length, item.code).toBeGreaterThan(0);
        expect(item.label.en.length, item.code).toBeGreaterThan(0);
      }
    }
  });

  it('keep the HSDS 3.0 status values verbatim', () => {
    expect([...lists.hsdsStatuses.codes].sort()).toEqual(['active', 'defunct', 'inactive', 'temporarily closed']);
  });

  it('route every kind of help to service types that exist', () => {
    for (const code of lists.helpWanted.codes) {
      const types = lists.servicesForHelp[code];
      expect(types.length).toBeGreaterThan(0);
      for (const type of types) expect(lists.serviceTypes.has(type)).toBe(true);
    }
  });

  it('refuse a list with a duplicate code', () => {
    expect(() =>
      defineList([
        { code: 'a', label: { vi: 'A', en: 'A' } },
        { code: 'a', label: { vi: 'B', en: 'B' } },
      ]),
    ).toThrow(/duplicate/);
  });

  it('answer unknown codes with false', () => {
    expect(lists.serviceTypes.has('heroin-shop')).toBe(false);
    expect(lists.serviceTypes.has('methadone')).toBe(true);
  });
});
