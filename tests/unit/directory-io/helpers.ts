/** Shared pieces of the directory import/export tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { asc } from 'drizzle-orm';
import {
  costOptions,
  languages,
  locations,
  organizations,
  phones,
  schedules,
  serviceAtLocation,
  services,
} from '#src/db/schema/index.ts';
import type { Database } from '#src/db/types.ts';
import { fixedClock } from '#src/lib/clock.ts';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/directory-io');

/** A fixture file's bytes. */
export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

/** Import options with a fixed "today", so the fixtures' "checked on" dates are never in the future. */
export const importClock = fixedClock('2026-01-15T03:00:00Z');

/** The notification e-mails written in valid.csv: none may ever appear in an export. */
export const NOTIFICATION_EMAILS = [
  'tyt.babe@example.invalid',
  'tyt.chora@example.invalid',
  'methadone.backan@example.invalid',
];

/** Every row of every directory table, with its id and updated_at: equal snapshots mean nothing was written. */
export async function snapshot(db: Database): Promise<Record<string, unknown[]>> {
  return {
    organizations: await db.select().from(organizations).orderBy(asc(organizations.id)),
    locations: await db.select().from(locations).orderBy(asc(locations.id)),
    services: await db.select().from(services).orderBy(asc(services.id)),
    serviceAtLocation: await db.select().from(serviceAtLocation).orderBy(asc(serviceAtLocation.id)),
    phones: await db.select().from(phones).orderBy(asc(phones.id)),
    schedules: await db.select().from(schedules).orderBy(asc(schedules.id)),
    languages: await db.select().from(languages).orderBy(asc(languages.id)),
    costOptions: await db.select().from(costOptions).orderBy(asc(costOptions.id)),
  };
}

/** valid.csv as records (header first). */
export function validRecords(): string[][] {
  return parse(
    fixture('valid.csv')
      .toString('utf8')
      .replace(/^\uFEFF/, ''),
  ) as string[][];
}

/** CSV bytes of records (UTF-8 with BOM, as Excel saves "CSV UTF-8"). */
export function csvBytes(records: readonly (readonly string[])[]): Buffer {
  return Buffer.from(`\uFEFF${stringify(records as string[][], { record_delimiter: '\r\n' })}`, 'utf8');
}

/** valid.csv without the rows whose row id is listed. */
export function validCsvWithout(...rowIds: readonly string[]): Buffer {
  return csvBytes(validRecords().filter((record) => !rowIds.includes(record[0] ?? '')));
}

/** valid.csv with one cell of one row replaced (column by its header). */
export function validCsvWithCell(rowId: string, header: string, value: string): Buffer {
  const records = validRecords();
  const column = records[0]?.indexOf(header) ?? -1;
  if (column === -1) throw new Error(`no column ${header}`);
  return csvBytes(
    records.map((record) => (record[0] === rowId ? record.map((cell, i) => (i === column ? value : cell)) : record)),
  );
}
