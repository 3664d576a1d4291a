/**
 * The directory held in memory for fast reads (locator, intake routing, point pages): loaded once, then reloaded only
 * when the data changed. At most every {@link SNAPSHOT_CHECK_INTERVAL_MS}, a read asks the database for a cheap version
 * (row count and latest `updated_at` of each directory table); a different version reloads the points. A writer in this
 * process calls {@link invalidateDirectorySnapshot} after committing, so its own next read sees the change at once;
 * writers in other processes (the import script, another app instance) are seen within the interval.
 *
 * The version misses an UPDATE that does not move `updated_at` (Drizzle's updates always move it; a hand-written SQL
 * update must set it too, or call the invalidation).
 */
import { sql } from 'drizzle-orm';
import { type DatabaseHandle, getDatabase } from '#src/db/client.server.ts';
import { loadEnv } from '#src/env.server.ts';
import { type Clock, systemClock } from '#src/lib/clock.ts';
import { describeError } from '#src/lib/describe-error.ts';
import { log } from '#src/lib/log.ts';
import { singleton } from '#src/lib/singleton.server.ts';
import { loadDirectory, loadNotificationEmails } from './load.server.ts';
import type { DirectoryPoint } from './types.ts';

/** The directory at one moment, indexed for the usual look-ups. Never mutated: a change makes a new snapshot. */
export interface DirectorySnapshot {
  /** All points (demo ones only in demo mode), by province, commune, name. */
  readonly points: readonly DirectoryPoint[];
  readonly byId: ReadonlyMap<string, DirectoryPoint>;
  /** Points by two-digit province code, in the same order. */
  readonly byProvince: ReadonlyMap<string, readonly DirectoryPoint[]>;
  /** Loaded in demo mode (demo points included). */
  readonly demo: boolean;
  readonly loadedAt: Date;
  /**
   * Where notices of new requests for a point go (points without an address are absent). Read by the intake only, so
   * a request is routed and addressed from the same view of the directory; never part of a `DirectoryPoint`, never
   * rendered, logged or exported.
   */
  readonly notificationEmails: ReadonlyMap<string, string>;
}

/** How long a snapshot is served without asking the database whether it changed. */
export const SNAPSHOT_CHECK_INTERVAL_MS = 5_000;

/** Where a snapshot cache reads from (the app's: the shared handle and `DEMO`; tests pass their own). */
export interface SnapshotSource {
  handle(): Promise<DatabaseHandle>;
  /** Demo mode, read when loading. */
  demo(): boolean;
  clock?: Clock;
  checkIntervalMs?: number;
}

/** A snapshot cache: `get()` the current snapshot, `invalidate()` after a write. */
export interface SnapshotCache {
  get(): Promise<DirectorySnapshot>;
  invalidate(): void;
}

/** The process's snapshot (see the module comment). */
export function getDirectorySnapshot(): Promise<DirectorySnapshot> {
  return sharedCache().get();
}

/** Call after committing a change to the directory, so the next read reloads it. */
export function invalidateDirectorySnapshot(): void {
  sharedCache().invalidate();
}

/**
 * The directory's version: each table's row count and latest `updated_at`, as one string. One statement; it scans the
 * tables (no index on updated_at), which stays in the milliseconds for a national directory and runs at most every
 * few seconds.
 */
export async function directoryVersion(handle: DatabaseHandle): Promise<string> {
  const part = (table: string) =>
    sql.raw(`(select count(*)::text || ':' || coalesce(max(updated_at)::text, '-') from ${table})`);
  const tables = [
    'organizations',
    'locations',
    'services',
    'service_at_location',
    'schedules',
    'closures',
    'phones',
    'languages',
    'cost_options',
  ];
  const result = await handle.db.execute(sql`select concat_ws('|', ${sql.join(tables.map(part), sql`, `)}) as version`);
  // node-postgres and PGlite both return `{ rows }` from execute(); the shared type does not say so.
  const [row] = (result as unknown as { rows: { version: string }[] }).rows;
  return row?.version ?? '';
}

