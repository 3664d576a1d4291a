/**
 * Guessing a staff member's password must not lock that person out (issue 17, item 1). Wrong sign-ins slow guessing at
 * one account down — five free attempts, then 1, 2, 4, 8 and 16 seconds between attempts, then 30 seconds — and an
 * attempt refused for being too early costs nothing. A browser that signed in to the account before (its signed device
 * cookie) is not slowed by what others do; a new client waits at most 30 seconds after the guessing stops. So 50 clients
 * together get at most GUESSES_PER_HOUR guesses at one account in any hour (the figure in the README's console section
 * and ADR 009; tests/unit/console/sign-in-slowdown.test.ts runs that hour on a moved clock).
 *
 * Each client speaks from its own documentation address (X-Forwarded-For; the e2e server trusts one proxy).
 */
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { localizedPath } from '#src/features/site/routes.ts';
import { singleUseStaff, STAFF_PASSWORD, type SingleUseKey } from '../fixtures/console-staff.ts';
import { baseURL, csrfOf } from './console-helpers.ts';

/** The stated limit: 5 free guesses, then 1, 2, 4, 8, 16 seconds apart, then one each 30 seconds. */
const FREE_GUESSES = 5;
const MOST_WAIT_SECONDS = 30;
/** At most this many guesses at one account in any hour, however many clients guess (5 + 5 + 118 thirty-second steps). */
const GUESSES_PER_HOUR = 128;

/** The most guesses the stated schedule lets through in `seconds` (from the first guess on). */
function mostGuessesWithin(seconds: number): number {
  let guesses = FREE_GUESSES;
  let at = 0;
  for (let failures = FREE_GUESSES; ; failures++) {
    at += Math.min(2 ** (failures - FREE_GUESSES), MOST_WAIT_SECONDS);
    if (at > seconds) return guesses;
    guesses++;
  }
}

const signInPath = localizedPath('consoleSignIn', 'vi');

function clientFrom(address: string): Promise<APIRequestContext> {
  return request.newContext({
    baseURL,
    maxRedirects: 0,
    extraHTTPHeaders: { Origin: baseURL, 'X-Forwarded-For': address },
  });
}

function signIn(client: APIRequestContext, key: SingleUseKey, password: string) {
  return client.post(signInPath, { form: { email: singleUseStaff[key].email, password, next: '/quan-ly' } });
}

/** Accepted: sent on into the console (or to the code step), never back to the sign-in form. */
function accepted(status: number, location: string | undefined): boolean {
  return status === 303 && location !== undefined && !location.startsWith(signInPath);
}

/** The owner's browser: signs in with the right password, then signs out, as at the end of a working day. */
async function browserThatSignedInBefore(key: SingleUseKey, address: string): Promise<APIRequestContext> {
  const browser = await clientFrom(address);
  const first = await signIn(browser, key, STAFF_PASSWORD);
  expect(accepted(first.status(), first.headers()['location']), 'first sign-in of the owner').toBe(true);
  const csrf = csrfOf(await (await browser.get(localizedPath('consoleAccount', 'vi'))).text());
  const out = await browser.post(localizedPath('consoleSignOut', 'vi'), { form: { csrf } });
  expect(out.status()).toBe(303);
  const home = await browser.get('/quan-ly');
  expect(home.headers()['location'] ?? '').toContain(signInPath);
  return browser;
}

/** Signs the owner in from a client never used before, trying again every 2 seconds; the seconds it took. */
async function ownerFromNewClient(key: SingleUseKey, address: string): Promise<number> {
  const client = await clientFrom(address);
  const started = Date.now();
  try {
    for (;;) {
      const answer = await signIn(client, key, STAFF_PASSWORD);
      if (accepted(answer.status(), answer.headers()['location'])) return (Date.now() - started) / 1000;
      // Too early: the page says how long to wait, and the wait is short.
      expect(answer.status()).toBe(429);
      expect(await answer.text()).toMatch(/giây/);
      if (Date.now() - started > 60_000) return Number.POSITIVE_INFINITY;
      await new Promise((done) => setTimeout(done, 2_000));
    }
  } finally {
    await client.dispose();
  }
}

