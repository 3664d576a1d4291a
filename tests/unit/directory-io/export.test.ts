import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locations, organizations, serviceAtLocation, services } from '#src/db/schema/index.ts';
import { importDirectory } from '#src/features/directory/import/index.server.ts';
import type { OpenDataContext } from '#src/features/directory/export/context.server.ts';
import { directoryCsvExport } from '#src/features/directory/export/csv-route.server.ts';
import { organizationById, organizationsList } from '#src/features/directory/export/organization-routes.server.ts';
import { hsdsRoot } from '#src/features/directory/export/root.ts';
import { serviceById, servicesList } from '#src/features/directory/export/service-routes.server.ts';
import { createTestDatabase, testEngine, type TestDatabase } from '../../setup/db.ts';
import { explain, hsdsSchemas } from './hsds-schemas.ts';
import { fixture, importClock, NOTIFICATION_EMAILS, snapshot } from './helpers.ts';

const params = (query = '') => new URLSearchParams(query);
const json = async (response: Response): Promise<Record<string, unknown>> =>
  (await response.json()) as Record<string, unknown>;

/** Every service of the export, fully nested, page by page. */
async function allServices(context: OpenDataContext): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  for (let page = 1; ; page += 1) {
    const body = await json(await servicesList(context, params(`full=true&per_page=2&page=${page}`)));
    all.push(...(body['contents'] as Record<string, unknown>[]));
    if (body['last_page'] === true) return all;
  }
}

