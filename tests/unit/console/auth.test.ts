/**
 * Staff accounts and sessions as stored: argon2id passwords, no IP address or user agent in any session row (and the
 * database refuses one), sessions that end on sign-out everywhere, disabled accounts that are not signed in, and a
 * second factor whose secret is not stored in clear. On PGlite and PostgreSQL (TEST_DB_ENGINE).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalFromHeaders } from '#src/features/console/auth/session.server.ts';
import {
  createInvitation,
  acceptInvitation,
  findOpenInvitation,
} from '#src/features/console/staff/invitations.server.ts';
import { staffProfiles } from '#src/db/schema/index.ts';
import { testEngine } from '../../setup/db.ts';
import { totpCode } from '../../setup/totp.ts';
import { allRows } from '../intake/helpers.ts';
import { createConsoleBed, PASSWORD, type ConsoleBed } from './helpers.ts';

const cookieOf = (headers: Headers) =>
  headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');

describe(`staff accounts and sessions (${testEngine})`, () => {
  let bed: ConsoleBed;
  beforeAll(async () => {
    bed = await createConsoleBed();
  });
  afterAll(() => bed?.cleanup());

  const signIn = async (email: string, password = PASSWORD) =>
    bed.console.auth.api.signInEmail({
      body: { email, password },
      headers: new Headers({ 'user-agent': 'Secret UA/1.0', 'x-forwarded-for': '203.0.113.77' }),
      returnHeaders: true,
    });

  it('stores passwords as argon2id and sessions without an address or a user agent', async () => {
    await bed.staff({
      email: 'one@example.invalid',
      role: 'point-staff',
      pointIds: [bed.points.baDinh],
      secondFactor: false,
    });
    await signIn('one@example.invalid');
    const accounts = await allRows(bed.db, 'auth_accounts');
    expect(accounts.map((row) => String(row['password']).slice(0, 10))).toEqual(accounts.map(() => '$argon2id$'));
    const sessions = await allRows(bed.db, 'auth_sessions');
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((row) => row['ip_address'] === null && row['user_agent'] === null)).toBe(true);
    expect(JSON.stringify(sessions)).not.toMatch(/203\.0\.113\.77|Secret UA/);
  });

  it('refuses, in the database itself, a session row that carries an address', async () => {
    const [user] = await allRows(bed.db, 'auth_users');
    const attempt = bed.db.execute(
      sql`insert into auth_sessions (id, expires_at, token, ip_address, user_id) values ('x', now(), 'x', '203.0.113.77', ${String(user?.['id'])})`,
    );
    await expect(attempt).rejects.toThrow();
  });

  it('refuses a wrong password, and signs in nobody whose account is disabled', async () => {
    await bed.staff({
      email: 'two@example.invalid',
      role: 'point-staff',
      pointIds: [bed.points.baDinh],
      secondFactor: false,
    });
    await expect(signIn('two@example.invalid', 'wrong password here')).rejects.toThrow();
    const ok = await signIn('two@example.invalid');
    const headers = new Headers({ cookie: cookieOf(ok.headers) });
    expect(await principalFromHeaders(bed.console, headers)).not.toBeNull();
    await bed.db.execute(sql`update staff_profiles set disabled_at = now() where user_id = ${ok.response.user.id}`);
    expect(await principalFromHeaders(bed.console, headers)).toBeNull();
    void staffProfiles;
  });

  it('ends every session of an account on "sign out everywhere"', async () => {
    await bed.staff({
      email: 'three@example.invalid',
      role: 'point-staff',
      pointIds: [bed.points.baDinh],
      secondFactor: false,
    });
    const first = new Headers({ cookie: cookieOf((await signIn('three@example.invalid')).headers) });
    const second = new Headers({ cookie: cookieOf((await signIn('three@example.invalid')).headers) });
    await bed.console.auth.api.revokeSessions({ headers: first });
    expect(await principalFromHeaders(bed.console, first)).toBeNull();
    expect(await principalFromHeaders(bed.console, second)).toBeNull();
  });

  it('sets up TOTP and then asks for the code at sign-in; the secret is not stored in clear', async () => {
    await bed.staff({
      email: 'admin@example.invalid',
      role: 'province-admin',
      provinceCode: '01',
      secondFactor: false,
    });
    const session = new Headers({ cookie: cookieOf((await signIn('admin@example.invalid')).headers) });
    const started = await bed.console.auth.api.enableTwoFactor({ body: { password: PASSWORD }, headers: session });
    if (started.method !== 'totp') throw new Error('not TOTP');
    await bed.console.auth.api.verifyTOTP({ body: { code: totpCode(started.totpURI) }, headers: session });
    const secret = new URL(started.totpURI).searchParams.get('secret') ?? '';
    expect(JSON.stringify(await allRows(bed.db, 'auth_two_factors'))).not.toContain(secret);
    const again = await signIn('admin@example.invalid');
    expect(again.response).toMatchObject({ twoFactorRedirect: true });
    const pending = new Headers({ cookie: cookieOf(again.headers) });
    expect(await principalFromHeaders(bed.console, pending)).toBeNull();
    await expect(bed.console.auth.api.verifyTOTP({ body: { code: '000000' }, headers: pending })).rejects.toThrow();
    const verified = await bed.console.auth.api.verifyTOTP({
      // The code of the next step (already accepted): the set-up's code has been used, and works only once.
      body: { code: totpCode(started.totpURI, new Date(Date.now() + 30_000)) },
      headers: pending,
      returnHeaders: true,
    });
    const principal = await principalFromHeaders(bed.console, new Headers({ cookie: cookieOf(verified.headers) }));
    expect(principal?.twoFactorEnabled).toBe(true);
  });

  it('keeps only the hash of an invitation token, accepts it once, and tells the point', async () => {
    await bed.staff({
      email: 'member@example.invalid',
      role: 'point-staff',
      pointIds: [bed.points.hoanKiem],
      secondFactor: false,
    });
    const now = bed.clock.now();
    const { token } = await bed.db.transaction((tx) =>
      createInvitation(
        tx,
        bed.keyring,
        {
          email: 'new@example.invalid',
          role: 'point-staff',
          provinceCode: '01',
          pointId: bed.points.hoanKiem,
          lang: 'vi',
          invitedBy: null,
        },
        now,
      ),
    );
    const stored = JSON.stringify(await allRows(bed.db, 'staff_invitations'));
    expect(stored).not.toContain(token);
    expect(JSON.stringify(await allRows(bed.db, 'outbox'))).not.toContain(token);
    const before = (await allRows(bed.db, 'outbox')).length;
    expect(
      await acceptInvitation(bed.db, bed.keyring, { token, name: 'Người mới', password: PASSWORD }, now),
    ).toBeDefined();
    expect(
      await acceptInvitation(bed.db, bed.keyring, { token, name: 'Lần hai', password: PASSWORD }, now),
    ).toBeUndefined();
    const notices = (await allRows(bed.db, 'outbox')).slice(before);
    expect(notices.map((row) => row['kind'])).toEqual(['point-staff-changed']);
    const principal = await principalFromHeaders(
      bed.console,
      new Headers({ cookie: cookieOf((await signIn('new@example.invalid')).headers) }),
    );
    expect(principal?.pointIds).toEqual([bed.points.hoanKiem]);
  });

  it('refuses an expired invitation', async () => {
    const now = bed.clock.now();
    const { token } = await bed.db.transaction((tx) =>
      createInvitation(
        tx,
        bed.keyring,
        {
          email: 'late@example.invalid',
          role: 'province-admin',
          provinceCode: '01',
          pointId: null,
          lang: 'en',
          invitedBy: null,
        },
        now,
      ),
    );
    const eightDaysLater = new Date(now.getTime() + 8 * 24 * 3600 * 1000);
    expect(await findOpenInvitation(bed.db, bed.keyring, token, eightDaysLater)).toBeUndefined();
    expect(await findOpenInvitation(bed.db, bed.keyring, token, now)).toBeDefined();
  });
});

describe('session cookies behind HTTPS', () => {
  it('are Secure, HttpOnly and SameSite=Lax when the public origin is https', async () => {
    const bed = await createConsoleBed();
    try {
      const { createAuth } = await import('#src/features/console/auth/auth.server.ts');
      const auth = createAuth({ db: bed.db, keyring: bed.keyring, baseUrl: 'https://hotro.example.gov.vn' });
      await bed.staff({
        email: 'tls@example.invalid',
        role: 'point-staff',
        pointIds: [bed.points.baDinh],
        secondFactor: false,
      });
      const signIn = await auth.api.signInEmail({
        body: { email: 'tls@example.invalid', password: PASSWORD },
        headers: new Headers(),
        returnHeaders: true,
      });
      const session = signIn.headers.getSetCookie().find((cookie) => cookie.includes('session_token='));
      expect(session).toMatch(/; Secure/);
      expect(session).toMatch(/; HttpOnly/);
      expect(session).toMatch(/; SameSite=Lax/);
    } finally {
      await bed.cleanup();
    }
  });
});
