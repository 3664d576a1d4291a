/**
 * Descriptions in Vietnamese and English through the import (CSV columns, HSDS JSON `description` and the
 * `hotro-english` attribute) and out of the open-data export, and back again.
 */
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locations, services } from '#src/db/schema/index.ts';
import type { OpenDataContext } from '#src/features/directory/export/context.server.ts';
import { directoryCsvExport } from '#src/features/directory/export/csv-route.server.ts';
import { serviceById, servicesList } from '#src/features/directory/export/service-routes.server.ts';
import { TAXONOMIES } from '#src/features/directory/export/taxonomy.ts';
import { formatProblem, importDirectory } from '#src/features/directory/import/index.server.ts';
import { ids } from '#src/features/directory/import/ids.ts';
import type { Database } from '#src/db/types.ts';
import { createTestDatabase, testEngine, type TestDatabase } from '../../setup/db.ts';
import { explain, hsdsSchemas } from './hsds-schemas.ts';
import { csvBytes, fixture, importClock, snapshot, validCsvWithCell, validRecords } from './helpers.ts';

type Json = Record<string, unknown>;
const options = { clock: importClock };
const params = (query = '') => new URLSearchParams(query);
const json = async (response: Response): Promise<Json> => (await response.json()) as Json;

async function allServices(context: OpenDataContext): Promise<Json[]> {
  const body = await json(await servicesList(context, params('full=true&per_page=200')));
  return body['contents'] as Json[];
}

/** Every point's and service's descriptions, by row id (and service type). */
async function descriptions(db: Database): Promise<Record<string, unknown>> {
  const points = await db
    .select({ rowId: locations.sourceRowId, vi: locations.description, en: locations.descriptionEn })
    .from(locations)
    .orderBy(asc(locations.sourceRowId));
  const offered = await db
    .select({ key: services.sourceRowId, vi: services.description, en: services.descriptionEn })
    .from(services)
    .orderBy(asc(services.sourceRowId));
  return { points, offered };
}

const englishOf = (attributes: unknown): string | undefined =>
  (attributes as { value?: string; taxonomy_term: { taxonomy: string } }[]).find(
    (a) => a.taxonomy_term.taxonomy === TAXONOMIES.english,
  )?.value;

