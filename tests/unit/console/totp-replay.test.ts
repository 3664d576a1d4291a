/**
 * A TOTP code works once: a code already used (to sign in, or to confirm the set-up) is refused, by whichever portal
 * instance sees it again — two better-auth instances here, each on its own database connection on PostgreSQL (one
 * PGlite handle allows one connection, so two instances share it there). On PGlite and PostgreSQL (TEST_DB_ENGINE).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '#src/db/postgres.server.ts';
import type { DatabaseHandle } from '#src/db/types.ts';
import { principalFromHeaders } from '#src/features/console/auth/session.server.ts';
import { buildConsoleServices, type ConsoleServices } from '#src/features/console/services.server.ts';
import { testEngine } from '../../setup/db.ts';
import { totpCode } from '../../setup/totp.ts';
import { allRows } from '../intake/helpers.ts';
import { cookieOf, createConsoleBed, PASSWORD, type ConsoleBed } from './helpers.ts';

const STEP_MS = 30_000;

/** Waits for a fresh 30-second step when the current one is about to end, so the steps below stay put. */
async function freshStep(): Promise<number> {
  const remaining = STEP_MS - (Date.now() % STEP_MS);
  if (remaining < 12_000) await new Promise((done) => setTimeout(done, remaining + 200));
  return Math.floor(Date.now() / STEP_MS);
}

describe(`a TOTP code is accepted once, across instances (${testEngine})`, () => {
  let bed: ConsoleBed;
  let secondHandle: DatabaseHandle | undefined;
  let one: ConsoleServices;
  let two: ConsoleServices;
  beforeAll(async () => {
    bed = await createConsoleBed();
    one = bed.console;
    const url = bed.database.url;
    secondHandle = url === undefined ? undefined : await openPostgres(url);
    two = buildConsoleServices({
      handle: secondHandle ?? bed.database.handle,
      keyring: bed.keyring,
      baseUrl: 'http://127.0.0.1:4321',
      clock: bed.clock,
    });
  });
  afterAll(async () => {
    await secondHandle?.close();
    await bed?.cleanup();
  });

  const passwordStep = async (services: ConsoleServices, email: string) => {
    const signedIn = await services.auth.api.signInEmail({
      body: { email, password: PASSWORD },
      headers: new Headers(),
      returnHeaders: true,
    });
    expect(signedIn.response).toMatchObject({ twoFactorRedirect: true });
    return new Headers({ cookie: cookieOf(signedIn.headers) });
  };
  const sessionsOf = async (userId: string) =>
    (await allRows(bed.db, 'auth_sessions')).filter((row) => row['user_id'] === userId).length;

  it('refuses on instance two the code instance one accepted, and starts no session for it', async () => {
    const step = await freshStep();
    const email = 'replay@example.invalid';
    const principal = await bed.staff({ email, role: 'province-admin', provinceCode: '01' });
    const uri = bed.totpUris.get(email) ?? '';
    const code = totpCode(uri, new Date(step * STEP_MS));

    const accepted = await one.auth.api.verifyTOTP({
      body: { code },
      headers: await passwordStep(one, email),
      returnHeaders: true,
    });
    expect(await principalFromHeaders(one, new Headers({ cookie: cookieOf(accepted.headers) }))).not.toBeNull();
    const before = await sessionsOf(principal.userId);

    const pending = await passwordStep(two, email);
    await expect(two.auth.api.verifyTOTP({ body: { code }, headers: pending, returnHeaders: true })).rejects.toThrow();
    expect(await sessionsOf(principal.userId)).toBe(before);
    // And on instance one too.
    await expect(
      one.auth.api.verifyTOTP({ body: { code }, headers: await passwordStep(one, email), returnHeaders: true }),
    ).rejects.toThrow();

    // The next code (of the following step, which the library accepts already) still signs in.
    const next = totpCode(uri, new Date((step + 1) * STEP_MS));
    const signedIn = await two.auth.api.verifyTOTP({
      body: { code: next },
      headers: await passwordStep(two, email),
      returnHeaders: true,
    });
    expect(await principalFromHeaders(two, new Headers({ cookie: cookieOf(signedIn.headers) }))).not.toBeNull();
  });

  it('refuses, at sign-in, the code that confirmed the set-up', async () => {
    await freshStep();
    const email = 'setup-code@example.invalid';
    await bed.staff({ email, role: 'province-admin', provinceCode: '01' });
    // bed.staff confirmed the set-up with the previous step's code, which is still within the accepted window.
    const setupCode = totpCode(bed.totpUris.get(email) ?? '', new Date(Date.now() - STEP_MS));
    await expect(
      two.auth.api.verifyTOTP({ body: { code: setupCode }, headers: await passwordStep(two, email) }),
    ).rejects.toThrow();
  });
});
