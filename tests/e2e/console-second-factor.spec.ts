/**
 * The second factor through the console's own forms, as a person meets it: recovery codes shown once at set-up sign
 * in, typed as shown or without their hyphen, each only once.
 */
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { localizedPath } from '#src/features/site/routes.ts';
import { useTranslations } from '#src/i18n/index.ts';
import { totpCode } from '../setup/totp.ts';
import { singleUseStaff, STAFF_PASSWORD, type SingleUseKey } from '../fixtures/console-staff.ts';
import { baseURL, csrfOf } from './console-helpers.ts';

test.describe.configure({ mode: 'serial' });

const vi = useTranslations('vi');

/** A browser-like client of its own (its own documentation address, so no other test's throttling meets it). */
function clientFrom(address: string): Promise<APIRequestContext> {
  return request.newContext({
    baseURL,
    maxRedirects: 0,
    extraHTTPHeaders: { Origin: baseURL, 'X-Forwarded-For': address },
  });
}

async function passwordStep(client: APIRequestContext, key: SingleUseKey): Promise<string> {
  const answer = await client.post(localizedPath('consoleSignIn', 'vi'), {
    form: { email: singleUseStaff[key].email, password: STAFF_PASSWORD, next: '/quan-ly' },
  });
  expect(answer.status(), `password step of ${key}`).toBe(303);
  return answer.headers()['location'] ?? '';
}

/** Sets the second factor up on the account page; returns the recovery codes it showed. */
async function setUpSecondFactor(client: APIRequestContext): Promise<string[]> {
  const accountPath = localizedPath('consoleAccount', 'vi');
  const csrf = csrfOf(await (await client.get(accountPath)).text());
  const started = await (
    await client.post(accountPath, { form: { csrf, action: 'start-two-factor', password: STAFF_PASSWORD } })
  ).text();
  const uri = /name="totpUri" value="([^"]+)"/.exec(started)?.[1]?.replaceAll('&amp;', '&');
  const list = /<ul class="backup-codes">([\s\S]*?)<\/ul>/.exec(started)?.[1] ?? '';
  const codes = [...list.matchAll(/<code>([^<]+)<\/code>/g)].map((match) => match[1] ?? '');
  if (uri === undefined) throw new Error('no authenticator secret shown');
  const confirmed = await client.post(accountPath, {
    form: { csrf, action: 'confirm-two-factor', totpUri: uri, code: totpCode(uri) },
  });
  expect(confirmed.status()).toBe(303);
  return codes;
}

async function withRecoveryCode(client: APIRequestContext, code: string) {
  return client.post(localizedPath('consoleVerify', 'vi'), { form: { code, kind: 'backup', next: '/quan-ly' } });
}

test('a recovery code signs in once, typed as shown or without its hyphen', async () => {
  const first = await clientFrom('198.51.100.41');
  await passwordStep(first, 'recoveryUser');
  const codes = await setUpSecondFactor(first);
  expect(codes.length).toBeGreaterThanOrEqual(8);
  await first.dispose();
  const [asShown = '', withoutHyphen = ''] = codes;

  // As shown at set-up (with its hyphen): signed in, the console opens.
  const second = await clientFrom('198.51.100.42');
  expect(await passwordStep(second, 'recoveryUser')).toContain(localizedPath('consoleVerify', 'vi'));
  const used = await withRecoveryCode(second, asShown);
  expect(used.status()).toBe(303);
  expect(used.headers()['location']).toBe('/quan-ly');
  expect((await second.get('/quan-ly')).status()).toBe(200);
  await second.dispose();

  // The same code again: refused, and the console stays closed.
  const third = await clientFrom('198.51.100.43');
  await passwordStep(third, 'recoveryUser');
  const again = await withRecoveryCode(third, asShown);
  expect(again.status()).toBe(400);
  expect(await again.text()).toContain(vi('console.verify.code.wrong'));
  expect((await third.get('/quan-ly')).status()).toBe(303);

  // Another code typed without its hyphen (and with stray spaces) works too, in the same sign-in.
  const typed = ` ${withoutHyphen.replace('-', '')} `;
  const other = await withRecoveryCode(third, typed);
  expect(other.status()).toBe(303);
  expect((await third.get('/quan-ly')).status()).toBe(200);
  await third.dispose();
});