describe(`descriptions in two languages on ${testEngine}`, () => {
  let test: TestDatabase;
  let context: OpenDataContext;
  beforeAll(async () => {
    test = await createTestDatabase();
    context = { db: test.db, demo: false, origin: 'https://hotro.example.gov.vn' };
    const imported = await importDirectory(test.db, fixture('valid.csv'), options);
    if (!imported.ok) throw new Error('fixture import failed');
  });
  afterAll(() => test.cleanup());

  it('imports the point and service descriptions of the CSV, in Vietnamese and in English', async () => {
    const [babe] = await test.db.select().from(locations).where(eq(locations.sourceRowId, 'TYT-BABE'));
    expect(babe).toMatchObject({
      description: 'Gần chợ Pác Ngòi, hỏi cán bộ trực.',
      descriptionEn: 'Near Pác Ngòi market; ask the staff member on duty.',
    });
    const babeServices = await test.db
      .select()
      .from(services)
      .where(eq(services.id, ids.service('19', 'TYT-BABE', 'counselling')));
    expect(babeServices[0]).toMatchObject({
      description: 'Tư vấn riêng, giữ kín thông tin.',
      descriptionEn: 'Private counselling; what you say stays confidential.',
    });
    // English only: the Vietnamese one stays empty; nothing written: nothing stored.
    const [backan] = await test.db.select().from(locations).where(eq(locations.sourceRowId, 'MMT-BACKAN'));
    expect(backan).toMatchObject({ description: '', descriptionEn: 'Take-home doses need an appointment.' });
    const [chora] = await test.db.select().from(locations).where(eq(locations.sourceRowId, 'TYT-CHORA'));
    expect(chora).toMatchObject({ description: 'Cạnh Uỷ ban nhân dân xã.', descriptionEn: null });
  });

  it('updates and clears an English description on re-import, counting the point as updated', async () => {
    const before = await snapshot(test.db);
    const changed = await importDirectory(
      test.db,
      validCsvWithCell('TYT-CHORA', 'Mô tả tiếng Anh', 'Next to the commune office.'),
      options,
    );
    expect(changed.ok && changed.summary).toMatchObject({ updated: 1, unchanged: 4 });
    expect(changed.ok && changed.summary.rows.updated).toEqual(['19/TYT-CHORA']);
    const [chora] = await test.db.select().from(locations).where(eq(locations.sourceRowId, 'TYT-CHORA'));
    expect(chora?.descriptionEn).toBe('Next to the commune office.');
    const babe = (rows: Record<string, unknown[]>) =>
      (rows['locations'] as { sourceRowId: string }[]).find((l) => l.sourceRowId === 'TYT-BABE');
    expect(babe(await snapshot(test.db))).toEqual(babe(before));

    const service = await importDirectory(
      test.db,
      validCsvWithCell('MMT-BACKAN', 'Mô tả dịch vụ tiếng Anh', 'Daily dose, on site.'),
      options,
    );
    expect(service.ok && service.summary.rows.updated).toEqual(['19/TYT-CHORA', '19/MMT-BACKAN']);
    const [methadone] = await test.db
      .select()
      .from(services)
      .where(eq(services.id, ids.service('19', 'MMT-BACKAN', 'methadone')));
    expect(methadone?.descriptionEn).toBe('Daily dose, on site.');

    const cleared = await importDirectory(test.db, validCsvWithCell('TYT-BABE', 'Mô tả tiếng Anh', ''), options);
    expect(cleared.ok && cleared.summary.rows.updated).toEqual(['19/TYT-BABE', '19/MMT-BACKAN']);
    const [babeRow] = await test.db.select().from(locations).where(eq(locations.sourceRowId, 'TYT-BABE'));
    expect(babeRow?.descriptionEn).toBeNull();
    expect(babeRow?.description).toBe('Gần chợ Pác Ngòi, hỏi cán bộ trực.');

    const back = await importDirectory(test.db, fixture('valid.csv'), options);
    expect(back.ok && back.summary.rows.updated).toEqual(['19/TYT-BABE']);
    const again = await importDirectory(test.db, fixture('valid.csv'), options);
    expect(again.ok && again.summary).toMatchObject({ updated: 0, unchanged: 5 });
  });

  it('keeps the descriptions when a file has no description columns (a template from before them)', async () => {
    const before = await snapshot(test.db);
    const records = validRecords();
    const keep = records[0]?.map((header) => !header.startsWith('Mô tả')) ?? [];
    const old = csvBytes(records.map((record) => record.filter((_, i) => keep[i])));
    const result = await importDirectory(test.db, old, options);
    expect(result.ok && result.summary).toMatchObject({ updated: 0, unchanged: 5 });
    expect(await snapshot(test.db)).toEqual(before);
  });

  it('accepts the English headers and snake_case names', async () => {
    const records = validRecords();
    const renamed = {
      'Mô tả': 'Description',
      'Mô tả tiếng Anh': 'description_en',
      'Mô tả dịch vụ': 'service_description',
      'Mô tả dịch vụ tiếng Anh': 'Service description in English',
    } as Record<string, string>;
    const header = records[0]?.map((h) => renamed[h] ?? h) ?? [];
    const result = await importDirectory(test.db, csvBytes([header, ...records.slice(1)]), options);
    expect(result.ok ? result.summary : result.problems).toMatchObject({ updated: 0, unchanged: 5 });
  });

  it('holds English text to the Vietnamese limit, naming the column in both languages', async () => {
    const long = 'a'.repeat(1001);
    const bad = await importDirectory(test.db, validCsvWithCell('TYT-BABE', 'Mô tả tiếng Anh', long), options);
    if (bad.ok) throw new Error('expected a problem');
    expect(bad.problems.map((p) => formatProblem(p, 'vi', 'csv'))).toEqual([
      'Dòng 2, cột «Mô tả tiếng Anh»: dài quá 1000 ký tự',
    ]);
    expect(bad.problems.map((p) => formatProblem(p, 'en', 'csv'))).toEqual([
      'Row 2, column “Description in English”: longer than 1000 characters',
    ]);
    const service = await importDirectory(
      test.db,
      validCsvWithCell('TYT-BABE', 'Mô tả dịch vụ tiếng Anh', long),
      options,
    );
    expect(service.ok ? [] : service.problems.map((p) => formatProblem(p, 'en', 'csv'))).toEqual([
      'Row 2, column “Service description in English”: longer than 1000 characters',
    ]);
    const vietnamese = await importDirectory(test.db, validCsvWithCell('TYT-BABE', 'Mô tả', long), options);
    expect(vietnamese.ok ? [] : vietnamese.problems.map((p) => formatProblem(p, 'en', 'csv'))).toEqual([
      'Row 2, column “Description”: longer than 1000 characters',
    ]);
    expect(
      await importDirectory(test.db, validCsvWithCell('TYT-BABE', 'Mô tả', 'a'.repeat(1000)), options),
    ).toMatchObject({
      ok: true,
    });
    await importDirectory(test.db, fixture('valid.csv'), options);
  });

  it('publishes them in HSDS: description, and the English text as a hotro-english attribute, schema-valid', async () => {
    const { service: validService } = hsdsSchemas();
    const full = await json(await serviceById(context, ids.service('19', 'TYT-BABE', 'counselling')));
    expect(validService(full), explain(validService.errors).join('\n')).toBe(true);
    expect(full['description']).toBe('Tư vấn riêng, giữ kín thông tin.');
    expect(englishOf(full['attributes'])).toBe('Private counselling; what you say stays confidential.');
    const location = ((full['service_at_locations'] as Json[])[0] as Json)['location'] as Json;
    expect(location['description']).toBe('Gần chợ Pác Ngòi, hỏi cán bộ trực.');
    expect(englishOf(location['attributes'])).toBe('Near Pác Ngòi market; ask the staff member on duty.');
    // No English text, no attribute.
    const chora = await json(await serviceById(context, ids.service('19', 'TYT-CHORA', 'counselling')));
    const choraLocation = ((chora['service_at_locations'] as Json[])[0] as Json)['location'] as Json;
    expect(englishOf(choraLocation['attributes'])).toBeUndefined();
    expect(englishOf(chora['attributes'])).toBeUndefined();
  });

  it('refuses an over-long English description in HSDS JSON, naming the field', async () => {
    const exported = await allServices(context);
    const english = exported
      .flatMap((s) => s['attributes'] as { value?: string; taxonomy_term: { taxonomy: string } }[])
      .find((a) => a.taxonomy_term.taxonomy === TAXONOMIES.english);
    if (!english) throw new Error('no English description in any service');
    english.value = 'b'.repeat(1001);
    const bad = await importDirectory(test.db, Buffer.from(JSON.stringify(exported), 'utf8'), options);
    if (bad.ok) throw new Error('expected a problem');
    const lines = bad.problems.map((p) => formatProblem(p, 'en', 'json'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/attributes\[hotro-english\].*longer than 1000 characters/);
  });

  it('round-trips: the HSDS export imported into an empty database gives the same descriptions', async () => {
    const exported = Buffer.from(JSON.stringify(await allServices(context)), 'utf8');
    const other = await createTestDatabase();
    try {
      const result = await importDirectory(other.db, exported, options);
      expect(result.ok && result.summary.inserted).toBe(5);
      expect(await descriptions(other.db)).toEqual(await descriptions(test.db));
    } finally {
      await other.cleanup();
    }
  });

  it('round-trips: the CSV export carries the description columns and imports back unchanged', async () => {
    const before = await snapshot(test.db);
    const exported = await (await directoryCsvExport(context, params())).text();
    expect(exported.split('\r\n')[0]).toContain(',Mô tả,Mô tả tiếng Anh,Mô tả dịch vụ,Mô tả dịch vụ tiếng Anh');
    expect(exported).toContain('Take-home doses need an appointment.');
    const result = await importDirectory(test.db, Buffer.from(exported, 'utf8'), options);
    expect(result.ok && result.summary).toMatchObject({ updated: 0, unchanged: 5 });
    expect(await snapshot(test.db)).toEqual(before);
  });
});
