/**
 * The HSDS 3.0 API as a standard client uses it: every query parameter the OpenAPI defines for an endpoint is
 * implemented or refused with a 400 naming it; filters give exactly the services a client would pick out by hand from
 * the full export; paging, NDJSON and `minimal` agree with the plain list; every object validates against HSDS 3.0.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phones, services } from '#src/db/schema/index.ts';
import type { OpenDataContext } from '#src/features/directory/export/context.server.ts';
import { organizationById, organizationsList } from '#src/features/directory/export/organization-routes.server.ts';
import { ENDPOINT_PARAMETERS } from '#src/features/directory/export/query.ts';
import { hsdsRoot, openApiDocument } from '#src/features/directory/export/root.ts';
import {
  serviceAtLocationById,
  serviceAtLocationsList,
  serviceById,
  servicesList,
} from '#src/features/directory/export/service-routes.server.ts';
import {
  taxonomiesList,
  taxonomyById,
  taxonomyTermById,
  taxonomyTermsList,
} from '#src/features/directory/export/taxonomy-routes.ts';
import { importDirectory } from '#src/features/directory/import/index.server.ts';
import { createTestDatabase, testEngine, type TestDatabase } from '../../setup/db.ts';
import { explain, hsdsSchemas } from './hsds-schemas.ts';
import { fixture, importClock } from './helpers.ts';

type Json = Record<string, unknown>;
type Attribute = { taxonomy_term_id: string; taxonomy_term: { taxonomy: string; code: string; taxonomy_id: string } };

const params = (query = '') => new URLSearchParams(query);
const json = async (response: Response): Promise<Json> => (await response.json()) as Json;
const ids = (body: Json): string[] => (body['contents'] as { id: string }[]).map((item) => item.id);

const OPENAPI = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/hsds-3.0/openapi.json'), 'utf8')) as {
  paths: Record<string, { get: { parameters?: { $ref?: string; name?: string }[] } }>;
};

/** Every term a service's fully nested form carries, wherever it sits. */
function termsOf(value: unknown, found: Attribute[] = []): Attribute[] {
  if (Array.isArray(value)) for (const item of value) termsOf(item, found);
  else if (typeof value === 'object' && value !== null) {
    const object = value as Json;
    if (typeof object['taxonomy_term_id'] === 'string' && typeof object['taxonomy_term'] === 'object') {
      found.push(object as unknown as Attribute);
    }
    for (const child of Object.values(object)) termsOf(child, found);
  }
  return found;
}

