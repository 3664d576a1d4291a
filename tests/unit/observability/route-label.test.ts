/**
 * The `route` label of the request metrics is a pattern from a fixed list, never a path: ids, slugs, receipt codes and
 * queries stay out of the metrics store, and a client cannot create new series by inventing paths.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRouteLabeler, OTHER_ROUTE, STATIC_FILE_PATTERNS } from '#src/features/observability/route-label.ts';
import { repoRoot } from '../../setup/portal-process.ts';

/** The route patterns of src/pages, as Astro writes them in dist/routes.json (the build's list the server uses). */
function pagePatterns(): string[] {
  const pages = join(repoRoot, 'src/pages');
  return readdirSync(pages, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(astro|ts)$/.test(file))
    .map((file) => {
      const path = `/${relative(pages, join(pages, file)).split(sep).join('/')}`
        .replace(/\.(astro|ts)$/, '')
        .replace(/\/index$/, '');
      return path === '' ? '/' : path;
    });
}

const label = createRouteLabeler([...pagePatterns(), ...STATIC_FILE_PATTERNS]);

describe('the route label', () => {
  it('is the pattern of the page, whatever the id, slug or query', () => {
    expect(
      [
        '/',
        '/en/',
        '/tim-ho-tro',
        '/tim-ho-tro/',
        '/tim-ho-tro/diem/3f0e2d1c-8a7b-4c5d-9e6f-0123456789ab',
        '/en/find-help/point/3f0e2d1c-8a7b-4c5d-9e6f-0123456789ab/',
        '/quan-ly/yeu-cau/5d2c1b0a-1111-4222-8333-444455556666',
        '/ma-tuy-a-z/heroin',
        '/chien-dich/mua-he-an-toan',
        '/chien-dich/mua-he-an-toan.png',
        '/open-data/hsds/services/abc',
        '/open-data/hsds/services',
        '/open-data/hsds/no/such/thing',
        '/api/intake',
        '/_astro/ask.Bx7Qk2.js',
        '/pagefind/fragment/vi_12ab.pf_fragment',
        '/sitemap-0.xml',
        '/icons/icon-192.png',
        '/tim%2Dho-tro',
      ].map(label),
    ).toEqual([
      '/',
      '/en',
      '/tim-ho-tro',
      '/tim-ho-tro',
      '/tim-ho-tro/diem/[id]',
      '/en/find-help/point/[id]',
      '/quan-ly/yeu-cau/[id]',
      '/ma-tuy-a-z/[slug]',
      '/chien-dich/[slug]',
      '/chien-dich/[slug].png',
      '/open-data/hsds/services/[id]',
      '/open-data/hsds/services',
      '/open-data/hsds/[...rest]',
      '/api/intake',
      '/_astro/[file]',
      '/pagefind/[...path]',
      '/sitemap-[n].xml',
      '/icons/[name].png',
      '/tim-ho-tro',
    ]);
  });

  it('is "other" for a path no page has, so invented paths add no series', () => {
    const invented = [
      '/wp-login.php',
      '/tim-ho-tro/diem',
      '/quan-ly/yeu-cau/1/2',
      '/.env',
      '/%E0%A4%A',
      '/a'.repeat(50),
    ];
    expect(invented.map(label)).toEqual(invented.map(() => OTHER_ROUTE));
  });

  it('takes its values from the list alone: a thousand different paths give a handful of labels', () => {
    const labels = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      labels.add(label(`/tim-ho-tro/diem/${i}-${Math.random().toString(36).slice(2)}`));
      labels.add(label(`/random-${i}`));
      labels.add(label(`/open-data/hsds/services/${i}`));
    }
    expect([...labels].sort()).toEqual(['/open-data/hsds/services/[id]', '/tim-ho-tro/diem/[id]', OTHER_ROUTE]);
  });
});
