/**
 * Per-point and per-province authorization on every console route, table-driven: the routes come from Astro's build
 * manifest (dist/routes.json), the expectations from console-route-rules.ts; a console route with no rule fails here.
 * For each route and example, each principal's GET gets exactly the expected answer; a cross-site POST is refused
 * whoever sends it; a POST without the session's CSRF token is refused on every private route.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { isConsolePath } from '#src/features/console/console-paths.ts';
import { localizedPath, routes } from '#src/features/site/routes.ts';
import { repoRoot } from '../setup/portal-process.ts';
import { consoleStaff, singleUseStaff, STAFF_PASSWORD, type StaffKey } from '../fixtures/console-staff.ts';
import { baseURL, csrfOf, newClient, readFixture, signedIn } from './console-helpers.ts';
import { consoleRouteRules, type Expectation, type Principal } from './console-route-rules.ts';

interface ManifestRoute {
  pattern: string;
  prerendered: boolean;
  type: string;
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'dist/routes.json'), 'utf8')) as ManifestRoute[];
const consoleRoutes = manifest.filter((route) => isConsolePath(route.pattern));

/** The route id and language of a manifest pattern (Astro writes `[id]` segments as the route table does). */
function routeOf(pattern: string): { id: keyof typeof routes; lang: 'vi' | 'en' } | undefined {
  for (const [id, paths] of Object.entries(routes) as Array<[keyof typeof routes, { vi: string; en: string }]>) {
    if (paths.vi === pattern) return { id, lang: 'vi' };
    if (paths.en === pattern) return { id, lang: 'en' };
  }
  return undefined;
}

const principals: readonly Principal[] = ['signedOut', ...(Object.keys(consoleStaff) as StaffKey[])];
const clients = new Map<Principal, APIRequestContext>();

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  clients.set('signedOut', await newClient('anonymous'));
  for (const key of Object.keys(consoleStaff) as StaffKey[]) clients.set(key, await signedIn(key));
});

test.afterAll(async () => {
  for (const client of clients.values()) await client.dispose();
});

test('the build manifest lists the console routes, none of them prerendered', () => {
  expect(consoleRoutes.length).toBeGreaterThanOrEqual(14);
  expect(consoleRoutes.filter((route) => route.prerendered).map((route) => route.pattern)).toEqual([]);
});

test('every console route in the build manifest has a rule', () => {
  const missing = consoleRoutes
    .map((route) => ({ pattern: route.pattern, route: routeOf(route.pattern) }))
    .filter(
      ({ route }) => route === undefined || consoleRouteRules[route.id as keyof typeof consoleRouteRules] === undefined,
    )
    .map(({ pattern }) => pattern);
  expect(missing, 'console routes without a line in console-route-rules.ts').toEqual([]);
});

function matches(status: number, location: string, expected: Expectation, lang: 'vi' | 'en'): boolean {
  const signIn = localizedPath('consoleSignIn', lang);
  if (expected === 'sign-in') return status === 303 && location.startsWith(signIn);
  if (expected === 'elsewhere') return status === 303 && !location.startsWith(signIn);
  return status === expected;
}

for (const route of consoleRoutes) {
  const found = routeOf(route.pattern);
  const rule = found === undefined ? undefined : consoleRouteRules[found.id as keyof typeof consoleRouteRules];
  if (found === undefined || rule === undefined) continue;
  for (const example of rule.examples) {
    test(`${route.pattern} (${example.about}): each principal gets what the rules say`, async () => {
      const fixture = readFixture();
      const path = `${localizedPath(found.id, found.lang, example.params?.(fixture) ?? {})}${example.query ?? ''}`;
      const seen: Record<string, string> = {};
      const wanted: Record<string, string> = {};
      for (const principal of principals) {
        const response = await clients.get(principal)!.get(path);
        const location = response.headers()['location'] ?? '';
        const expected = example.get[principal];
        wanted[principal] = String(expected);
        seen[principal] = matches(response.status(), location, expected, found.lang)
          ? String(expected)
          : `${response.status()} ${location}`;
        if (response.status() !== 303) expect(response.headers()['cache-control']).toBe('no-store');
      }
      expect(seen).toEqual(wanted);
    });
  }

  test(`${route.pattern}: a cross-site POST is refused, even with a session and a valid token`, async () => {
    const fixture = readFixture();
    const params = rule.examples[0]?.params?.(fixture) ?? {};
    const path = localizedPath(found.id, found.lang, params);
    for (const principal of ['signedOut', 'staffA', 'nationalAdmin'] as const) {
      const client = clients.get(principal)!;
      const csrf = csrfOf(await (await client.get(localizedPath('consoleAccount', found.lang))).text());
      const response = await client.post(path, {
        form: { csrf, action: 'acknowledge' },
        headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
      });
      expect(response.status(), `${principal} cross-site POST to ${path}`).toBe(403);
    }
  });

  if (!rule.public) {
    test(`${route.pattern}: a POST without the session's CSRF token is refused`, async () => {
      const fixture = readFixture();
      const path = localizedPath(found.id, found.lang, rule.examples[0]?.params?.(fixture) ?? {});
      for (const principal of ['staffA', 'staffB', 'hanoiAdmin'] as const) {
        const response = await clients.get(principal)!.post(path, { form: { action: 'acknowledge', csrf: 'forged' } });
        expect(response.status(), `${principal} POST without token to ${path}`).toBe(403);
      }
    });
  }
}

