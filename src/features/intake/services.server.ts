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

const KEYRING_KEY = Symbol.for('hotro.keyring');
const SERVICES_KEY = Symbol.for('hotro.intake.services');

/** The process's keyring (shared on a global symbol with the rest of the portal): INTAKE_ENCRYPTION_KEY, else KEY_FILE. */
async function processKeyring(): Promise<Keyring> {
  const holder = globalThis as typeof globalThis & { [KEYRING_KEY]?: Keyring };
  if (holder[KEYRING_KEY] === undefined) {
    const { loadEnv } = await import('#src/env.server.ts');
    const { loadKeyring } = await import('#src/features/crypto/keyring.server.ts');
    const env = loadEnv();
    holder[KEYRING_KEY] = loadKeyring({ keyFile: env.keyFile, intakeEncryptionKey: env.intakeEncryptionKey });
  }
  return holder[KEYRING_KEY];
}

/** The shared services, built from the environment on first use. */
async function defaultServices(): Promise<IntakeServices> {
  const keyring = await processKeyring();
  // The modules load on first use (a static page build never opens a database); each `import()` is made once, since
  // even a cached dynamic import walks the module loader on every call, and these run for every request.
  const [db, snapshot, antiAbuse] = await Promise.all([
    import('#src/db/client.server.ts'),
    import('#src/features/directory/snapshot.server.ts'),
    import('#src/features/anti-abuse/services.server.ts'),
  ]);
  return {
    database: () => db.getDatabase(),
    keyring: () => keyring,
    directory: () => snapshot.getDirectorySnapshot(),
    antiAbuse: () => antiAbuse.getAntiAbuse(),
    clock: systemClock,
  };
}

interface Registry {
  configured: IntakeServices | undefined;
  shared: Promise<IntakeServices> | undefined;
}

function registry(): Registry {
  const holder = globalThis as typeof globalThis & { [SERVICES_KEY]?: Registry };
  holder[SERVICES_KEY] ??= { configured: undefined, shared: undefined };
  return holder[SERVICES_KEY];
}

/** The services for this process: the configured ones, else those built from the environment. */
export function getIntakeServices(): Promise<IntakeServices> {
  const shared = registry();
  if (shared.configured !== undefined) return Promise.resolve(shared.configured);
  shared.shared ??= defaultServices().catch((error: unknown) => {
    registry().shared = undefined;
    throw error;
  });
  return shared.shared;
}

/** Replaces the process's services (tests, benchmark, tools); `undefined` goes back to the environment's. */
export function configureIntakeServices(services: IntakeServices | undefined): void {
  registry().configured = services;
}