describe(`open-data export on ${testEngine}`, () => {
  let test: TestDatabase;
  let real: OpenDataContext;
  let demo: OpenDataContext;
  const demoIds = { organization: randomUUID(), service: randomUUID(), location: randomUUID() };

  beforeAll(async () => {
    test = await createTestDatabase();
    const imported = await importDirectory(test.db, fixture('valid.csv'), { clock: importClock });
    if (!imported.ok) throw new Error('fixture import failed');
    // A demo point, as the demo directory loads them.
    await test.db
      .insert(organizations)
      .values({ id: demoIds.organization, name: 'Đơn vị minh hoạ', operatorKind: 'other', isDemo: true });
    await test.db.insert(services).values({
      id: demoIds.service,
      organizationId: demoIds.organization,
      name: 'Tư vấn (minh hoạ)',
      serviceType: 'counselling',
      isDemo: true,
    });
    await test.db.insert(locations).values({
      id: demoIds.location,
      organizationId: demoIds.organization,
      name: 'Điểm minh hoạ',
      provinceCode: '01',
      communeCode: '00070',
      notificationEmail: 'demo-point@example.invalid',
      isDemo: true,
    });
    await test.db.insert(serviceAtLocation).values({ serviceId: demoIds.service, locationId: demoIds.location });
    real = { db: test.db, demo: false, origin: 'https://hotro.example.gov.vn' };
    demo = { ...real, demo: true };
  });
  afterAll(() => test.cleanup());

  it('validates every fully nested service against HSDS service.json, references resolved', async () => {
    const { service } = hsdsSchemas();
    const all = await allServices(real);
    expect(all).toHaveLength(9);
    for (const item of all) expect(service(item), explain(service.errors).join('\n')).toBe(true);
    for (const item of all) {
      const one = await json(await serviceById(real, String(item['id'])));
      expect(service(one), explain(service.errors).join('\n')).toBe(true);
      expect(one).toEqual(item);
    }
  });

  it('is judged by the nested schemas too: a wrong location type deep inside fails', async () => {
    const { service } = hsdsSchemas();
    const [first] = await allServices(real);
    const broken = structuredClone(first) as { service_at_locations: { location: { location_type: string } }[] };
    const link = broken.service_at_locations[0];
    if (!link) throw new Error('no location');
    link.location.location_type = 'spaceship';
    expect(service(broken)).toBe(false);
    expect(explain(service.errors).join('\n')).toContain('/service_at_locations/0/location/location_type');
  });

  it('validates the paged services list against the /services response of openapi.json', async () => {
    const { servicesPage } = hsdsSchemas();
    for (const query of ['', 'per_page=2', 'per_page=2&page=5', 'per_page=2&page=6', 'full=true&per_page=3']) {
      const body = await json(await servicesList(real, params(query)));
      expect(servicesPage(body), `${query}: ${explain(servicesPage.errors).join('\n')}`).toBe(true);
    }
  });

  it('pages as HSDS describes: totals, first and last page, empty past the end', async () => {
    const fifth = await json(await servicesList(real, params('per_page=2&page=5')));
    expect(fifth).toMatchObject({
      total_items: 9,
      total_pages: 5,
      page_number: 5,
      size: 1,
      first_page: false,
      last_page: true,
      empty: false,
    });
    const sixth = await json(await servicesList(real, params('per_page=2&page=6')));
    expect(sixth).toMatchObject({ total_items: 9, size: 0, last_page: true, empty: true, contents: [] });
    const first = await json(await servicesList(real, params('per_page=2')));
    expect(first).toMatchObject({ page_number: 1, first_page: true, last_page: false, size: 2 });
  });

  it('filters the list by organization', async () => {
    const [someService] = await allServices(real);
    const organizationId = String(someService?.['organization_id']);
    const body = await json(await servicesList(real, params(`organization_id=${organizationId}`)));
    const contents = body['contents'] as { organization_id: string }[];
    expect(contents.length).toBeGreaterThan(0);
    expect(contents.every((s) => s.organization_id === organizationId)).toBe(true);
  });

  it('validates organizations against organization.json and the /organizations response of openapi.json', async () => {
    const { organization, organizationsPage, service } = hsdsSchemas();
    const list = await json(await organizationsList(real, params()));
    expect(organizationsPage(list), explain(organizationsPage.errors).join('\n')).toBe(true);
    const contents = list['contents'] as { id: string }[];
    expect(contents).toHaveLength(4);
    for (const { id } of contents) {
      const one = await json(await organizationById(real, id, params('full_service=true')));
      expect(organization(one), explain(organization.errors).join('\n')).toBe(true);
      for (const nested of one['services'] as unknown[])
        expect(service(nested), explain(service.errors).join('\n')).toBe(true);
    }
  });

  it('answers the API root as openapi.json describes it', async () => {
    const { root } = hsdsSchemas();
    const body = await json(hsdsRoot(real));
    expect(root(body), explain(root.errors).join('\n')).toBe(true);
    expect(body).toMatchObject({ version: '3.0', profile: 'https://hotro.example.gov.vn/du-lieu-mo' });
  });

  it('refuses bad page and per_page values with a 400 and a clear JSON message', async () => {
    for (const query of [
      'page=0',
      'page=abc',
      'page=-1',
      'per_page=0',
      'per_page=1000',
      'per_page=1.5',
      'full=maybe',
      'organization_id=42',
    ]) {
      const response = await servicesList(real, params(query));
      expect(response.status, query).toBe(400);
      const body = await json(response);
      expect(body['error']).toBe('bad_request');
      expect(String(body['message'])).toMatch(/^(page|per_page|full|organization_id) /);
      expect(String(body['message_vi'])).not.toBe('');
    }
    expect((await organizationsList(real, params('per_page=x'))).status).toBe(400);
    expect((await directoryCsvExport(real, params('province=99'))).status).toBe(400);
  });

  it('answers an unknown id with a 404 in JSON', async () => {
    for (const id of [randomUUID(), 'not-a-uuid', undefined]) {
      const response = await serviceById(real, id);
      expect(response.status).toBe(404);
      expect(await json(response)).toMatchObject({ status: 404, error: 'not_found' });
      expect((await organizationById(real, id, params())).status).toBe(404);
    }
  });

  it('sends open-data headers on every answer, errors included', async () => {
    const responses = [
      hsdsRoot(real),
      await servicesList(real, params()),
      await servicesList(real, params('page=0')),
      await serviceById(real, randomUUID()),
      await organizationsList(real, params()),
      await directoryCsvExport(real, params()),
    ];
    for (const response of responses) {
      expect(response.headers.get('Content-Type')).toMatch(/; charset=utf-8$/);
      expect(response.headers.get('Cache-Control')).toBe('public, max-age=300');
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    }
    expect(responses.at(-1)?.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
  });

  it('shows no demo rows unless the portal runs in demo mode, and marks them there', async () => {
    expect((await serviceById(real, demoIds.service)).status).toBe(404);
    expect((await organizationById(real, demoIds.organization, params())).status).toBe(404);
    expect(await (await directoryCsvExport(real, params())).text()).not.toContain('Điểm minh hoạ');

    const shown = await json(await serviceById(demo, demoIds.service));
    expect(hsdsSchemas().service(shown)).toBe(true);
    expect(String(shown['alert'])).toContain('Demo data');
    const codes = (shown['attributes'] as { taxonomy_term: { code: string } }[]).map((a) => a.taxonomy_term.code);
    expect(codes).toContain('demo');
    const list = await json(await servicesList(demo, params('per_page=200')));
    expect(list['total_items']).toBe(10);
    expect(await (await directoryCsvExport(demo, params())).text()).toContain('Điểm minh hoạ');
  });

  it('never sends a notification e-mail, in any export', async () => {
    const bodies: string[] = [JSON.stringify(await json(hsdsRoot(demo)))];
    for (const query of ['per_page=200', 'per_page=200&full=true'])
      bodies.push(await (await servicesList(demo, params(query))).text());
    for (const item of await allServices(demo)) bodies.push(await (await serviceById(demo, String(item['id']))).text());
    const organizationsBody = await json(await organizationsList(demo, params('per_page=200')));
    bodies.push(JSON.stringify(organizationsBody));
    for (const { id } of organizationsBody['contents'] as { id: string }[]) {
      bodies.push(await (await organizationById(demo, id, params('full_service=true'))).text());
    }
    bodies.push(await (await directoryCsvExport(demo, params())).text());
    bodies.push(await (await directoryCsvExport(demo, params('province=19'))).text());
    const all = bodies.join('\n');
    expect(all).toContain('Trạm Y tế xã Ba Bể');
    for (const email of [...NOTIFICATION_EMAILS, 'demo-point@example.invalid']) expect(all).not.toContain(email);
    expect(all).not.toMatch(/notification/i);
  });

  it('writes the CSV in the template columns, BOM first', async () => {
    const bytes = Buffer.from(await (await directoryCsvExport(real, params())).arrayBuffer());
    const template = fixture('../../../public/templates/danh-ba-mau.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect([...template.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const header = (b: Buffer) => b.toString('utf8').split('\r\n')[0];
    expect(header(bytes)).toBe(header(template));
  });

  it('round-trips: import → CSV export → import again changes nothing, same ids, same updated_at', async () => {
    const before = await snapshot(test.db);
    const exported = Buffer.from(await (await directoryCsvExport(real, params())).text(), 'utf8');
    const result = await importDirectory(test.db, exported, { clock: importClock });
    expect(result.ok && result.summary).toMatchObject({ inserted: 0, updated: 0, unchanged: 5, deactivated: 0 });
    expect(await snapshot(test.db)).toEqual(before);
  });

  it('round-trips into an empty database: its export is the same CSV', { timeout: 180_000 }, async () => {
    const exported = await (await directoryCsvExport(real, params())).text();
    const other = await createTestDatabase();
    try {
      const result = await importDirectory(other.db, Buffer.from(exported, 'utf8'), { clock: importClock });
      expect(result.ok && result.summary.inserted).toBe(5);
      const again = await (await directoryCsvExport({ ...real, db: other.db }, params())).text();
      expect(again).toBe(exported);
    } finally {
      await other.cleanup();
    }
  });

  it('round-trips HSDS JSON: importing the exported services changes nothing', async () => {
    const before = await snapshot(test.db);
    const exported = Buffer.from(JSON.stringify(await allServices(real)), 'utf8');
    const result = await importDirectory(test.db, exported, { clock: importClock });
    expect(result.ok && result.source).toBe('json');
    expect(result.ok && result.summary).toMatchObject({ inserted: 0, updated: 0, unchanged: 5, deactivated: 0 });
    expect(await snapshot(test.db)).toEqual(before);

    const page = Buffer.from(await (await servicesList(real, params('full=true&per_page=200'))).text(), 'utf8');
    const fromPage = await importDirectory(test.db, page, { clock: importClock });
    expect(fromPage.ok && fromPage.summary.unchanged).toBe(5);
  });
});
