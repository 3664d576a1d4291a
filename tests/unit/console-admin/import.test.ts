/** Importing a directory file from the console: the administrator's province only, all or nothing, audited. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { locations } from '#src/db/schema/index.ts';
import { importCode, importForProvince } from '#src/features/console/admin/import.server.ts';
import type { Principal } from '#src/features/console/principal.ts';
import { createStaffAccount } from '#src/features/console/staff/account-creation.server.ts';
import { csvBytes, fixture, importClock, snapshot, validCsvWithCell, validRecords } from '../directory-io/helpers.ts';
import { auditOf, createAdminHarness, type AdminHarness } from './helpers.ts';

const invalidate = vi.hoisted(() => vi.fn());
vi.mock('#src/features/directory/snapshot.server.ts', async (original) => ({
  ...(await original<typeof import('#src/features/directory/snapshot.server.ts')>()),
  invalidateDirectorySnapshot: invalidate,
}));

let h: AdminHarness;
let thaiNguyenAdmin: Principal;
beforeAll(async () => {
  h = await createAdminHarness();
  // valid.csv is a directory of Thái Nguyên (19).
  const userId = await createStaffAccount(
    h.db,
    {
      email: 'thai-nguyen@example.invalid',
      name: 'Quản trị Thái Nguyên',
      password: 'unit test passphrase',
      role: 'province-admin',
      provinceCode: '19',
      pointIds: [],
      lang: 'vi',
    },
    h.clock.now(),
  );
  thaiNguyenAdmin = { ...h.principal('hanoiAdmin'), userId, provinceCode: '19', name: 'Quản trị Thái Nguyên' };
});
afterAll(async () => h.cleanup());

const as = (principal: Principal) => ({ db: h.db, principal, clock: importClock });

describe('a province’s import from the console', () => {
  it('is refused for a province the administrator does not administer, writing nothing', async () => {
    const before = await snapshot(h.db);
    expect(await importForProvince(as(h.principal('hanoiAdmin')), '19', fixture('valid.csv'))).toEqual({
      kind: 'not-allowed',
    });
    expect(await importForProvince(as(h.principal('staffA')), '01', fixture('valid.csv'))).toEqual({
      kind: 'not-allowed',
    });
    expect(await snapshot(h.db)).toEqual(before);
  });

  it('refuses, with every problem and nothing written, a file with a row of another province', async () => {
    const [header, first, ...rest] = validRecords();
    const foreign = [...(first ?? [])];
    foreign[1] = '01';
    foreign[2] = '00004';
    const before = await snapshot(h.db);
    const result = await importForProvince(as(thaiNguyenAdmin), '19', csvBytes([header ?? [], foreign, ...rest]));
    expect(result.kind).toBe('problems');
    if (result.kind !== 'problems') return;
    expect(result.problems).toContainEqual(expect.objectContaining({ row: 2, code: 'province-not-selected' }));
    expect(await snapshot(h.db)).toEqual(before);
    expect(await auditOf(h.db, 'directory.imported')).toEqual([]);
    expect(invalidate).not.toHaveBeenCalled();
  });

  it('writes a clean file whole, audits the counts as a code and invalidates the snapshot', async () => {
    const result = await importForProvince(as(thaiNguyenAdmin), '19', fixture('valid.csv'));
    expect(result.kind).toBe('imported');
    if (result.kind !== 'imported') return;
    expect(result.summary.inserted).toBeGreaterThan(0);
    const [entry] = await auditOf(h.db, 'directory.imported');
    expect(entry).toMatchObject({
      actorUserId: thaiNguyenAdmin.userId,
      provinceCode: '19',
      detail: importCode(result.summary),
    });
    expect(entry?.detail).toMatch(/^inserted-\d+-updated-0-deactivated-0$/);
    expect(invalidate).toHaveBeenCalledTimes(1);
    const provinces = new Set(
      (await h.db.select({ province: locations.provinceCode }).from(locations)).map((row) => row.province),
    );
    expect([...provinces].sort()).toEqual(['01', '19', '48']);
  });

  it('the same file again changes nothing', async () => {
    const result = await importForProvince(as(h.principal('nationalAdmin')), '19', fixture('valid.csv'));
    expect(result.kind === 'imported' && result.summary).toMatchObject({ inserted: 0, updated: 0, deactivated: 0 });
    expect((await auditOf(h.db, 'directory.imported')).at(-1)?.detail).toBe('inserted-0-updated-0-deactivated-0');
  });

  it('counts a point whose English description alone changed as updated, and writes it', async () => {
    const file = validCsvWithCell('TYT-CHORA', 'Mô tả tiếng Anh', 'Next to the commune office.');
    const result = await importForProvince(as(thaiNguyenAdmin), '19', file);
    expect(result.kind === 'imported' && result.summary).toMatchObject({ inserted: 0, updated: 1, deactivated: 0 });
    expect(result.kind === 'imported' && result.summary.rows.updated).toEqual(['19/TYT-CHORA']);
    expect((await auditOf(h.db, 'directory.imported')).at(-1)?.detail).toBe('inserted-0-updated-1-deactivated-0');
    const english = await h.db.select({ en: locations.descriptionEn }).from(locations);
    expect(english.map((row) => row.en)).toContain('Next to the commune office.');
  });
});
