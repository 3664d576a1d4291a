/**
 * The points of a province as administrators keep them: the list (status, last checked, open "outdated information"
 * reports, requests waiting too long), one point with the fields people rely on, its edit and "checked today". Every
 * change runs in one transaction with its audit entry, then invalidates the directory snapshot the locator and the
 * intake's routing read, so the public pages show it at once.
 */
import { and, asc, count, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import {
  cases,
  listingReports,
  locations,
  organizations,
  phones,
  schedules,
  serviceAtLocation,
  services,
} from '#src/db/schema/index.ts';
import { fromByday, fromDbTime, toByday, toDbTime, type WeeklyRange } from '#src/features/directory/import/hours.ts';
import { invalidateDirectorySnapshot } from '#src/features/directory/snapshot.server.ts';
import { isUuid } from '#src/features/directory/uuid-v5.ts';
import { serviceTypes, type HsdsStatus, type ServiceType } from '#src/features/lists/index.ts';
import { localDateString } from '#src/lib/clock.ts';
import { recordAudit } from '../audit/record.server.ts';
import { overdueCutoff } from '../cases/inbox.server.ts';
import { canAdministerPoint } from '../policy.ts';
import type { Principal } from '../principal.ts';
import type { PointEdit } from './point-form.ts';

export interface PointListRow {
  readonly id: string;
  readonly name: string;
  readonly organization: string;
  readonly communeCode: string | null;
  readonly status: HsdsStatus;
  readonly checkedOn: string | null;
  readonly openReports: number;
  readonly overdueCases: number;
  readonly isDemo: boolean;
}

/** The points of one province, by name, with their open reports and overdue requests (counts only). */
export async function listProvincePoints(
  db: Database,
  provinceCode: string,
  now: Date,
  escalationWorkingDays: number,
): Promise<PointListRow[]> {
  const rows = await db
    .select({
      id: locations.id,
      name: locations.name,
      organization: organizations.name,
      communeCode: locations.communeCode,
      status: locations.status,
      checkedOn: locations.checkedOn,
      isDemo: locations.isDemo,
    })
    .from(locations)
    .innerJoin(organizations, eq(organizations.id, locations.organizationId))
    .where(eq(locations.provinceCode, provinceCode))
    .orderBy(asc(locations.name), asc(locations.id));
  const ids = rows.map((row) => row.id);
  if (ids.length === 0) return [];
  const reports = await db
    .select({ id: listingReports.locationId, n: count() })
    .from(listingReports)
    .where(and(inArray(listingReports.locationId, ids), eq(listingReports.status, 'open')))
    .groupBy(listingReports.locationId);
  const overdue = await db
    .select({ id: cases.pointId, n: count() })
    .from(cases)
    .where(
      and(
        inArray(cases.pointId, ids),
        eq(cases.status, 'new'),
        lte(cases.createdAt, overdueCutoff(now, escalationWorkingDays)),
      ),
    )
    .groupBy(cases.pointId);
  const reportsOf = new Map(reports.map((row) => [row.id, row.n]));
  const overdueOf = new Map(overdue.map((row) => [row.id, row.n]));
  return rows.map((row) => ({
    ...row,
    status: row.status as HsdsStatus,
    openReports: reportsOf.get(row.id) ?? 0,
    overdueCases: overdueOf.get(row.id) ?? 0,
  }));
}

/** How many points each province has, and open reports among them (the national administrator's province list). */
export async function pointCountsByProvince(
  db: Database,
): Promise<Map<string, { points: number; openReports: number }>> {
  const points = await db
    .select({ province: locations.provinceCode, n: count() })
    .from(locations)
    .groupBy(locations.provinceCode);
  const reports = await db
    .select({ province: locations.provinceCode, n: count() })
    .from(listingReports)
    .innerJoin(locations, eq(locations.id, listingReports.locationId))
    .where(eq(listingReports.status, 'open'))
    .groupBy(locations.provinceCode);
  const result = new Map<string, { points: number; openReports: number }>();
  for (const row of points) result.set(row.province, { points: row.n, openReports: 0 });
  for (const row of reports) {
    const entry = result.get(row.province);
    if (entry !== undefined) entry.openReports = row.n;
  }
  return result;
}

/** One point as its administrators edit it. `notificationEmail` is shown to them only, never publicly. */
export interface AdminPoint {
  readonly id: string;
  readonly name: string;
  readonly organization: string;
  readonly address: string | null;
  readonly provinceCode: string;
  readonly communeCode: string | null;
  readonly status: HsdsStatus;
  readonly checkedOn: string | null;
  readonly notificationEmail: string | null;
  readonly phones: readonly string[];
  readonly hours: readonly WeeklyRange[];
  readonly services: readonly ServiceType[];
  readonly isDemo: boolean;
}

const CLOSED_STATUSES: readonly string[] = ['inactive', 'defunct'];

/**
 * The point, if it exists and `principal` administers it; undefined otherwise (the page answers 404 alike for a point
 * that does not exist and one of another province, so nothing is revealed).
 */
export async function loadAdminPoint(
  db: Database,
  principal: Principal,
  pointId: string,
): Promise<AdminPoint | undefined> {
  if (!isUuid(pointId)) return undefined;
  const [row] = await db
    .select({ location: locations, organization: organizations.name })
    .from(locations)
    .innerJoin(organizations, eq(organizations.id, locations.organizationId))
    .where(eq(locations.id, pointId))
    .limit(1);
  if (
    row === undefined ||
    !canAdministerPoint(principal, { id: row.location.id, provinceCode: row.location.provinceCode })
  )
    return undefined;
  const location = row.location;
  const phoneRows = await db
    .select({ number: phones.number })
    .from(phones)
    .where(eq(phones.locationId, pointId))
    .orderBy(asc(phones.createdAt), asc(phones.number));
  const hourRows = await db
    .select({ byday: schedules.byday, opensAt: schedules.opensAt, closesAt: schedules.closesAt })
    .from(schedules)
    .where(and(eq(schedules.locationId, pointId), isNull(schedules.validFrom), isNull(schedules.validTo)));
  const hours: WeeklyRange[] = [];
  for (const hour of hourRows) {
    const days = fromByday(hour.byday);
    const opens = fromDbTime(hour.opensAt);
    const closes = fromDbTime(hour.closesAt);
    if (days !== undefined && opens !== undefined && closes !== undefined) hours.push({ days, opens, closes });
  }
  hours.sort((a, b) => a.opens - b.opens);
  const offered = await offeredServices(db, pointId);
  return {
    id: location.id,
    name: location.name,
    organization: row.organization,
    address: location.address,
    provinceCode: location.provinceCode,
    communeCode: location.communeCode,
    status: location.status as HsdsStatus,
    checkedOn: location.checkedOn,
    notificationEmail: location.notificationEmail,
    phones: [...new Set(phoneRows.map((phone) => phone.number))],
    hours,
    services: serviceTypes.codes.filter((code) =>
      offered.some((service) => service.type === code && !CLOSED_STATUSES.includes(service.status)),
    ),
    isDemo: location.isDemo,
  };
}

/** The services linked to a point, with how many points each is linked to. */
async function offeredServices(db: Database, pointId: string) {
  const rows = await db
    .select({ id: services.id, type: services.serviceType, status: services.status, linkId: serviceAtLocation.id })
    .from(serviceAtLocation)
    .innerJoin(services, eq(services.id, serviceAtLocation.serviceId))
    .where(eq(serviceAtLocation.locationId, pointId));
  const ids = rows.map((row) => row.id);
  const links =
    ids.length === 0
      ? []
      : await db
          .select({ id: serviceAtLocation.serviceId, n: count() })
          .from(serviceAtLocation)
          .where(inArray(serviceAtLocation.serviceId, ids))
          .groupBy(serviceAtLocation.serviceId);
  const linksOf = new Map(links.map((row) => [row.id, row.n]));
  return rows.map((row) => ({ ...row, links: linksOf.get(row.id) ?? 1 }));
}

const hourKey = (range: { days: readonly string[]; opens: number; closes: number }) =>
  `${toByday(range.days as WeeklyRange['days'])}|${range.opens}|${range.closes}`;

/** What a point edit changed, as the audit code (`name.phones.hours`…); 'none' when nothing did. */
export type PointChange = 'name' | 'address' | 'phones' | 'hours' | 'services' | 'status' | 'email';

interface Acting {
  readonly db: Database;
  readonly principal: Principal;
  readonly now: Date;
}

/**
 * Saves an edit of a point: only what differs is written (an unchanged form writes nothing and is not audited).
 * Services: a type newly ticked reuses a service of that type already linked here (made active again) or gets a new
 * service of the point's organization; a type unticked is made inactive when only this point offers it, else unlinked
 * from this point. Returns what changed, or undefined when the point is not the principal's to edit.
 */
export async function savePoint(
  acting: Acting,
  pointId: string,
  edit: PointEdit,
): Promise<readonly PointChange[] | undefined> {
  const { db, principal, now } = acting;
  const changes = await db.transaction(async (tx) => {
    const [location] = await tx.select().from(locations).where(eq(locations.id, pointId)).limit(1).for('update');
    if (
      location === undefined ||
      !canAdministerPoint(principal, { id: location.id, provinceCode: location.provinceCode })
    )
      return undefined;
    const current = await loadAdminPoint(tx, principal, pointId);
    if (current === undefined) return undefined;
    const changed: PointChange[] = [];

    const set: Partial<typeof locations.$inferInsert> = {};
    if (current.name !== edit.name) {
      set.name = edit.name;
      changed.push('name');
    }
    if ((current.address ?? null) !== edit.address) {
      set.address = edit.address;
      changed.push('address');
    }
    if (current.status !== edit.status) {
      set.status = edit.status;
      changed.push('status');
    }
    if ((current.notificationEmail ?? null) !== edit.notificationEmail) {
      set.notificationEmail = edit.notificationEmail;
      changed.push('email');
    }

    // Phones of the point itself (those of its organization or services are not this form's).
    const samePhones =
      current.phones.length === edit.phones.length && current.phones.every((number) => edit.phones.includes(number));
    if (!samePhones) {
      const removed = current.phones.filter((number) => !edit.phones.includes(number));
      if (removed.length > 0)
        await tx.delete(phones).where(and(eq(phones.locationId, pointId), inArray(phones.number, removed)));
      const added = edit.phones.filter((number) => !current.phones.includes(number));
      if (added.length > 0)
        await tx
          .insert(phones)
          .values(added.map((number) => ({ locationId: pointId, number, type: 'voice' as const })));
      changed.push('phones');
    }

    // Weekly hours of the point (seasonal timetables and a service's own hours are left alone).
    const have = new Set(current.hours.map(hourKey));
    const want = new Set(edit.hours.map(hourKey));
    if (have.size !== want.size || [...want].some((key) => !have.has(key))) {
      await tx
        .delete(schedules)
        .where(and(eq(schedules.locationId, pointId), isNull(schedules.validFrom), isNull(schedules.validTo)));
      if (edit.hours.length > 0)
        await tx.insert(schedules).values(
          edit.hours.map((range) => ({
            locationId: pointId,
            byday: toByday(range.days),
            opensAt: toDbTime(range.opens),
            closesAt: toDbTime(range.closes),
          })),
        );
      changed.push('hours');
    }

    if (
      current.services.length !== edit.services.length ||
      edit.services.some((type) => !current.services.includes(type))
    ) {
      const linked = await offeredServices(tx, pointId);
      for (const type of edit.services) {
        if (current.services.includes(type)) continue;
        const dormant = linked.find((service) => service.type === type);
        if (dormant !== undefined)
          await tx.update(services).set({ status: 'active' }).where(eq(services.id, dormant.id));
        else {
          const [created] = await tx
            .insert(services)
            .values({
              organizationId: location.organizationId,
              name: serviceTypes.label(type, 'vi'),
              serviceType: type,
              isDemo: location.isDemo,
            })
            .returning({ id: services.id });
          if (created !== undefined)
            await tx.insert(serviceAtLocation).values({ serviceId: created.id, locationId: pointId });
        }
      }
      for (const service of linked) {
        if (edit.services.includes(service.type as ServiceType) || CLOSED_STATUSES.includes(service.status)) continue;
        if (service.links > 1) await tx.delete(serviceAtLocation).where(eq(serviceAtLocation.id, service.linkId));
        else await tx.update(services).set({ status: 'inactive' }).where(eq(services.id, service.id));
      }
      changed.push('services');
    }

    if (changed.length === 0) return changed;
    // The location's updated_at moves whatever changed, so the snapshot's version check sees it from any process.
    await tx
      .update(locations)
      .set({ ...set, updatedAt: now })
      .where(eq(locations.id, pointId));
    await recordAudit(tx, {
      action: 'point.updated',
      actorUserId: principal.userId,
      at: now,
      pointId,
      provinceCode: location.provinceCode,
      detail: changed.join('.'),
    });
    return changed;
  });
  if (changes !== undefined && changes.length > 0) invalidateDirectorySnapshot();
  return changes;
}

/** Sets the point's `checked_on` to today (Vietnam's date), audited. False when the point is not the principal's. */
export async function markPointChecked(acting: Acting, pointId: string): Promise<boolean> {
  const { db, principal, now } = acting;
  if (!isUuid(pointId)) return false;
  const done = await db.transaction(async (tx) => {
    const [location] = await tx
      .select({ id: locations.id, provinceCode: locations.provinceCode })
      .from(locations)
      .where(eq(locations.id, pointId))
      .limit(1)
      .for('update');
    if (location === undefined || !canAdministerPoint(principal, location)) return false;
    await tx
      .update(locations)
      .set({ checkedOn: localDateString(now), updatedAt: now })
      .where(eq(locations.id, pointId));
    await recordAudit(tx, {
      action: 'point.checked',
      actorUserId: principal.userId,
      at: now,
      pointId,
      provinceCode: location.provinceCode,
    });
    return true;
  });
  if (done) invalidateDirectorySnapshot();
  return done;
}