describe(`HSDS API on ${testEngine}`, () => {
  let test: TestDatabase;
  let context: OpenDataContext;
  let everything: Json[];

  /** Every service, fully nested, page by page (what a client filtering by hand would start from). */
  async function allFull(): Promise<Json[]> {
    const all: Json[] = [];
    for (let page = 1; ; page += 1) {
      const body = await json(await servicesList(context, params(`full=true&per_page=3&page=${page}`)));
      all.push(...(body['contents'] as Json[]));
      if (body['last_page'] === true) return all;
    }
  }

  /** Ids of every service a filtered list returns, through all its pages (2 a page). */
  async function pagedIds(query: string): Promise<string[]> {
    const found: string[] = [];
    for (let page = 1; ; page += 1) {
      const body = await json(await servicesList(context, params(`${query}&per_page=2&page=${page}`)));
      // A minimal list holds ids and dates only, which HSDS's service list schema does not describe.
      if (!query.includes('minimal=true')) {
        expect(hsdsSchemas().servicesPage(body), explain(hsdsSchemas().servicesPage.errors).join('\n')).toBe(true);
      }
      found.push(...ids(body));
      if (body['last_page'] === true) return found;
    }
  }

  beforeAll(async () => {
    test = await createTestDatabase();
    const imported = await importDirectory(test.db, fixture('valid.csv'), { clock: importClock });
    if (!imported.ok) throw new Error('fixture import failed');
    context = { db: test.db, demo: false, origin: 'https://hotro.example.gov.vn' };
    everything = await allFull();
  });
  afterAll(() => test.cleanup());

  it('implements or refuses, naming it, every parameter the HSDS OpenAPI defines for each endpoint', async () => {
    const samples: Record<string, string> = {
      search: 'y te',
      page: '1',
      per_page: '5',
      format: 'json',
      taxonomy_term_id: '00000000-0000-5000-8000-000000000000',
      taxonomy_id: '00000000-0000-5000-8000-000000000000',
      organization_id: '00000000-0000-5000-8000-000000000000',
      modified_after: '2020-01-01T00:00:00Z',
      minimal: 'true',
      full: 'true',
      full_service: 'true',
      postcode: '100000',
      proximity: '1000',
      top_only: 'true',
      parent_id: '00000000-0000-5000-8000-000000000000',
    };
    const call: Record<string, (query: URLSearchParams) => Promise<Response> | Response> = {
      '/services': (q) => servicesList(context, q),
      '/organizations': (q) => organizationsList(context, q),
      '/service_at_locations': (q) => serviceAtLocationsList(context, q),
      '/taxonomies': (q) => taxonomiesList(q),
      '/taxonomy_terms': (q) => taxonomyTermsList(q),
      '/organizations/{id}': (q) => organizationById(context, String(everything[0]?.['organization_id']), q),
    };
    const refused: string[] = [];
    for (const [path, run] of Object.entries(call)) {
      const names = (OPENAPI.paths[path]?.get.parameters ?? []).map((p) => p.name ?? p.$ref?.split('/').at(-1) ?? '');
      expect(names.length, path).toBeGreaterThan(0);
      for (const name of names) {
        const response = await run(params(`${name}=${encodeURIComponent(samples[name] ?? '')}`));
        if (response.status === 400) {
          expect(await json(response), `${path} ${name}`).toMatchObject({ status: 400, parameter: name });
          refused.push(`${path} ${name}`);
        } else expect(response.status, `${path} ${name}`).toBe(200);
      }
    }
    expect(refused).toEqual(['/service_at_locations postcode', '/service_at_locations proximity']);
    // The parameter table follows the OpenAPI exactly: nothing added, nothing forgotten.
    const table: Record<string, readonly string[]> = {
      '/services': ENDPOINT_PARAMETERS.services,
      '/organizations': ENDPOINT_PARAMETERS.organizations,
      '/service_at_locations': ENDPOINT_PARAMETERS.serviceAtLocations,
      '/taxonomies': ENDPOINT_PARAMETERS.taxonomies,
      '/taxonomy_terms': ENDPOINT_PARAMETERS.taxonomyTerms,
      '/organizations/{id}': ENDPOINT_PARAMETERS.organization,
    };
    for (const [path, list] of Object.entries(table)) {
      const names = (OPENAPI.paths[path]?.get.parameters ?? []).map((p) => p.name ?? p.$ref?.split('/').at(-1));
      expect([...list].sort(), path).toEqual([...names].sort());
    }
  });

  it('refuses a parameter the endpoint does not have, naming it, in both languages', async () => {
    for (const response of [
      await servicesList(context, params('province=19')),
      await serviceById(context, String(everything[0]?.['id']), params('full=true')),
      await organizationsList(context, params('taxonomy_id=x')),
      taxonomyTermById(String(everything[0]?.['id']), params('lang=vi')),
    ]) {
      expect(response.status).toBe(400);
      expect(response.headers.get('Content-Type')).toBe('application/problem+json; charset=utf-8');
      const body = await json(response);
      expect(body).toMatchObject({ type: 'about:blank', title: 'Bad request', status: 400 });
      expect(String(body['detail'])).toMatch(/is not a parameter of this endpoint/);
      expect(String(body['message_vi'])).toMatch(/không phải tham số/);
    }
    const twice = await json(await servicesList(context, params('page=1&page=2')));
    expect(twice).toMatchObject({ status: 400, parameter: 'page' });
  });

  it('searches names, organizations and places without accents, as a person types', async () => {
    const byHand = (words: string[]) =>
      everything
        .filter((s) => {
          const text = JSON.stringify([s['name'], s['description'], s['organization'], s['service_at_locations']])
            .normalize('NFD')
            .replace(/\p{M}/gu, '')
            .replace(/đ/giu, 'd')
            .toLowerCase();
          return words.every((w) => text.includes(w));
        })
        .map((s) => String(s['id']))
        .sort();
    for (const [query, words] of [
      ['methadone', ['methadone']],
      ['tram y te', ['tram y te']],
      ['Chợ Rã', ['cho ra']],
      ['phu nu', ['phu nu']],
    ] as const) {
      const found = (await pagedIds(`search=${encodeURIComponent(query)}`)).sort();
      expect(found.length, query).toBeGreaterThan(0);
      expect(found, query).toEqual(byHand([...words]));
    }
    expect(await pagedIds('search=zzzz%20qqqq')).toEqual([]);
  });

  it('filters by taxonomy term and taxonomy exactly as the exported attributes say', async () => {
    const allTerms = new Map<string, Attribute['taxonomy_term']>();
    for (const service of everything)
      for (const a of termsOf(service)) allTerms.set(a.taxonomy_term_id, a.taxonomy_term);
    const taxonomiesSeen = new Set<string>();
    for (const [termId, term] of allTerms) {
      const expected = everything
        .filter((s) => termsOf(s).some((a) => a.taxonomy_term_id === termId))
        .map((s) => String(s['id']))
        .sort();
      expect((await pagedIds(`taxonomy_term_id=${termId}`)).sort(), `${term.taxonomy} ${term.code}`).toEqual(expected);
      taxonomiesSeen.add(term.taxonomy_id);
    }
    expect(allTerms.size).toBeGreaterThan(15);
    for (const taxonomyId of taxonomiesSeen) {
      const expected = everything
        .filter((s) => termsOf(s).some((a) => a.taxonomy_term.taxonomy_id === taxonomyId))
        .map((s) => String(s['id']))
        .sort();
      expect((await pagedIds(`taxonomy_id=${taxonomyId}`)).sort()).toEqual(expected);
    }
    // A well-formed id no term has: a valid question with an empty answer.
    expect(await pagedIds('taxonomy_term_id=00000000-0000-5000-8000-000000000000')).toEqual([]);
    // Filters combine: methadone services of the organization that runs one.
    const methadone = everything.find((s) => termsOf(s).some((a) => a.taxonomy_term.code === 'methadone'));
    const term = termsOf(methadone).find((a) => a.taxonomy_term.code === 'methadone');
    const both = await pagedIds(
      `taxonomy_term_id=${term?.taxonomy_term_id}&organization_id=${methadone?.['organization_id']}`,
    );
    expect(both).toContain(methadone?.['id']);
    expect(both.length).toBeLessThanOrEqual(everything.length);
  });

  it('gives what changed on or after modified_after, by the last_modified it publishes', async () => {
    const target = everything[2];
    if (!target) throw new Error('fixture too small');
    // Touch one phone of the target's location: the service's last_modified moves, and the filter follows it.
    const later = new Date('2027-03-01T01:02:03.000Z');
    const [phone] = await test.db
      .select({ id: phones.id })
      .from(phones)
      .where(
        sql`${phones.serviceId} = ${String(target['id'])} or ${phones.locationId} in (select location_id from service_at_location where service_id = ${String(target['id'])})`,
      );
    if (!phone) throw new Error('target has no phone');
    await test.db.update(phones).set({ updatedAt: later }).where(eq(phones.id, phone.id));
    const fresh = await allFull();
    const changed = fresh.find((s) => s['id'] === target['id']);
    expect(changed?.['last_modified']).toBe(later.toISOString());
    for (const at of ['2027-03-01T01:02:03Z', '2027-03-01T08:02:03+07:00', '2020-01-01', '2027-03-01T01:02:04Z']) {
      const cut = new Date(at.length === 10 ? `${at}T00:00:00Z` : at);
      const expected = fresh
        .filter((s) => new Date(String(s['last_modified'])).getTime() >= cut.getTime())
        .map((s) => String(s['id']))
        .sort();
      expect((await pagedIds(`modified_after=${encodeURIComponent(at)}`)).sort(), at).toEqual(expected);
    }
    // The touched phone belongs to the location, so every service offered there changed, and only those.
    const touched = fresh.filter((s) => s['last_modified'] === later.toISOString()).map((s) => String(s['id']));
    expect(touched).toContain(target['id']);
    expect((await pagedIds('modified_after=2027-03-01T01%3A02%3A03Z')).sort()).toEqual(touched.sort());
    for (const bad of ['yesterday', '2027-13-01', '2027-03-01T01:02']) {
      expect(await json(await servicesList(context, params(`modified_after=${bad}`)))).toMatchObject({
        status: 400,
        parameter: 'modified_after',
      });
    }
  });

  it('sends the same services in minimal, NDJSON and paged form', async () => {
    const minimal = await json(await servicesList(context, params('minimal=true&per_page=200')));
    const plain = await json(await servicesList(context, params('per_page=200')));
    expect(minimal['contents']).toEqual(
      (plain['contents'] as Json[]).map((s) => ({ id: s['id'], last_modified: s['last_modified'] })),
    );
    const ndjson = await servicesList(context, params('format=ndjson&full=true'));
    expect(ndjson.headers.get('Content-Type')).toBe('application/x-ndjson; charset=utf-8');
    const lines = (await ndjson.text())
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Json);
    expect(lines).toEqual(await allFull());
    for (const line of lines) expect(hsdsSchemas().service(line)).toBe(true);
    expect(await json(await servicesList(context, params('format=ndjson&page=2')))).toMatchObject({
      parameter: 'page',
    });
    expect(await json(await servicesList(context, params('format=xml')))).toMatchObject({ parameter: 'format' });
    expect(await json(await servicesList(context, params('minimal=true&full=true')))).toMatchObject({
      parameter: 'minimal',
    });
  });

  it('lists services at locations, filtered like services, each valid against HSDS', async () => {
    const { serviceAtLocationsPage, serviceAtLocation } = hsdsSchemas();
    const linkIds = everything.flatMap((s) => (s['service_at_locations'] as Json[]).map((l) => String(l['id']))).sort();
    const listed: string[] = [];
    for (let page = 1; ; page += 1) {
      const body = await json(await serviceAtLocationsList(context, params(`per_page=4&page=${page}`)));
      expect(serviceAtLocationsPage(body), explain(serviceAtLocationsPage.errors).join('\n')).toBe(true);
      listed.push(...ids(body));
      if (body['last_page'] === true) break;
    }
    expect(listed.sort()).toEqual(linkIds);
    const full = await json(await serviceAtLocationsList(context, params('full=true&per_page=200')));
    for (const item of full['contents'] as Json[]) {
      expect(serviceAtLocation(item), explain(serviceAtLocation.errors).join('\n')).toBe(true);
      const one = await json(await serviceAtLocationById(context, String(item['id'])));
      expect(one).toEqual(item);
    }
    const methadone = await json(await serviceAtLocationsList(context, params('search=methadone&per_page=200')));
    const expected = everything
      .filter((s) => JSON.stringify(s).toLowerCase().includes('methadone'))
      .flatMap((s) => (s['service_at_locations'] as Json[]).map((l) => String(l['id'])))
      .sort();
    expect(ids(methadone).sort()).toEqual(expected);
    expect((await serviceAtLocationById(context, '00000000-0000-5000-8000-000000000000')).status).toBe(404);
  });

  it('serves the taxonomies and every term the export uses, communes under their province', async () => {
    const { taxonomiesPage, taxonomy, taxonomyTermsPage, taxonomyTerm } = hsdsSchemas();
    const taxonomies = await json(await taxonomiesList(params()));
    expect(taxonomiesPage(taxonomies), explain(taxonomiesPage.errors).join('\n')).toBe(true);
    expect(taxonomies['total_items']).toBe(7);
    for (const item of taxonomies['contents'] as Json[]) {
      expect(taxonomy(item)).toBe(true);
      expect(await json(taxonomyById(String(item['id']), params()))).toEqual(item);
    }
    // Every term any exported attribute names can be looked up, and says the same.
    for (const service of everything) {
      for (const a of termsOf(service)) {
        const term = await json(taxonomyTermById(a.taxonomy_term_id, params()));
        expect(taxonomyTerm(term), explain(taxonomyTerm.errors).join('\n')).toBe(true);
        expect(term).toMatchObject({
          id: a.taxonomy_term_id,
          code: a.taxonomy_term.code,
          taxonomy: a.taxonomy_term.taxonomy,
        });
      }
    }
    const provinces = (taxonomies['contents'] as Json[]).find((t) => t['name'] === 'vn-admin-2025-province');
    const communes = (taxonomies['contents'] as Json[]).find((t) => t['name'] === 'vn-admin-2025-commune');
    const provinceTerms = await json(await taxonomyTermsList(params(`taxonomy_id=${provinces?.['id']}&per_page=200`)));
    expect(taxonomyTermsPage(provinceTerms)).toBe(true);
    expect(provinceTerms['total_items']).toBe(34);
    const communeTerms = await json(await taxonomyTermsList(params(`taxonomy_id=${communes?.['id']}&per_page=1`)));
    expect(communeTerms['total_items']).toBe(3321);
    const thaiNguyen = (provinceTerms['contents'] as Json[]).find((t) => t['code'] === '19');
    const children = await json(await taxonomyTermsList(params(`parent_id=${thaiNguyen?.['id']}&per_page=200`)));
    expect((children['contents'] as Json[]).every((t) => t['taxonomy'] === 'vn-admin-2025-commune')).toBe(true);
    expect(children['total_items']).toBeGreaterThan(50);
    const top = await json(await taxonomyTermsList(params('top_only=true&per_page=200')));
    expect((top['contents'] as Json[]).some((t) => t['taxonomy'] === 'vn-admin-2025-commune')).toBe(false);
    const found = await json(await taxonomyTermsList(params('search=cho%20ra')));
    expect((found['contents'] as Json[]).map((t) => t['name'])).toContain('Xã Chợ Rã');
    expect((await json(taxonomyTermById('00000000-0000-5000-8000-000000000000', params())))['status']).toBe(404);
  });

  it('points openapi_url at an OpenAPI document of this API, on the public origin', async () => {
    const root = await json(hsdsRoot(context));
    expect(root['openapi_url']).toBe('https://hotro.example.gov.vn/open-data/hsds/openapi.json');
    const document = await json(openApiDocument(context));
    expect(document['servers']).toEqual([{ url: 'https://hotro.example.gov.vn/open-data/hsds' }]);
    const paths = document['paths'] as typeof OPENAPI.paths;
    expect(Object.keys(paths).sort()).toEqual(Object.keys(OPENAPI.paths).sort());
    const atLocations = (paths['/service_at_locations']?.get.parameters ?? []).map((p) => p.$ref?.split('/').at(-1));
    expect(atLocations).not.toContain('postcode');
    expect(JSON.stringify(document)).not.toContain('REQUIRED --');
  });

  it('never shows a service that is hidden, whatever the filter', async () => {
    const hidden = String(everything[0]?.['id']);
    await test.db.update(services).set({ isDemo: true }).where(eq(services.id, hidden));
    for (const query of ['', 'search=tram', `modified_after=2000-01-01`, 'minimal=true']) {
      expect(await pagedIds(query), query).not.toContain(hidden);
    }
    expect((await serviceById(context, hidden)).status).toBe(404);
    await test.db.update(services).set({ isDemo: false }).where(eq(services.id, hidden));
  });
});
