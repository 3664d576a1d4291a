/**
 * Signing in to the console from the end-to-end tests, as a browser would (form posts with the page's Origin), with
 * the seeded staff of tests/fixtures/console-staff.ts. An administrator's first sign-in sets up the second factor on
 * the account page, like a person would; the secret is kept in DATA_DIR so later sign-ins (other specs, same run)
 * can compute their codes. Each principal speaks from its own documentation address (X-Forwarded-For; the e2e server
 * trusts one proxy), so sign-in throttling per client does not mix the tests up.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request, type APIRequestContext, type Page } from '@playwright/test';
import { localizedPath } from '#src/features/site/routes.ts';
import { useTranslations, type Lang } from '#src/i18n/index.ts';
import { totpCode } from '../setup/totp.ts';
import {
  consoleStaff,
  FIXTURE_FILE,
  STAFF_PASSWORD,
  type ConsoleFixture,
  type StaffKey,
} from '../fixtures/console-staff.ts';
import { e2eDataDir as dataDir } from '../setup/e2e-data-dir.ts';

export const baseURL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4400)}`;

export function readFixture(): ConsoleFixture {
  return JSON.parse(readFileSync(join(dataDir, FIXTURE_FILE), 'utf8')) as ConsoleFixture;
}

const secretFile = (key: StaffKey) => join(dataDir, `e2e-totp-${key}.txt`);

/** The TOTP secret set up for an administrator in this run, if any. */
export function storedSecret(key: StaffKey): string | undefined {
  return existsSync(secretFile(key)) ? readFileSync(secretFile(key), 'utf8').trim() : undefined;
}

const addresses: Record<StaffKey | 'anonymous', string> = {
  staffA: '198.51.100.11',
  staffB: '198.51.100.12',
  hanoiAdmin: '198.51.100.13',
  danangAdmin: '198.51.100.14',
  nationalAdmin: '198.51.100.15',
  anonymous: '198.51.100.10',
};

/** A client with no session, posting like a browser on the portal's own pages. */
export function newClient(who: StaffKey | 'anonymous'): Promise<APIRequestContext> {
  return request.newContext({
    baseURL,
    maxRedirects: 0,
    extraHTTPHeaders: { Origin: baseURL, 'X-Forwarded-For': addresses[who] },
  });
}

/** The value of the first `<input name="csrf">` of a page. */
export function csrfOf(html: string): string {
  return /name="csrf" value="([^"]*)"/.exec(html)?.[1] ?? '';
}

/**
 * The code `key`'s authenticator app shows now, as a person would type it: never one the portal has seen already (each
 * code works once, so after a code of this 30-second step was used the next step is awaited), nor one about to expire.
 */
async function freshCode(secretUri: string, key: StaffKey): Promise<string> {
  const usedStep = join(dataDir, `e2e-totp-${key}.last-step`);
  for (;;) {
    const now = Date.now();
    const step = Math.floor(now / 30_000);
    const remaining = 30_000 - (now % 30_000);
    const last = existsSync(usedStep) ? Number(readFileSync(usedStep, 'utf8')) : -1;
    if (remaining >= 3_000 && step > last) {
      writeFileSync(usedStep, `${step}\n`);
      return totpCode(secretUri, new Date(now));
    }
    await new Promise((done) => setTimeout(done, remaining + 200));
  }
}

/**
 * Signs `key` in on a new client and returns it (its cookies hold the session). Administrators get their second
 * factor set up on the first sign-in of the run.
 */
export async function signedIn(key: StaffKey): Promise<APIRequestContext> {
  const client = await newClient(key);
  const staff = consoleStaff[key];
  const signIn = await client.post(localizedPath('consoleSignIn', 'vi'), {
    form: { email: staff.email, password: STAFF_PASSWORD, next: '/quan-ly' },
  });
  if (signIn.status() !== 303) throw new Error(`sign-in of ${key} answered ${signIn.status()}`);
  const location = signIn.headers()['location'] ?? '';
  if (location.startsWith(localizedPath('consoleVerify', 'vi'))) {
    const secret = storedSecret(key);
    if (secret === undefined) throw new Error(`${key} has a second factor but no stored secret`);
    const verify = await client.post(localizedPath('consoleVerify', 'vi'), {
      form: { code: await freshCode(`otpauth://totp/x?secret=${secret}`, key), kind: 'totp', next: '/quan-ly' },
    });
    if (verify.status() !== 303) throw new Error(`second factor of ${key} answered ${verify.status()}`);
    return client;
  }
  const home = await client.get('/quan-ly');
  const setupAt = home.headers()['location'] ?? '';
  if (home.status() === 303 && setupAt.includes('setup=two-factor')) await setUpSecondFactor(client, key);
  return client;
}

/** Sets up the second factor through the account page, keeping the secret for later sign-ins. */
async function setUpSecondFactor(client: APIRequestContext, key: StaffKey): Promise<void> {
  const accountPath = localizedPath('consoleAccount', 'vi');
  const csrf = csrfOf(await (await client.get(accountPath)).text());
  const started = await client.post(accountPath, {
    form: { csrf, action: 'start-two-factor', password: STAFF_PASSWORD },
  });
  const html = await started.text();
  const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(html)?.[1];
  const uri = /name="totpUri" value="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
  if (secret === undefined || uri === undefined) throw new Error(`no TOTP secret shown to ${key}`);
  const confirmed = await client.post(accountPath, {
    form: { csrf, action: 'confirm-two-factor', totpUri: uri, code: await freshCode(uri, key) },
  });
  if (confirmed.status() !== 303)
    throw new Error(`confirming the second factor of ${key} answered ${confirmed.status()}`);
  writeFileSync(secretFile(key), `${secret}\n`);
}

/**
 * In a browser at the code step of `key`'s sign-in: types the code their authenticator shows and sends it. The second
 * factor is set up first (through the forms, by signedIn()) when this run has not done it yet.
 */
export async function ensureSecondFactor(key: StaffKey): Promise<void> {
  if (storedSecret(key) === undefined) await (await signedIn(key)).dispose();
}

export async function enterCode(page: Page, key: StaffKey, lang: Lang): Promise<void> {
  const secret = storedSecret(key);
  if (secret === undefined) throw new Error(`${key} has no second factor set up in this run`);
  const tr = useTranslations(lang);
  await page
    .getByLabel(tr('console.verify.code.label'))
    .fill(await freshCode(`otpauth://totp/x?secret=${secret}`, key));
  await page.getByRole('button', { name: tr('console.verify.submit') }).click();
}
