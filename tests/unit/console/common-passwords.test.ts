/**
 * Common and breached passwords are refused wherever a staff password is chosen: at set-up (`npm run admin:create`),
 * when accepting an invitation, and when changing one's password; a long uncommon passphrase is still welcome. The
 * list ships with the portal (no call to any outside service). On PGlite and PostgreSQL (TEST_DB_ENGINE).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseEnv } from '#src/db/client.server.ts';
import { acceptInvitation, createInvitation } from '#src/features/console/staff/invitations.server.ts';
import { findProjectRoot } from '#src/lib/project-root.server.ts';
import { createTestDatabaseEnv, testEngine } from '../../setup/db.ts';
import { runScript } from '../../setup/run-script.ts';
import { allRows } from '../intake/helpers.ts';
import { cookieOf, createConsoleBed, PASSWORD, type ConsoleBed } from './helpers.ts';

/** Twelve characters or more (the length rule passes), and on every list of breached passwords. */
const COMMON = ['password1234', 'Password1234', 'qwertyuiop123', '123456789012'];

describe(`common passwords are refused (${testEngine})`, () => {
  let bed: ConsoleBed;
  beforeAll(async () => {
    bed = await createConsoleBed();
  });
  afterAll(() => bed?.cleanup());

  it('when accepting an invitation: no account is created', async () => {
    const now = bed.clock.now();
    for (const password of COMMON) {
      const { token } = await bed.db.transaction((tx) =>
        createInvitation(
          tx,
          bed.keyring,
          {
            email: 'invited@example.invalid',
            role: 'point-staff',
            provinceCode: '01',
            pointId: bed.points.baDinh,
            lang: 'vi',
            invitedBy: null,
          },
          now,
        ),
      );
      await expect(acceptInvitation(bed.db, bed.keyring, { token, name: 'Người mới', password }, now)).rejects.toThrow(
        /common|phổ biến/i,
      );
    }
    const users = await allRows(bed.db, 'auth_users');
    expect(users.map((row) => row['email'])).not.toContain('invited@example.invalid');
  });

  it('when changing a password: the old one still works', async () => {
    const email = 'changer@example.invalid';
    await bed.staff({ email, role: 'point-staff', pointIds: [bed.points.baDinh], secondFactor: false });
    const signIn = () =>
      bed.console.auth.api.signInEmail({
        body: { email, password: PASSWORD },
        headers: new Headers(),
        returnHeaders: true,
      });
    const session = new Headers({ cookie: cookieOf((await signIn()).headers) });
    for (const newPassword of COMMON)
      await expect(
        bed.console.auth.api.changePassword({
          body: { currentPassword: PASSWORD, newPassword, revokeOtherSessions: false },
          headers: session,
        }),
      ).rejects.toThrow();
    expect((await signIn()).response).toHaveProperty('token');
    // A long passphrase that is on no list is accepted.
    await bed.console.auth.api.changePassword({
      body: { currentPassword: PASSWORD, newPassword: 'mây trắng bay qua đèo Hải Vân', revokeOtherSessions: false },
      headers: session,
    });
  });
});

describe(`common passwords are refused by admin:create (${testEngine})`, () => {
  let place: { env: DatabaseEnv; cleanup(): Promise<void> };
  beforeAll(async () => {
    place = await createTestDatabaseEnv();
  });
  afterAll(() => place.cleanup());

  it('exits 2 naming the password, in both languages, and creates nobody', async () => {
    const script = join(findProjectRoot(import.meta.url), 'scripts/admin-create.ts');
    const refused = await runScript(script, place.env, ['--email', 'chief@example.invalid', '--name', 'Trưởng ban'], {
      stdin: 'password1234\n',
      extraEnv: { KEY_FILE: join(place.env.dataDir, '..', 'common-passwords-test.key') },
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/password/i);
    expect(refused.stderr).toMatch(/mật khẩu/i);
    expect(refused.stderr).toMatch(/common|phổ biến/i);
  });
});
