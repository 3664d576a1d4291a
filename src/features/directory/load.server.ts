/**
 * Reads the directory from the database as `DirectoryPoint`s: one query per table (nine, whatever the number of
 * points), in one read-only transaction so the tables are read at the same instant, then assembled in memory.
 * The app reads it through the snapshot (`snapshot.server.ts`), not on every request.
 */
import { type Column, eq, isNotNull, type SQL } from 'drizzle-orm';
import type { DatabaseHandle } from '#src/db/client.server.ts';
import {
  closures,
  costOptions,
  languages,
  locations,
  organizations,
  phones,
  schedules,
  serviceAtLocation,
  services,
} from '#src/db/schema/index.ts';
import { localDateString } from '#src/lib/clock.ts';
import { assembleDirectory, type DirectoryRows } from './assemble.ts';
import type { DirectoryPoint } from './types.ts';

/** Options of {@link loadDirectory}. */
export interface LoadDirectoryOptions {
  /** Include generated demo rows (`is_demo`). Real rows are always included. */
  demo: boolean;
  /** "Today" for dropping ended closures, timetables and cost options; default the current time. */
  now?: Date;
}

/**
 * The directory's points, sorted by province, commune, name. Demo rows only when `options.demo`. Never carries a
 * location's notification e-mail (see {@link loadNotificationEmails}).
 */
export async function loadDirectory(handle: DatabaseHandle, options: LoadDirectoryOptions): Promise<DirectoryPoint[]> {
  const rows = await readRows(handle, options.demo);
  return assembleDirectory(rows, localDateString(options.now ?? new Date()));
}

/**
 * Every point's notification address (points without one are left out), for the intake's staff notices: the snapshot
 * keeps this map beside the points, never inside them, so no page or export can reach it.
 */
export async function loadNotificationEmails(handle: DatabaseHandle): Promise<Map<string, string>> {
  const rows = await handle.db
    .select({ id: locations.id, email: locations.notificationEmail })
    .from(locations)
    .where(isNotNull(locations.notificationEmail));
  return new Map(rows.flatMap((row) => (row.email === null ? [] : [[row.id, row.email] as const])));
}

async function readRows(handle: DatabaseHandle, demo: boolean): Promise<DirectoryRows> {
  // Real rows only, unless demo: `is_demo = false`; a demo service at a real location is left out too.
  const visible = (column: Column): SQL | undefined => (demo ? undefined : eq(column, false));
  return handle.db.transaction(
    async (tx) => {
      const organizationRows = await tx
        .select({
          id: organizations.id,
          name: organizations.name,
          operatorKind: organizations.operatorKind,
          updatedAt: organizations.updatedAt,
        })
        .from(organizations)
        .where(visible(organizations.isDemo));
      // The columns are listed one by one so that notification_email can never slip in.
      const locationRows = await tx
        .select({
          id: locations.id,
          organizationId: locations.organizationId,
          name: locations.name,
          description: locations.description,
          descriptionEn: locations.descriptionEn,
          address: locations.address,
          provinceCode: locations.provinceCode,
          communeCode: locations.communeCode,
          latitude: locations.latitude,
          longitude: locations.longitude,
          status: locations.status,
          checkedOn: locations.checkedOn,
          isDemo: locations.isDemo,
          updatedAt: locations.updatedAt,
        })
        .from(locations)
        .where(visible(locations.isDemo));
      const serviceRows = await tx
        .select({
          id: services.id,
          name: services.name,
          description: services.description,
          descriptionEn: services.descriptionEn,
          serviceType: services.serviceType,
          status: services.status,
          minAge: services.minAge,
          maxAge: services.maxAge,
          updatedAt: services.updatedAt,
        })
        .from(services)
        .where(visible(services.isDemo));
      const linkRows = await tx
        .select({
          id: serviceAtLocation.id,
          serviceId: serviceAtLocation.serviceId,
          locationId: serviceAtLocation.locationId,
        })
        .from(serviceAtLocation);
      const scheduleRows = await tx
        .select({
          locationId: schedules.locationId,
          serviceAtLocationId: schedules.serviceAtLocationId,
          byday: schedules.byday,
          opensAt: schedules.opensAt,
          closesAt: schedules.closesAt,
          validFrom: schedules.validFrom,
          validTo: schedules.validTo,
        })
        .from(schedules);
      const closureRows = await tx
        .select({
          locationId: closures.locationId,
          serviceAtLocationId: closures.serviceAtLocationId,
          startsOn: closures.startsOn,
          endsOn: closures.endsOn,
          description: closures.description,
          descriptionEn: closures.descriptionEn,
        })
        .from(closures);
      const phoneRows = await tx
        .select({
          organizationId: phones.organizationId,
          serviceId: phones.serviceId,
          locationId: phones.locationId,
          serviceAtLocationId: phones.serviceAtLocationId,
          number: phones.number,
          description: phones.description,
          descriptionEn: phones.descriptionEn,
        })
        .from(phones);
      const languageRows = await tx
        .select({ serviceId: languages.serviceId, locationId: languages.locationId, code: languages.code })
        .from(languages);
      const costRows = await tx
        .select({
          serviceId: costOptions.serviceId,
          kind: costOptions.kind,
          validFrom: costOptions.validFrom,
          validTo: costOptions.validTo,
        })
        .from(costOptions);
      return {
        organizations: organizationRows,
        locations: locationRows,
        services: serviceRows,
        serviceAtLocation: linkRows,
        schedules: scheduleRows,
        closures: closureRows,
        phones: phoneRows,
        languages: languageRows,
        costOptions: costRows,
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
