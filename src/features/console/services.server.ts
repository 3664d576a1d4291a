/**
 * What the console needs from the rest of the portal: the database, the keyring, the authentication instance built on
 * them, the public origin and a clock. The running app builds them lazily from the environment; tests and tools build
 * their own with `buildConsoleServices`.
 */
import type { DatabaseHandle } from '#src/db/client.server.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import { systemClock, type Clock } from '#src/lib/clock.ts';
import { createAuth, type Auth } from './auth/auth.server.ts';

export interface ConsoleServices {
  readonly handle: DatabaseHandle;
  readonly keyring: Keyring;
  readonly auth: Auth;
  /** The public origin links in e-mails and better-auth's checks use (SITE_URL, else the local address). */
  readonly baseUrl: string;
  /** Days before a case not acknowledged is flagged as overdue, counted in working days. */
  readonly escalationWorkingDays: number;
  readonly clock: Clock;
}

/** Builds the services from an open database and a keyring (tests, tools and the app alike). */
export function buildConsoleServices(options: {
  handle: DatabaseHandle;
  keyring: Keyring;
  baseUrl: string;
  escalationWorkingDays?: number;
  clock?: Clock;
}): ConsoleServices {
  return {
    handle: options.handle,
    keyring: options.keyring,
    auth: createAuth({ db: options.handle.db, keyring: options.keyring, baseUrl: options.baseUrl }),
    baseUrl: options.baseUrl,
    escalationWorkingDays: options.escalationWorkingDays ?? 2,
    clock: options.clock ?? systemClock,
  };
}

// Plain module state: the running portal loads this module once (one module graph), and what it holds is built from
// the process-wide objects of `singleton.server.ts`.
const registry: { shared: Promise<ConsoleServices> | undefined } = {
  shared: undefined,
};

async function fromEnvironment(): Promise<ConsoleServices> {
  const { loadEnv } = await import('#src/env.server.ts');
  const { getDatabase } = await import('#src/db/client.server.ts');
  const { processKeyring } = await import('#src/features/crypto/keyring.server.ts');
  const env = loadEnv();
  const handle = await getDatabase();
  const keyring = processKeyring();
  const host = env.host === '0.0.0.0' || env.host === '::' ? 'localhost' : env.host;
  return buildConsoleServices({
    handle,
    keyring,
    baseUrl: env.siteUrl ?? `http://${host}:${env.port}`,
    escalationWorkingDays: env.escalationWorkingDays,
  });
}

/** The console's services for this process. */
export function getConsoleServices(): Promise<ConsoleServices> {
  registry.shared ??= fromEnvironment().catch((error: unknown) => {
    registry.shared = undefined;
    throw error;
  });
  return registry.shared;
}
