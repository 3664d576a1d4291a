/**
 * Helpers for the tests that run the real server (`npm start` through tests/setup/portal-process.ts) on the test engine:
 * a database prepared with the demo directory, a free port, and intakes fired the way a browser sends them (a proof
 * fetched from /api/challenge and solved, then the JSON POST). Each request carries its own X-Forwarded-For (the server
 * runs with TRUST_PROXY=1), so the per-address rate limits do not stop a stream of test requests.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { openDatabase, type DatabaseEnv } from '#src/db/client.server.ts';
import { migrateDatabase } from '#src/db/migrate.server.ts';
import { seedDemoDirectory } from '#src/features/directory/demo/seed.server.ts';
import { repoRoot } from '../../setup/portal-process.ts';
import { FAST_POW_ENV, solvePow } from '../../setup/solve-pow.ts';

/** The built server the tests need (the test runner builds once before the tests). */
export const BUILT_ENTRY = join(repoRoot, 'dist/server/entry.mjs');
export const hasBuild = existsSync(BUILT_ENTRY);
export const NO_BUILD_MESSAGE =
  'SKIPPED: dist/server/entry.mjs is missing — run `npm run build` first (`npm test` builds before the tests)';

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Migrates the database and writes the demo directory into it, then closes it (so the server can open it). */
export async function prepareDemoDatabase(env: DatabaseEnv): Promise<void> {
  const handle = await openDatabase(env);
  try {
    await migrateDatabase(handle);
    await seedDemoDirectory(handle);
  } finally {
    await handle.close();
  }
}

/** A fresh base64 key for INTAKE_ENCRYPTION_KEY. */
export const newKey = (): string => randomBytes(32).toString('base64');

/** The server's environment for these tests. */
export function serverEnv(
  databaseUrl: string | undefined,
  extra: Record<string, string> = {},
): Record<string, string | undefined> {
  return {
    DEMO: '1',
    TRUST_PROXY: '1',
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    // Production needs its public address; requests still come straight to the test's port.
    SITE_URL: 'https://hotro.example.test',
    DATABASE_URL: databaseUrl,
    ...FAST_POW_ENV,
    ...extra,
  };
}

let addressCounter = 0;
/** A documentation-range address (RFC 5737) for X-Forwarded-For, different for each call. */
export function nextTestAddress(): string {
  addressCounter += 1;
  return `198.51.${Math.floor(addressCounter / 250) % 250}.${(addressCounter % 250) + 1}`;
}

export interface IntakeAttempt {
  status: number | 'network-error';
  receiptCode?: string;
  body?: unknown;
}

/** One intake as a browser sends it: challenge, proof, POST. */
export async function sendIntake(
  origin: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<IntakeAttempt> {
  const forwarded = headers['x-forwarded-for'] ?? nextTestAddress();
  try {
    const challenge = await fetch(`${origin}/api/challenge`, { headers: { ...headers, 'x-forwarded-for': forwarded } });
    if (!challenge.ok) return { status: challenge.status };
    const altcha = await solvePow((await challenge.json()) as Parameters<typeof solvePow>[0]);
    const response = await fetch(`${origin}/api/intake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers, 'x-forwarded-for': forwarded },
      body: JSON.stringify({ ...body, altcha }),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    return response.status === 201
      ? { status: 201, receiptCode: String(answer['receiptCode']), body: answer }
      : { status: response.status, body: answer };
  } catch {
    return { status: 'network-error' };
  }
}