test('staff of another point cannot act on a case: the action changes nothing and leads back to the inbox', async () => {
  const fixture = readFixture();
  const path = localizedPath('consoleCase', 'vi', { id: fixture.caseOfY });
  const staffA = clients.get('staffA')!;
  const csrf = csrfOf(await (await staffA.get(localizedPath('consoleAccount', 'vi'))).text());
  for (const form of [
    { action: 'acknowledge' },
    { action: 'reply', 'reply-text': 'không được gửi' },
    { action: 'close', 'close-outcome': 'counselled' },
    { action: 'handover', 'handover-toPoint': fixture.pointsOfA[0]?.id ?? '', 'handover-reason': 'other' },
  ]) {
    const response = await staffA.post(path, { form: { csrf, ...form } });
    expect(response.status()).toBe(303);
    expect(response.headers()['location']).toBe(localizedPath('console', 'vi'));
  }
  const asB = await (await clients.get('staffB')!.get(path)).text();
  expect(asB).toContain('data-testid="case-status">Mới gửi<');
  expect(asB).not.toContain('không được gửi');
});

test('one client trying many accounts is stopped by its own limit (guessing at one account: console-lockout.spec.ts)', async () => {
  const one = await request.newContext({
    baseURL,
    maxRedirects: 0,
    extraHTTPHeaders: { Origin: baseURL, 'X-Forwarded-For': '198.51.100.160' },
  });
  const spread: number[] = [];
  for (let i = 0; i < 12; i++)
    spread.push(
      (
        await one.post('/quan-ly/dang-nhap', {
          form: { email: `nobody-${i}@example.invalid`, password: 'x', next: '/quan-ly' },
        })
      ).status(),
    );
  expect(spread.slice(10)).toEqual([429, 429]);
  await one.dispose();
});

test('the session cookie is HttpOnly and SameSite=Lax, and the console never lets a page be cached', async () => {
  // An account without a second factor yet gets its session at the password step (then sets the factor up).
  const client = await newClient('anonymous');
  const signIn = await client.post('/quan-ly/dang-nhap', {
    form: { email: singleUseStaff.cookieUser.email, password: STAFF_PASSWORD, next: '/quan-ly' },
  });
  const cookies = signIn
    .headersArray()
    .filter((header) => header.name.toLowerCase() === 'set-cookie')
    .map((header) => header.value);
  const session = cookies.find((cookie) => cookie.startsWith('hotro.session_token='));
  expect(session).toBeDefined();
  expect(session).toMatch(/; HttpOnly/i);
  expect(session).toMatch(/; SameSite=Lax/i);
  expect(session).toMatch(/; Path=\//);
  // Signed in without "remember me": the cookie ends with the browser (a shared family or office computer), and the
  // server ends the session itself after the idle limit whatever the cookie says.
  expect(session).not.toMatch(/Max-Age|Expires/i);
  const inbox = await client.get('/quan-ly');
  expect(inbox.status()).toBe(303);
  expect(inbox.headers()['location']).toContain('setup=two-factor');
  const account = await client.get(localizedPath('consoleAccount', 'vi'));
  expect(account.status()).toBe(200);
  expect(account.headers()['cache-control']).toMatch(/no-store/);
  await client.dispose();
});