/** Guesses sent and their answers: how many reached the password check (400), and none signed in. */
interface Burst {
  guesses: number;
  refused: number;
  seconds: number;
}

async function wrongPasswords(
  key: SingleUseKey,
  clients: readonly APIRequestContext[],
  perClient: number,
  parallel: number,
): Promise<Burst> {
  const started = Date.now();
  const answers: number[] = [];
  // Round by round: the first guess of every client, then the second, and so on; `parallel` requests at a time.
  const jobs = Array.from({ length: perClient }, (_, i) =>
    clients.map((client, c) => async () => {
      const answer = await signIn(client, key, `wrong guess ${c}-${i}`);
      answers.push(answer.status());
    }),
  ).flat();
  for (let i = 0; i < jobs.length; i += parallel) await Promise.all(jobs.slice(i, i + parallel).map((job) => job()));
  expect(answers.length).toBe(clients.length * perClient);
  expect(answers.filter((status) => status !== 400 && status !== 429)).toEqual([]);
  return {
    guesses: answers.filter((status) => status === 400).length,
    refused: answers.filter((status) => status === 429).length,
    seconds: (Date.now() - started) / 1000,
  };
}

test('after 1,000 wrong sign-ins from one client, the owner signs in at once from their browser and within a minute from a new client', async () => {
  test.setTimeout(240_000);
  // The owner's browser shares the guesser's address (one office network): its device cookie is what lets it through.
  const shared = '203.0.113.70';
  const browser = await browserThatSignedInBefore('lockoutOneClient', shared);
  const guesser = await clientFrom(shared);
  const burst = await wrongPasswords('lockoutOneClient', [guesser], 1000, 10);
  await guesser.dispose();
  expect
    .soft(burst.guesses, 'guesses that reached the password check')
    .toBeLessThanOrEqual(mostGuessesWithin(burst.seconds));
  expect(burst.refused).toBeGreaterThan(900);

  const started = Date.now();
  const again = await signIn(browser, 'lockoutOneClient', STAFF_PASSWORD);
  expect(accepted(again.status(), again.headers()['location']), 'the browser that signed in before').toBe(true);
  expect(Date.now() - started).toBeLessThan(5_000);
  await browser.dispose();

  expect(await ownerFromNewClient('lockoutOneClient', '203.0.113.71')).toBeLessThan(60);
});

test('after 10 wrong sign-ins from each of 50 clients, the owner signs in at once from their browser and within a minute from a new client', async () => {
  test.setTimeout(240_000);
  const browser = await browserThatSignedInBefore('lockoutManyClients', '203.0.113.80');
  const guessers = await Promise.all(Array.from({ length: 50 }, (_, i) => clientFrom(`198.18.0.${10 + i}`)));
  // All 50 clients at once, each sending its 10 one after another.
  const burst = await wrongPasswords('lockoutManyClients', guessers, 10, 50);
  await Promise.all(guessers.map((client) => client.dispose()));
  expect
    .soft(burst.guesses, 'guesses that reached the password check')
    .toBeLessThanOrEqual(mostGuessesWithin(burst.seconds));
  expect(burst.guesses).toBeLessThanOrEqual(GUESSES_PER_HOUR);

  const started = Date.now();
  const again = await signIn(browser, 'lockoutManyClients', STAFF_PASSWORD);
  expect(accepted(again.status(), again.headers()['location']), 'the browser that signed in before').toBe(true);
  expect(Date.now() - started).toBeLessThan(5_000);
  await browser.dispose();

  expect(await ownerFromNewClient('lockoutManyClients', '203.0.113.81')).toBeLessThan(60);
});
