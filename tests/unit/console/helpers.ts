/**
 * The console on a fresh test database: the intake harness (three points: two in Hà Nội, one in Thành phố Hồ Chí
 * Minh, a real keyring and the real intake handler), the console's services over it, staff accounts made the way
 * invitations make them, and requests made through the real intake handler.
 */
import { handleIntake } from '#src/features/intake/handle-intake.server.ts';
import { buildConsoleServices, type ConsoleServices } from '#src/features/console/services.server.ts';
import { principalFromHeaders } from '#src/features/console/auth/session.server.ts';
import type { Principal } from '#src/features/console/principal.ts';
import { createStaffAccount } from '#src/features/console/staff/account-creation.server.ts';
import type { StaffRole } from '#src/features/lists/index.ts';
import { totpCode } from '../../setup/totp.ts';
import { createIntakeHarness, validRequest, type IntakeHarness } from '../intake/helpers.ts';

/** The cookies a response sets, as a Cookie header. */
export const cookieOf = (headers: Headers): string =>
  headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');

export const PASSWORD = 'a long test passphrase';

export interface ConsoleBed extends IntakeHarness {
  console: ConsoleServices;
  /** Ba Đình (counselling), Hoàn Kiếm (voluntary rehab, post-rehab), Thủ Dầu Một (methadone). */
  points: { baDinh: string; hoanKiem: string; thuDauMot: string };
  /**
   * Creates an account, signs it in with its password and sets up its second factor (unless `secondFactor: false`), as
   * a person does at first sign-in; returns its principal (from a real session cookie).
   */
  staff(options: {
    email: string;
    role: StaffRole;
    provinceCode?: string;
    pointIds?: string[];
    secondFactor?: boolean;
  }): Promise<Principal>;
  /** The authenticator URI of each account whose second factor `staff()` set up, by e-mail address. */
  totpUris: Map<string, string>;
  /** Sends a request through the intake handler (no anti-abuse gate); returns the receipt code and the point. */
  intake(overrides?: Record<string, unknown>): Promise<{ receiptCode: string; pointId: string; caseId: string }>;
}

export async function createConsoleBed(): Promise<ConsoleBed> {
  const harness = await createIntakeHarness();
  const [baDinh, hoanKiem, thuDauMot] = harness.pointIds as [string, string, string];
  const consoleServices = buildConsoleServices({
    handle: harness.database.handle,
    keyring: harness.keyring,
    baseUrl: 'http://127.0.0.1:4321',
    clock: harness.clock,
  });
  const totpUris = new Map<string, string>();
  return {
    ...harness,
    console: consoleServices,
    points: { baDinh, hoanKiem, thuDauMot },
    totpUris,
    async staff({ email, role, provinceCode, pointIds = [], secondFactor = true }) {
      await harness.db.transaction((tx) =>
        createStaffAccount(
          tx,
          {
            email,
            name: email.split('@')[0] ?? email,
            password: PASSWORD,
            role,
            provinceCode: provinceCode ?? null,
            pointIds,
            lang: 'vi',
          },
          harness.clock.now(),
        ),
      );
      const signIn = await consoleServices.auth.api.signInEmail({
        body: { email, password: PASSWORD },
        headers: new Headers(),
        returnHeaders: true,
      });
      let cookie = cookieOf(signIn.headers);
      if (secondFactor) {
        const session = new Headers({ cookie });
        const started = await consoleServices.auth.api.enableTwoFactor({
          body: { password: PASSWORD },
          headers: session,
        });
        if (started.method !== 'totp') throw new Error('not TOTP');
        // The code of the previous 30-second step (still accepted), so a sign-in in the test can use the current one.
        const code = totpCode(started.totpURI, new Date(Date.now() - 30_000));
        const verified = await consoleServices.auth.api.verifyTOTP({
          body: { code },
          headers: session,
          returnHeaders: true,
        });
        cookie = cookieOf(verified.headers);
        totpUris.set(email, started.totpURI);
      }
      const principal = await principalFromHeaders(consoleServices, new Headers({ cookie }));
      if (principal === null) throw new Error(`no principal for ${email}`);
      return principal;
    },
    async intake(overrides = {}) {
      const outcome = await handleIntake(validRequest(overrides), {
        lang: 'vi',
        clientKey: harness.clientKey,
        gate: false,
        services: harness.services,
      });
      if (outcome.kind !== 'accepted') throw new Error(`intake not accepted: ${JSON.stringify(outcome)}`);
      return { receiptCode: outcome.receiptCode, pointId: outcome.routing.point.id, caseId: outcome.caseId };
    },
  };
}