/** A snapshot cache over `source`; the app uses the shared one, tests make their own. */
export function createSnapshotCache(source: SnapshotSource): SnapshotCache {
  const clock = source.clock ?? systemClock;
  const interval = source.checkIntervalMs ?? SNAPSHOT_CHECK_INTERVAL_MS;
  let current: { snapshot: DirectorySnapshot; version: string; handle: DatabaseHandle } | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  // Bumped by invalidate(); a refresh that started before the last invalidation cannot make the cache fresh.
  let generation = 0;
  let freshGeneration = -1;
  let pending: { promise: Promise<DirectorySnapshot>; generation: number } | undefined;

  async function refresh(startGeneration: number): Promise<DirectorySnapshot> {
    const now = clock.now().getTime();
    try {
      const handle = await source.handle();
      const version = await directoryVersion(handle);
      if (
        current !== undefined &&
        current.handle === handle &&
        current.version === version &&
        freshGeneration === generation
      ) {
        checkedAt = now;
        return current.snapshot;
      }
      const snapshot = await loadDirectorySnapshot(handle, { demo: source.demo(), now: clock.now() });
      current = { snapshot, version, handle };
      checkedAt = now;
      freshGeneration = startGeneration;
      return current.snapshot;
    } catch (error) {
      // The database is briefly unreachable: keep serving what we have (and do not retry on every request) rather
      // than fail the locator; with nothing loaded yet there is nothing to serve.
      if (current === undefined) throw error;
      log.warn('directory.snapshot_refresh_failed', { problem: describeError(error) });
      checkedAt = now;
      return current.snapshot;
    }
  }

  return {
    get() {
      const fresh =
        current !== undefined &&
        !current.handle.closed &&
        freshGeneration === generation &&
        clock.now().getTime() - checkedAt < interval;
      if (fresh && current !== undefined) return Promise.resolve(current.snapshot);
      // One refresh at a time. A refresh that started before the latest invalidation may have read the data before
      // the write: queue a new one after it instead of sharing its answer.
      if (pending === undefined || pending.generation !== generation) {
        const startGeneration = generation;
        const previous = pending?.promise.catch(() => undefined) ?? Promise.resolve(undefined);
        const promise = previous.then(() => refresh(startGeneration));
        const entry = { promise, generation: startGeneration };
        pending = entry;
        void promise.then(
          () => {
            if (pending === entry) pending = undefined;
          },
          () => {
            if (pending === entry) pending = undefined;
          },
        );
      }
      return pending.promise;
    },
    invalidate() {
      generation += 1;
    },
  };
}

/** Reads the directory (points and notification addresses) into a new snapshot. */
export async function loadDirectorySnapshot(
  handle: DatabaseHandle,
  options: { demo: boolean; now: Date },
): Promise<DirectorySnapshot> {
  const points = await loadDirectory(handle, options);
  return buildSnapshot(points, options.demo, options.now, await loadNotificationEmails(handle));
}

/** Indexes points into a snapshot. */
export function buildSnapshot(
  points: readonly DirectoryPoint[],
  demo: boolean,
  loadedAt: Date,
  notificationEmails: ReadonlyMap<string, string> = new Map(),
): DirectorySnapshot {
  const byId = new Map<string, DirectoryPoint>();
  const byProvince = new Map<string, DirectoryPoint[]>();
  for (const point of points) {
    byId.set(point.id, point);
    const list = byProvince.get(point.provinceCode);
    if (list === undefined) byProvince.set(point.provinceCode, [point]);
    else list.push(point);
  }
  return Object.freeze({ points: Object.freeze([...points]), byId, byProvince, demo, loadedAt, notificationEmails });
}

/** The process's one snapshot cache: every reader sees the same snapshot and the same invalidations. */
function sharedCache(): SnapshotCache {
  return singleton('directory snapshot', () =>
    createSnapshotCache({
      handle: () => getDatabase(),
      // Read at each (re)load, which is rare; the environment does not change while the process runs anyway.
      demo: () => loadEnv().demo,
    }),
  );
}
