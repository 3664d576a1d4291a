import { describe, expect, it } from 'vitest';
import { langOfPath, localizedPath, routes } from '#src/features/site/routes.ts';
import { pageTypes } from '#src/features/site/page-types.ts';

describe('routes and page types', () => {
  it('keep the public contract paths of DESIGN.md', () => {
    expect(routes.findHelp).toEqual({ vi: '/tim-ho-tro', en: '/en/find-help' });
    expect(routes.askForHelp).toEqual({ vi: '/xin-tu-van', en: '/en/ask-for-help' });
    expect(routes.track).toEqual({ vi: '/theo-doi', en: '/en/track' });
    expect(routes.privacy).toEqual({ vi: '/quyen-rieng-tu', en: '/en/privacy' });
    expect(routes.console).toEqual({ vi: '/quan-ly', en: '/en/console' });
  });

  it('put every English path under /en/ and no Vietnamese one there', () => {
    for (const route of Object.values(routes)) {
      expect(langOfPath(route.en)).toBe('en');
      expect(langOfPath(route.vi)).toBe('vi');
    }
  });

  it('fill and encode dynamic segments', () => {
    expect(localizedPath('substance', 'vi', { slug: 'ma-tuy-da' })).toBe('/ma-tuy-a-z/ma-tuy-da');
    expect(() => localizedPath('substance', 'en')).toThrow(/slug/);
  });

  it('list each page type once, with a path in each language', () => {
    const ids = pageTypes.map((page) => page.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const page of pageTypes) {
      expect(langOfPath(page.paths.en)).toBe('en');
      expect(langOfPath(page.paths.vi)).toBe('vi');
    }
  });
});
