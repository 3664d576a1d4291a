import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { listingReports, locations } from '#src/db/schema/index.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import { DecryptionError, open } from '#src/features/crypto/field-encryption.server.ts';
import { readReportNote, saveListingReport } from '#src/features/locator/reports/store.server.ts';
import { createTestDatabase, type TestDatabase } from '../../setup/db.ts';
import { brokenConstraint, insertPoint } from '../db/fixtures.ts';

const key = randomBytes(32);
const keyring: Keyring = { current: { id: 'test0001', key }, byId: new Map([['test0001', { id: 'test0001', key }]]) };
const MARKER = 'MARKER-ghi-chú-7f3a: số điện thoại đã đổi';

let test: TestDatabase;
let locationId: string;
beforeAll(async () => {
  test = await createTestDatabase();
  ({ locationId } = await insertPoint(test.db));
});
afterAll(() => test.cleanup());

describe('listing reports', () => {
  it('store the note encrypted: the marker text is nowhere in the row', async () => {
    const id = await saveListingReport(test.db, keyring, locationId, { reason: 'phone-wrong', note: MARKER });
    // The row as the database holds it, every column as text.
    const result = await test.db.execute(
      sql`select row_to_json(r)::text as row, encode(note, 'escape') as note_text from listing_reports r where id = ${id}`,
    );
    const [row] = (result as unknown as { rows: { row: string; note_text: string }[] }).rows;
    expect(row).toBeDefined();
    expect(row?.row).not.toContain('MARKER');
    expect(row?.note_text).not.toContain('MARKER');
    expect(Buffer.from(row?.row ?? '').toString('hex')).not.toContain(Buffer.from('MARKER').toString('hex'));
    expect(row?.row).toContain('"status":"open"');
  });

  it('keep nothing about the reporter', async () => {
    const result = await test.db.execute(
      sql`select column_name from information_schema.columns where table_name = 'listing_reports' order by ordinal_position`,
    );
    const columns = (result as unknown as { rows: { column_name: string }[] }).rows.map((row) => row.column_name);
    expect(columns).toEqual(['id', 'location_id', 'reason', 'note', 'status', 'created_at']);
  });

  it('open the note again with the key and its own row id only', async () => {
    const id = await saveListingReport(test.db, keyring, locationId, { reason: 'other', note: MARKER });
    expect(await readReportNote(test.db, keyring, id)).toBe(MARKER);
    const [row] = await test.db
      .select({ note: listingReports.note })
      .from(listingReports)
      .where(eq(listingReports.id, id));
    expect(() => open(keyring, row?.note ?? new Uint8Array(), 'listing-report:another-id:note')).toThrow(
      DecryptionError,
    );
  });

  it('store no note when none was written', async () => {
    const id = await saveListingReport(test.db, keyring, locationId, { reason: 'hours-wrong', note: undefined });
    const [row] = await test.db.select().from(listingReports).where(eq(listingReports.id, id));
    expect(row?.note).toBeNull();
  });

  it('refuse a reason outside the list and a location that does not exist', async () => {
    expect(await brokenConstraint(test.db.insert(listingReports).values({ locationId, reason: 'spam' }))).toBe(
      'listing_reports_reason_check',
    );
    expect(
      await brokenConstraint(test.db.insert(listingReports).values({ locationId, reason: 'other', status: 'closed' })),
    ).toBe('listing_reports_status_check');
    expect(
      await brokenConstraint(
        test.db.insert(listingReports).values({ locationId: '00000000-0000-4000-8000-000000000000', reason: 'other' }),
      ),
    ).toBe('listing_reports_location_id_locations_id_fk');
  });

  it('go with their location', async () => {
    const other = await insertPoint(test.db);
    await saveListingReport(test.db, keyring, other.locationId, { reason: 'other', note: undefined });
    await test.db.delete(locations).where(eq(locations.id, other.locationId));
    const left = await test.db.select().from(listingReports).where(eq(listingReports.locationId, other.locationId));
    expect(left).toEqual([]);
  });
});
