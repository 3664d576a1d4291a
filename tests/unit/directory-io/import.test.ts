import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locations, organizations, services } from '#src/db/schema/index.ts';
import { formatProblem, importDirectory } from '#src/features/directory/import/index.server.ts';
import { ids } from '#src/features/directory/import/ids.ts';
import { createTestDatabase, testEngine, type TestDatabase } from '../../setup/db.ts';
import {
  csvBytes,
  fixture,
  importClock,
  snapshot,
  validCsvWithCell,
  validCsvWithout,
  validRecords,
} from './helpers.ts';

const options = { clock: importClock };

describe(`directory import on ${testEngine}`, () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(() => test.cleanup());

  it('inserts every point of a valid file, with ids derived from the province and the row id', async () => {
    const result = await importDirectory(test.db, fixture('valid.csv'), options);
    expect(result.ok && result.summary).toMatchObject({ inserted: 5, updated: 0, unchanged: 0, deactivated: 0 });
    const [babe] = await test.db.select().from(locations).where(eq(locations.sourceRowId, 'TYT-BABE'));
    expect(babe?.id).toBe(ids.location('19', 'TYT-BABE'));
    const babeServices = await test.db
      .select()
      .from(services)
      .where(eq(services.organizationId, babe?.organizationId ?? ''));
    expect(babeServices.map((s) => s.id).sort()).toEqual(
      [ids.service('19', 'TYT-BABE', 'consultation-point'), ids.service('19', 'TYT-BABE', 'counselling')].sort(),
    );
  });

  it('gives one organization to the points that name the same one', async () => {
    const rows = await test.db
      .select()
      .from(organizations)
      .where(eq(organizations.name, 'Trung tâm Y tế khu vực Bắc Kạn'));
    expect(rows).toHaveLength(1);
    const points = await test.db
      .select()
      .from(locations)
      .where(eq(locations.organizationId, rows[0]?.id ?? ''));
    expect(points.map((p) => p.sourceRowId).sort()).toEqual(['MMT-BACKAN', 'MMT-PHONGQUANG']);
  });

  it('places a point without coordinates at its commune, found by name', async () => {
    const [chora] = await test.db.select().from(locations).where(eq(locations.sourceRowId, 'TYT-CHORA'));
    expect(chora).toMatchObject({ communeCode: '01912', latitude: 22.43885, longitude: 105.72522 });
  });

  it('changes nothing when the same file is imported again: no update, same ids, same updated_at', async () => {
    const before = await snapshot(test.db);
    const result = await importDirectory(test.db, fixture('valid.csv'), options);
    expect(result.ok && result.summary).toMatchObject({ inserted: 0, updated: 0, unchanged: 5, deactivated: 0 });
    expect(await snapshot(test.db)).toEqual(before);
  });

  it('writes nothing in a dry run, and still counts what would change', async () => {
    const before = await snapshot(test.db);
    const result = await importDirectory(test.db, validCsvWithCell('TYT-BABE', 'Tên điểm', 'Tên mới'), {
      ...options,
      dryRun: true,
    });
    expect(result.ok && result.summary).toMatchObject({ updated: 1, unchanged: 4 });
    expect(await snapshot(test.db)).toEqual(before);
  });

  it('writes nothing from a file with bad rows, and names every bad row, column and reason', async () => {
    const before = await snapshot(test.db);
    const result = await importDirectory(test.db, fixture('invalid.csv'), options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [3, 'commune', 'unknown-commune-code'],
      [4, 'commune', 'commune-other-province'],
      [5, 'phones', 'invalid-phone'],
      [6, 'notificationEmail', 'invalid-email'],
      [7, 'hours', 'invalid-hours'],
      [8, 'serviceTypes', 'unknown-service-type'],
      [9, 'rowId', 'duplicate-row-id'],
      [10, 'pointName', 'required'],
      [11, 'lat', 'outside-vietnam'],
      [12, 'lat', 'outside-province'],
    ]);
    expect(await snapshot(test.db)).toEqual(before);
  });

  it('refuses a position far outside its province, saying how far; accepts islands off the outlines', async () => {
    const result = await importDirectory(test.db, fixture('invalid.csv'), options);
    if (result.ok) throw new Error('expected problems');
    const far = result.problems.find((p) => p.code === 'outside-province');
    if (!far) throw new Error('no outside-province problem');
    expect(formatProblem(far, 'en', result.source)).toMatch(
      /^Row 12, column “Latitude”: the position 21\.0285, 105\.8542 is about \d+ km outside Tỉnh Thái Nguyên/,
    );
    expect(formatProblem(far, 'vi', result.source)).toMatch(
      /^Dòng 12, cột «Vĩ độ»: toạ độ 21\.0285, 105\.8542 nằm ngoài/,
    );

    const [header, first] = validRecords();
    if (!header || !first) throw new Error('fixture');
    const at = (name: string) => header.indexOf(name);
    const row = (id: string, province: string, commune: string, lat: string, lon: string) => {
      const copy = [...first];
      copy[at('Mã dòng')] = id;
      copy[at('Mã tỉnh')] = province;
      copy[at('Xã/phường (mã hoặc tên)')] = commune;
      copy[at('Vĩ độ')] = lat;
      copy[at('Kinh độ')] = lon;
      copy[at('Đơn vị quản lý')] = `Đơn vị ${id}`;
      return copy;
    };
    const islands = await importDirectory(
      test.db,
      csvBytes([
        header,
        // Bạch Long Vĩ and Nam Du (Kiên Hải): islands the simplified outlines leave out, 98 and 25 km off them.
        row('BLV-1', '31', '11948', '20.1355', '107.7258'),
        row('NAMDU-1', '91', '31108', '9.6810', '104.3520'),
        // Hà Nội's Ba Đình, just inside its border: inside the outline.
        row('BADINH-1', '01', '00004', '21.0340', '105.8140'),
      ]),
      { ...options, dryRun: true },
    );
    expect(islands.ok ? [] : islands.problems).toEqual([]);
  });

  it('words every problem in Vietnamese and in English', async () => {
    const result = await importDirectory(test.db, fixture('invalid.csv'), options);
    if (result.ok) throw new Error('expected problems');
    const vi = result.problems.map((p) => formatProblem(p, 'vi', result.source));
    const en = result.problems.map((p) => formatProblem(p, 'en', result.source));
    expect(vi).toContain(
      'Dòng 3, cột «Xã/phường (mã hoặc tên)»: không có xã, phường mã «99999» (mã 5 chữ số từ 1/7/2025)',
    );
    expect(
      vi.some((line) =>
        line.startsWith('Dòng 4, cột «Xã/phường (mã hoặc tên)»: Phường Ba Đình (mã 00004) thuộc Thành phố Hà Nội'),
      ),
    ).toBe(true);
    expect(vi.some((line) => line.startsWith('Dòng 5, cột «Điện thoại»: số điện thoại «12345678» không hợp lệ'))).toBe(
      true,
    );
    expect(vi).toContain('Dòng 9, cột «Mã dòng»: mã dòng «OK-1» đã dùng ở dòng 2');
    expect(vi).toContain('Dòng 10, cột «Tên điểm»: bắt buộc nhưng đang để trống');
    expect(en).toContain(
      'Row 3, column “Commune (code or name)”: there is no commune with code “99999” (5-digit codes since 1 July 2025)',
    );
    expect(
      en.some((line) =>
        line.startsWith('Row 6, column “Notification e-mail”: e-mail address “khong-phai-email” is not valid'),
      ),
    ).toBe(true);
    expect(
      en.some((line) =>
        line.startsWith('Row 7, column “Opening hours”: opening hours “T2-T6 17:00-07:30” cannot be read'),
      ),
    ).toBe(true);
    expect(
      en.some((line) => line.startsWith('Row 8, column “Service types”: unknown service type “cai thuốc lá”')),
    ).toBe(true);
    expect(
      en.some((line) => line.startsWith('Row 11, column “Latitude”: the position 48.8566, 2.3522 is outside Vietnam')),
    ).toBe(true);
    expect(vi).toHaveLength(10);
    expect(en).toHaveLength(10);
  });

  it('updates only the row that changed, and only its changed fields', async () => {
    const before = await snapshot(test.db);
    const result = await importDirectory(
      test.db,
      validCsvWithCell('TYT-CHORA', 'Điện thoại', '0209 3875 555; 0987 654 321'),
      options,
    );
    expect(result.ok && result.summary).toMatchObject({ inserted: 0, updated: 1, unchanged: 4, deactivated: 0 });
    const after = await snapshot(test.db);
    // Other points keep their rows and updated_at.
    const babe = (rows: Record<string, unknown[]>) =>
      (rows['locations'] as { sourceRowId: string }[]).find((l) => l.sourceRowId === 'TYT-BABE');
    expect(babe(after)).toEqual(babe(before));
    expect(after['phones']).toHaveLength((before['phones'] as unknown[]).length + 1);
  });

  it('keeps the notification e-mail when the cell is empty, and removes it on "-"', async () => {
    await importDirectory(test.db, validCsvWithCell('TYT-BABE', 'Email nhận thông báo', ''), options);
    const [kept] = await test.db.select().from(locations).where(eq(locations.sourceRowId, 'TYT-BABE'));
    expect(kept?.notificationEmail).toBe('tyt.babe@example.invalid');
    await importDirectory(test.db, validCsvWithCell('TYT-BABE', 'Email nhận thông báo', '-'), options);
    const [removed] = await test.db.select().from(locations).where(eq(locations.sourceRowId, 'TYT-BABE'));
    expect(removed?.notificationEmail).toBeNull();
    await importDirectory(test.db, fixture('valid.csv'), options);
  });

  it('sets a service the row no longer lists inactive, without deleting it', async () => {
    const result = await importDirectory(test.db, validCsvWithCell('TYT-BABE', 'Loại dịch vụ', 'counselling'), options);
    expect(result.ok && result.summary.updated).toBe(1);
    const [dropped] = await test.db
      .select()
      .from(services)
      .where(eq(services.id, ids.service('19', 'TYT-BABE', 'consultation-point')));
    expect(dropped?.status).toBe('inactive');
    await importDirectory(test.db, fixture('valid.csv'), options);
    const [back] = await test.db
      .select()
      .from(services)
      .where(eq(services.id, ids.service('19', 'TYT-BABE', 'consultation-point')));
    expect(back?.status).toBe('active');
  });

  it('sets a point missing from a new file of its province inactive, never deleting it', async () => {
    const result = await importDirectory(test.db, validCsvWithout('TYT-CHORA'), options);
    expect(result.ok && result.summary).toMatchObject({
      deactivated: 1,
      unchanged: 4,
      rows: { deactivated: ['19/TYT-CHORA'] },
    });
    const [chora] = await test.db.select().from(locations).where(eq(locations.sourceRowId, 'TYT-CHORA'));
    expect(chora?.status).toBe('inactive');
    const choraServices = await test.db
      .select()
      .from(services)
      .where(eq(services.id, ids.service('19', 'TYT-CHORA', 'counselling')));
    expect(choraServices.map((s) => s.status)).toEqual(['inactive']);

    const again = await importDirectory(test.db, validCsvWithout('TYT-CHORA'), options);
    expect(again.ok && again.summary).toMatchObject({ deactivated: 0, updated: 0, unchanged: 4 });
    await importDirectory(test.db, fixture('valid.csv'), options);
    const [restored] = await test.db.select().from(locations).where(eq(locations.sourceRowId, 'TYT-CHORA'));
    expect(restored?.status).toBe('active');
  });

  it('leaves points of other provinces alone', async () => {
    const thaiNguyen = () =>
      test.db.select().from(locations).where(eq(locations.provinceCode, '19')).orderBy(locations.id);
    const before = await thaiNguyen();
    const hanoi = Buffer.from(
      '\uFEFFMã dòng,Mã tỉnh,Xã/phường (mã hoặc tên),Đơn vị quản lý,Loại đơn vị,Tên điểm,Loại dịch vụ\r\n' +
        'HN-1,01,Hoàn Kiếm,Trạm Y tế phường Hoàn Kiếm,health-station,Trạm Y tế phường Hoàn Kiếm,counselling\r\n',
      'utf8',
    );
    const result = await importDirectory(test.db, hanoi, options);
    expect(result.ok && result.summary).toMatchObject({ inserted: 1, deactivated: 0 });
    expect(await thaiNguyen()).toEqual(before);
  });

  it('refuses rows of another province when --province is given', async () => {
    const result = await importDirectory(test.db, fixture('valid.csv'), { ...options, province: '01' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(5);
    expect(new Set(result.problems.map((p) => p.code))).toEqual(new Set(['province-not-selected']));
  });
});
