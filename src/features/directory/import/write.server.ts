/**
 * Writes checked points in ONE transaction: compares each with what the database holds and writes only what differs,
 * so a re-import of the same file issues no UPDATE at all and every `updated_at` stays as it was. Points of the
 * provinces in scope that came from an earlier import and are missing from this file are set `inactive`; nothing is
 * ever deleted but the child rows the file owns (a point's phones and weekly hours, a service's languages and costs).
 *
 * A dry run does exactly the same work, then rolls the transaction back: its counts are the real ones.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { foldName } from '#src/features/admin-units/index.ts';
import { serviceTypes } from '#src/features/lists/index.ts';
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
import { toByday, toDbTime } from './hours.ts';
import { ids, organizationSourceKey, rowIdOfServiceKey, serviceSourceKey } from './ids.ts';
import type { ImportPoint } from './model.ts';
import { languageByCode } from './vocabulary.ts';

/** What an import did (or, in a dry run, would do), counted in points (one spreadsheet row each). */
export interface ImportSummary {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly deactivated: number;
  /** Row ids per outcome, `province/rowId`, in file order. */
  readonly rows: {
    readonly inserted: readonly string[];
    readonly updated: readonly string[];
    readonly deactivated: readonly string[];
  };
}

/** How to write. */
export interface WriteOptions {
  /** Provinces the file speaks for: their imported points missing from it are deactivated. */
  readonly provinces: readonly string[];
  readonly dryRun?: boolean | undefined;
  /** Told after each statement batch. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
type OrgRow = typeof organizations.$inferSelect;
type LocationRow = typeof locations.$inferSelect;
type ServiceRow = typeof services.$inferSelect;
type PhoneRow = typeof phones.$inferSelect;
type ScheduleRow = typeof schedules.$inferSelect;
type LanguageRow = typeof languages.$inferSelect;
type CostRow = typeof costOptions.$inferSelect;

// pg_advisory_xact_lock(class, province): two imports of one province queue instead of interleaving.
const LOCK_CLASS = 0x686f7472;
const CHUNK = 500;
const CLOSED = new Set(['inactive', 'defunct']);

class DryRunRollback extends Error {
  override name = 'DryRunRollback';
  readonly summary: ImportSummary;
  constructor(summary: ImportSummary) {
    super('dry run: rolled back');
    this.summary = summary;
  }
}

/** Writes `points` (already checked) and returns what changed. */
export async function writePoints(
  db: Database,
  points: readonly ImportPoint[],
  options: WriteOptions,
): Promise<ImportSummary> {
  try {
    return await db.transaction(async (tx) => {
      const summary = await writeInTransaction(tx, points, options);
      if (options.dryRun) throw new DryRunRollback(summary);
      return summary;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.summary;
    throw error;
  }
}

async function writeInTransaction(
  tx: Tx,
  points: readonly ImportPoint[],
  options: WriteOptions,
): Promise<ImportSummary> {
  const scope = [...new Set(options.provinces)].sort();
  for (const province of scope) {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_CLASS}::int, ${Number(province)}::int)`);
  }
  const existing = await loadExisting(tx, scope);
  const plan = new Plan();

  // Organizations: one per folded name within a province.
  const organizationIds = new Map<string, { id: string; changed: boolean }>();
  for (const point of points) {
    const folded = foldName(point.organization.name);
    const key = `${point.provinceCode}|${folded}`;
    if (organizationIds.has(key)) continue;
    const row = existing.organizations.get(`${point.provinceCode}|${organizationSourceKey(folded)}`);
    const wanted = { name: point.organization.name, operatorKind: point.organization.operatorKind, isDemo: false };
    if (row === undefined) {
      const id = ids.organization(point.provinceCode, folded);
      plan.insert.organizations.push({
        id,
        ...wanted,
        sourceProvinceCode: point.provinceCode,
        sourceRowId: organizationSourceKey(folded),
      });
      organizationIds.set(key, { id, changed: true });
    } else {
      const set = differences(row, wanted);
      if (set) plan.update.organizations.push({ id: row.id, set });
      organizationIds.set(key, { id: row.id, changed: set !== undefined });
    }
  }

  const seenLocations = new Set<string>();
  const outcome = { inserted: [] as string[], updated: [] as string[], unchanged: 0 };
  for (const point of points) {
    const label = `${point.provinceCode}/${point.rowId}`;
    const sourceKey = `${point.provinceCode}|${point.rowId}`;
    seenLocations.add(sourceKey);
    const organization = organizationIds.get(`${point.provinceCode}|${foldName(point.organization.name)}`);
    if (!organization) throw new Error(`no organization planned for row ${point.row}`);
    const before = plan.size();
    const location = planLocation(plan, existing, point, organization.id);
    const touched = planServices(plan, existing, point, organization.id, location.id);
    if (location.isNew) outcome.inserted.push(label);
    else if (plan.size() > before || touched || organization.changed) outcome.updated.push(label);
    else outcome.unchanged += 1;
  }

  // Imported points of these provinces that the file no longer lists.
  const deactivated: string[] = [];
  for (const [key, row] of existing.locations) {
    if (seenLocations.has(key) || row.isDemo || CLOSED.has(row.status)) continue;
    plan.update.locations.push({ id: row.id, set: { status: 'inactive' } });
    deactivated.push(`${row.sourceProvinceCode ?? ''}/${row.sourceRowId ?? ''}`);
    for (const service of existing.servicesOfRow(row.sourceProvinceCode ?? '', row.sourceRowId ?? '')) {
      if (!service.isDemo && !CLOSED.has(service.status))
        plan.update.services.push({ id: service.id, set: { status: 'inactive' } });
    }
  }

  await plan.apply(tx, options.onProgress);
  return {
    inserted: outcome.inserted.length,
    updated: outcome.updated.length,
    unchanged: outcome.unchanged,
    deactivated: deactivated.length,
    rows: { inserted: outcome.inserted, updated: outcome.updated, deactivated },
  };
}

function planLocation(
  plan: Plan,
  existing: Existing,
  point: ImportPoint,
  organizationId: string,
): { id: string; isNew: boolean } {
  const row = existing.locations.get(`${point.provinceCode}|${point.rowId}`);
  const wanted = {
    organizationId,
    name: point.name,
    address: point.address,
    provinceCode: point.provinceCode,
    communeCode: point.communeCode,
    latitude: point.lat,
    longitude: point.lon,
    status: point.status,
    checkedOn: point.checkedOn,
    isDemo: false,
    ...(point.notificationEmail === undefined ? {} : { notificationEmail: point.notificationEmail }),
    ...descriptionFields(point),
  };
  let id: string;
  let isNew = false;
  let changed = false;
  if (row === undefined) {
    id = ids.location(point.provinceCode, point.rowId);
    isNew = true;
    plan.insert.locations.push({ id, ...wanted, sourceProvinceCode: point.provinceCode, sourceRowId: point.rowId });
  } else {
    id = row.id;
    const set = differences(row, wanted);
    if (set) {
      plan.update.locations.push({ id, set });
      changed = true;
    }
  }

  // Phones: the file's numbers are the point's phones.
  const wantedPhones = new Set(point.phones);
  const havePhones = existing.phonesOf(id);
  const phonesChanged = syncChildren(
    havePhones,
    (phone) => (wantedPhones.has(phone.number) ? phone.number : undefined),
    [...wantedPhones],
    (number) => ({ id: ids.phone(id, number), locationId: id, number, type: 'voice' as const }),
    plan.insert.phones,
    plan.remove.phones,
  );

  // Weekly hours of the point (hours of one service at the point are not the file's to change).
  const wantedHours = point.hours.map((range) => ({
    byday: toByday(range.days),
    opensAt: toDbTime(range.opens),
    closesAt: toDbTime(range.closes),
  }));
  const hourKey = (h: { byday: string; opensAt: string; closesAt: string }) => `${h.byday}|${h.opensAt}|${h.closesAt}`;
  const wantedByKey = new Map(wantedHours.map((h) => [hourKey(h), h]));
  const hoursChanged = syncChildren(
    existing.schedulesOf(id),
    (s) => {
      const key = hourKey({ byday: s.byday, opensAt: normalTime(s.opensAt), closesAt: normalTime(s.closesAt) });
      return s.validFrom === null && s.validTo === null && wantedByKey.has(key) ? key : undefined;
    },
    [...wantedByKey.keys()],
    (key) => {
      const h = wantedByKey.get(key);
      if (!h) throw new Error('unreachable');
      return { id: ids.schedule(id, h.byday, h.opensAt, h.closesAt), locationId: id, ...h };
    },
    plan.insert.schedules,
    plan.remove.schedules,
  );
  if (!isNew && !changed && (phonesChanged || hoursChanged)) plan.touch.locations.add(id);
  return { id, isNew };
}

/** Plans the services of one point; true when something about them changed. */
function planServices(
  plan: Plan,
  existing: Existing,
  point: ImportPoint,
  organizationId: string,
  locationId: string,
): boolean {
  let changed = false;
  const wantedTypes = new Set(point.services.map((s) => s.type));
  for (const service of point.services) {
    const key = serviceSourceKey(point.rowId, service.type);
    const row = existing.services.get(`${point.provinceCode}|${key}`);
    const wanted = {
      organizationId,
      serviceType: service.type,
      status: service.status,
      minAge: service.minAge,
      maxAge: service.maxAge,
      checkedOn: point.checkedOn,
      isDemo: false,
      ...(service.name === undefined ? {} : { name: service.name }),
      ...descriptionFields(service),
    };
    let id: string;
    let serviceChanged = false;
    if (row === undefined) {
      id = ids.service(point.provinceCode, point.rowId, service.type);
      plan.insert.services.push({
        id,
        name: serviceTypes.label(service.type, 'vi'),
        ...wanted,
        sourceProvinceCode: point.provinceCode,
        sourceRowId: key,
      });
      changed = true;
      serviceChanged = true;
    } else {
      id = row.id;
      const set = differences(row, wanted);
      if (set) {
        plan.update.services.push({ id, set });
        changed = true;
        serviceChanged = true;
      }
    }
    if (!existing.links.has(`${id}|${locationId}`)) {
      plan.insert.links.push({ id: ids.serviceAtLocation(id, locationId), serviceId: id, locationId });
      changed = true;
    }
    const languagesChanged = syncChildren(
      existing.languagesOf(id),
      (l) => (l.code !== null && service.languages.includes(l.code) ? l.code : undefined),
      [...service.languages],
      (code) => ({ id: ids.language(id, code), serviceId: id, code, name: languageByCode(code)?.vi ?? code }),
      plan.insert.languages,
      plan.remove.languages,
    );
    const costsChanged = syncChildren(
      existing.costsOf(id),
      (c) => ((service.costs as readonly string[]).includes(c.kind) ? c.kind : undefined),
      [...service.costs],
      (kind) => ({ id: ids.costOption(id, kind), serviceId: id, kind }),
      plan.insert.costs,
      plan.remove.costs,
    );
    if (languagesChanged || costsChanged) {
      changed = true;
      if (!serviceChanged) plan.touch.services.add(id);
    }
  }
  // Services the row no longer lists: set inactive, never deleted.
  for (const row of existing.servicesOfRow(point.provinceCode, point.rowId)) {
    const type = row.sourceRowId?.slice(point.rowId.length + 1) ?? '';
    if (wantedTypes.has(type as never) || CLOSED.has(row.status)) continue;
    plan.update.services.push({ id: row.id, set: { status: 'inactive' } });
    changed = true;
  }
  return changed;
}

/**
 * The description columns to write: a description the file does not carry (undefined) is left as it is; null clears
 * it (the Vietnamese one is never null in the database, so cleared is '').
 */
function descriptionFields(from: {
  readonly description: string | null | undefined;
  readonly descriptionEn: string | null | undefined;
}): { description?: string; descriptionEn?: string | null } {
  return {
    ...(from.description === undefined ? {} : { description: from.description ?? '' }),
    ...(from.descriptionEn === undefined ? {} : { descriptionEn: from.descriptionEn }),
  };
}

/**
 * Compares existing child rows with the wanted keys: rows whose key is not wanted are removed, wanted keys no row has
 * are inserted. Returns true when anything changes.
 */
function syncChildren<Row extends { id: string }, Insert>(
  have: readonly Row[],
  keyOf: (row: Row) => string | undefined,
  wanted: readonly string[],
  build: (key: string) => Insert,
  inserts: Insert[],
  removals: string[],
): boolean {
  const kept = new Set<string>();
  let changed = false;
  for (const row of have) {
    const key = keyOf(row);
    if (key === undefined || kept.has(key)) {
      removals.push(row.id);
      changed = true;
    } else kept.add(key);
  }
  for (const key of wanted) {
    if (kept.has(key)) continue;
    inserts.push(build(key));
    kept.add(key);
    changed = true;
  }
  return changed;
}

/** The fields of `wanted` whose values differ from `row`, or undefined when none does. */
function differences<Row extends object, Wanted extends object>(row: Row, wanted: Wanted): Partial<Wanted> | undefined {
  const set: Record<string, unknown> = {};
  let any = false;
  for (const [key, value] of Object.entries(wanted)) {
    if (!same((row as Record<string, unknown>)[key], value)) {
      set[key] = value;
      any = true;
    }
  }
  return any ? (set as Partial<Wanted>) : undefined;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  return false;
}

/** "07:30:00" from the database's time text (PGlite and node-postgres both give HH:MM:SS). */
function normalTime(value: string): string {
  return value.length === 5 ? `${value}:00` : value.slice(0, 8);
}

interface Existing {
  organizations: Map<string, OrgRow>;
  locations: Map<string, LocationRow>;
  services: Map<string, ServiceRow>;
  links: Set<string>;
  servicesOfRow(province: string, rowId: string): ServiceRow[];
  phonesOf(locationId: string): PhoneRow[];
  schedulesOf(locationId: string): ScheduleRow[];
  languagesOf(serviceId: string): LanguageRow[];
  costsOf(serviceId: string): CostRow[];
}

async function loadExisting(tx: Tx, scope: readonly string[]): Promise<Existing> {
  const none = scope.length === 0;
  const orgRows = none
    ? []
    : await tx
        .select()
        .from(organizations)
        .where(inArray(organizations.sourceProvinceCode, [...scope]));
  const locationRows = none
    ? []
    : await tx
        .select()
        .from(locations)
        .where(inArray(locations.sourceProvinceCode, [...scope]));
  const serviceRows = none
    ? []
    : await tx
        .select()
        .from(services)
        .where(inArray(services.sourceProvinceCode, [...scope]));
  const locationIds = tx
    .select({ id: locations.id })
    .from(locations)
    .where(inArray(locations.sourceProvinceCode, [...scope]));
  const serviceIds = tx
    .select({ id: services.id })
    .from(services)
    .where(inArray(services.sourceProvinceCode, [...scope]));
  // One after another: a transaction is one connection, and node-postgres frowns on queries queued on a busy client.
  const linkRows = none
    ? []
    : await tx
        .select({ serviceId: serviceAtLocation.serviceId, locationId: serviceAtLocation.locationId })
        .from(serviceAtLocation)
        .where(inArray(serviceAtLocation.serviceId, serviceIds));
  const phoneRows = none ? [] : await tx.select().from(phones).where(inArray(phones.locationId, locationIds));
  const scheduleRows = none ? [] : await tx.select().from(schedules).where(inArray(schedules.locationId, locationIds));
  const languageRows = none ? [] : await tx.select().from(languages).where(inArray(languages.serviceId, serviceIds));
  const costRows = none ? [] : await tx.select().from(costOptions).where(inArray(costOptions.serviceId, serviceIds));

  const bySource = <Row extends { sourceProvinceCode: string | null; sourceRowId: string | null }>(
    rows: readonly Row[],
  ) => new Map(rows.map((row) => [`${row.sourceProvinceCode ?? ''}|${row.sourceRowId ?? ''}`, row]));
  const group = <Row>(rows: readonly Row[], keyOf: (row: Row) => string | null) => {
    const map = new Map<string, Row[]>();
    for (const row of rows) {
      const key = keyOf(row);
      if (key === null) continue;
      const list = map.get(key) ?? [];
      list.push(row);
      map.set(key, list);
    }
    return map;
  };
  const servicesByRow = group(
    serviceRows,
    (s) => `${s.sourceProvinceCode ?? ''}|${rowIdOfServiceKey(s.sourceRowId ?? '')}`,
  );
  const phonesByLocation = group(phoneRows, (p) => p.locationId);
  const schedulesByLocation = group(scheduleRows, (s) => s.locationId);
  const languagesByService = group(languageRows, (l) => l.serviceId);
  const costsByService = group(costRows, (c) => c.serviceId);
  return {
    organizations: bySource(orgRows),
    locations: bySource(locationRows),
    services: bySource(serviceRows),
    links: new Set(linkRows.map((l) => `${l.serviceId}|${l.locationId}`)),
    servicesOfRow: (province, rowId) => servicesByRow.get(`${province}|${rowId}`) ?? [],
    phonesOf: (id) => phonesByLocation.get(id) ?? [],
    schedulesOf: (id) => schedulesByLocation.get(id) ?? [],
    languagesOf: (id) => languagesByService.get(id) ?? [],
    costsOf: (id) => costsByService.get(id) ?? [],
  };
}

/** Every statement the import will run, gathered first so that nothing is written before everything is known. */
class Plan {
  readonly insert = {
    organizations: [] as (typeof organizations.$inferInsert)[],
    locations: [] as (typeof locations.$inferInsert)[],
    services: [] as (typeof services.$inferInsert)[],
    links: [] as (typeof serviceAtLocation.$inferInsert)[],
    phones: [] as (typeof phones.$inferInsert)[],
    schedules: [] as (typeof schedules.$inferInsert)[],
    languages: [] as (typeof languages.$inferInsert)[],
    costs: [] as (typeof costOptions.$inferInsert)[],
  };
  readonly update = {
    organizations: [] as { id: string; set: Partial<typeof organizations.$inferInsert> }[],
    locations: [] as { id: string; set: Partial<typeof locations.$inferInsert> }[],
    services: [] as { id: string; set: Partial<typeof services.$inferInsert> }[],
  };
  readonly remove = {
    phones: [] as string[],
    schedules: [] as string[],
    languages: [] as string[],
    costs: [] as string[],
  };
  /** Rows whose own fields are unchanged but whose children changed: their updated_at moves. */
  readonly touch = { locations: new Set<string>(), services: new Set<string>() };

  /** A number that grows with every planned statement (to tell whether a point added any). */
  size(): number {
    return (
      Object.values(this.insert).reduce((n, list) => n + list.length, 0) +
      Object.values(this.update).reduce((n, list) => n + list.length, 0) +
      Object.values(this.remove).reduce((n, list) => n + list.length, 0) +
      this.touch.locations.size +
      this.touch.services.size
    );
  }

  async apply(tx: Tx, onProgress?: (done: number, total: number) => void): Promise<void> {
    const steps: (() => Promise<unknown>)[] = [];
    const inserts = <T>(rows: readonly T[], run: (chunk: T[]) => Promise<unknown>) => {
      for (let i = 0; i < rows.length; i += CHUNK) steps.push(() => run(rows.slice(i, i + CHUNK)));
    };
    const removals = (list: readonly string[], run: (chunk: string[]) => Promise<unknown>) => inserts(list, run);

    inserts(this.insert.organizations, (chunk) => tx.insert(organizations).values(chunk));
    for (const u of this.update.organizations)
      steps.push(() => tx.update(organizations).set(u.set).where(eq(organizations.id, u.id)));
    inserts(this.insert.locations, (chunk) => tx.insert(locations).values(chunk));
    for (const u of this.update.locations)
      steps.push(() => tx.update(locations).set(u.set).where(eq(locations.id, u.id)));
    inserts(this.insert.services, (chunk) => tx.insert(services).values(chunk));
    for (const u of this.update.services) steps.push(() => tx.update(services).set(u.set).where(eq(services.id, u.id)));
    inserts(this.insert.links, (chunk) => tx.insert(serviceAtLocation).values(chunk));
    removals(this.remove.phones, (chunk) => tx.delete(phones).where(inArray(phones.id, chunk)));
    removals(this.remove.schedules, (chunk) => tx.delete(schedules).where(inArray(schedules.id, chunk)));
    removals(this.remove.languages, (chunk) => tx.delete(languages).where(inArray(languages.id, chunk)));
    removals(this.remove.costs, (chunk) => tx.delete(costOptions).where(inArray(costOptions.id, chunk)));
    inserts(this.insert.phones, (chunk) => tx.insert(phones).values(chunk));
    inserts(this.insert.schedules, (chunk) => tx.insert(schedules).values(chunk));
    inserts(this.insert.languages, (chunk) => tx.insert(languages).values(chunk));
    inserts(this.insert.costs, (chunk) => tx.insert(costOptions).values(chunk));
    const touchedLocations = [...this.touch.locations];
    const touchedServices = [...this.touch.services];
    removals(touchedLocations, (chunk) =>
      tx
        .update(locations)
        .set({ updatedAt: sql`now()` })
        .where(inArray(locations.id, chunk)),
    );
    removals(touchedServices, (chunk) =>
      tx
        .update(services)
        .set({ updatedAt: sql`now()` })
        .where(inArray(services.id, chunk)),
    );

    for (const [index, step] of steps.entries()) {
      await step();
      onProgress?.(index + 1, steps.length);
    }
  }
}
