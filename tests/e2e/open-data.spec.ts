import { expect, test } from '@playwright/test';

// The HSDS API as a client meets it over HTTP on the running portal: JSON for every answer under /open-data/hsds/,
// including paths that do not exist, and an OpenAPI document of what this portal serves.

test('answers an unknown path under /open-data/hsds/ with a JSON 404, not the site page', async ({ request }) => {
  for (const path of ['/open-data/hsds/nope', '/open-data/hsds/services/x/y', '/open-data/hsds/openapi.yaml']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
    expect(response.headers()['content-type'], path).toBe('application/problem+json; charset=utf-8');
    expect(await response.json(), path).toMatchObject({ status: 404, error: 'not_found' });
  }
});

test('publishes its OpenAPI document at the openapi_url the API root gives', async ({ request }) => {
  const root = (await (await request.get('/open-data/hsds/')).json()) as { openapi_url: string };
  const url = new URL(root.openapi_url);
  expect(url.pathname).toBe('/open-data/hsds/openapi.json');
  const document = await request.get(url.pathname);
  expect(document.status()).toBe(200);
  const body = (await document.json()) as {
    openapi: string;
    paths: Record<string, unknown>;
    servers: { url: string }[];
  };
  expect(body.openapi).toMatch(/^3\./);
  expect(Object.keys(body.paths)).toEqual(
    expect.arrayContaining(['/services', '/service_at_locations', '/taxonomies', '/taxonomy_terms']),
  );
  expect(body.servers[0]?.url).toBe(`${url.origin}/open-data/hsds`);
});

test('filters services over HTTP and refuses what it cannot do, naming the parameter', async ({ request }) => {
  const all = (await (await request.get('/open-data/hsds/services?per_page=1')).json()) as { total_items: number };
  const some = (await (await request.get('/open-data/hsds/services?per_page=1&search=methadone')).json()) as {
    total_items: number;
  };
  expect(some.total_items).toBeGreaterThan(0);
  expect(some.total_items).toBeLessThan(all.total_items);
  const refused = await request.get('/open-data/hsds/service_at_locations?postcode=100000');
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toMatchObject({ parameter: 'postcode' });
});
