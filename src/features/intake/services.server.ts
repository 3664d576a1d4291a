/**
 * What the intake needs from the rest of the portal: the database, the keyring, the directory snapshot, the anti-abuse
 * services and a clock. The running app uses the process's shared ones (built lazily from the environment); tests, the
 * benchmark and tools pass their own, either per call (`services` in a context) or for the whole process
 * (`configureIntakeServices`, which the API route then uses too).
 */
import type { DatabaseHandle } from '#src/db/client.server.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import type { DirectoryPoint } from '#src/features/directory/types.ts';
import type { ClientKeyer } from '#src/features/anti-abuse/client-key.server.ts';
import type { Gate } from '#src/features/anti-abuse/gate.server.ts';
import type { RateLimits } from '#src/features/anti-abuse/rate-limits.server.ts';
import { systemClock, type Clock } from '#src/lib/clock.ts';

/** The part of the directory snapshot the intake reads. */
export interface IntakeDirectory {
  readonly points: readonly DirectoryPoint[];
  readonly byId?: ReadonlyMap<string, DirectoryPoint>;
  /** Where a point's staff notices go (see `DirectorySnapshot.notificationEmails`). */
  readonly notificationEmails: ReadonlyMap<string, string>;
}

/** The part of the anti-abuse services the intake uses. */
export interface IntakeAntiAbuse {
  readonly gate: Gate;
  readonly keyer: ClientKeyer;
  readonly limits: RateLimits;
}

export interface IntakeServices {
  database(): Promise<DatabaseHandle>;
  keyring(): Keyring;
  directory(): Promise<IntakeDirectory>;
  antiAbuse(): Promise<IntakeAntiAbuse>;
  readonly clock: Clock;
}

/** The shared services, built from the environment on first use. */
async function defaultServices(): Promise<IntakeServices> {
  // The modules load on first use (a static page build never opens a database); each `import()` is made once, since
  // even a cached dynamic import walks the module loader on every call, and these run for every request.
  const [{ processKeyring }, db, snapshot, antiAbuse] = await Promise.all([
    import('#src/features/crypto/keyring.server.ts'),
    import('#src/db/client.server.ts'),
    import('#src/features/directory/snapshot.server.ts'),
    import('#src/features/anti-abuse/services.server.ts'),
  ]);
  return {
    database: () => db.getDatabase(),
    keyring: () => processKeyring(),
    directory: () => snapshot.getDirectorySnapshot(),
    antiAbuse: () => antiAbuse.getAntiAbuse(),
    clock: systemClock,
  };
}

// Plain module state: the running portal loads this module once (one module graph), and what it holds is built from
// the process-wide objects of `singleton.server.ts`.
const registry: { configured: IntakeServices | undefined; shared: Promise<IntakeServices> | undefined } = {
  configured: undefined,
  shared: undefined,
};

/** The services for this process: the configured ones, else those built from the environment. */
export function getIntakeServices(): Promise<IntakeServices> {
  if (registry.configured !== undefined) return Promise.resolve(registry.configured);
  registry.shared ??= defaultServices().catch((error: unknown) => {
    registry.shared = undefined;
    throw error;
  });
  return registry.shared;
}

/** Replaces the process's services (tests, benchmark, tools); `undefined` goes back to the environment's. */
export function configureIntakeServices(services: IntakeServices | undefined): void {
  registry.configured = services;
}
