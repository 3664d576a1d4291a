/**
 * Stores listing reports. The note is sealed (AES-256-GCM) with the context `listing-report:<id>:note` before it
 * reaches the database; the row holds nothing about the reporter.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import { listingReports } from '#src/db/schema/index.ts';
import { open, seal } from '#src/features/crypto/field-encryption.server.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import { reportNoteContext } from '#src/features/lists/listing-report-reasons.ts';
import type { ReportInput } from './form.ts';

/** Saves one report for a location; returns its id. */
export async function saveListingReport(
  db: Database,
  keyring: Keyring,
  locationId: string,
  input: ReportInput,
): Promise<string> {
  const id = randomUUID();
  await db.insert(listingReports).values({
    id,
    locationId,
    reason: input.reason,
    note: input.note === undefined ? null : seal(keyring, input.note, reportNoteContext(id)),
  });
  return id;
}

/** Reads a report's note back (for the staff console and tests); undefined when it has none or does not exist. */
export async function readReportNote(db: Database, keyring: Keyring, reportId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ note: listingReports.note })
    .from(listingReports)
    .where(eq(listingReports.id, reportId))
    .limit(1);
  if (row?.note === undefined || row.note === null) return undefined;
  return open(keyring, row.note, reportNoteContext(reportId));
}
