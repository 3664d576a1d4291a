import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import https from 'node:https';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { Resvg } from '@resvg/resvg-js';
import jsQR from 'jsqr';
import { Redis } from 'ioredis';
import pg from 'pg';
import { openDatabase } from '#src/db/client.server.ts';
import { createStaffAccount } from '#src/features/console/staff/account-creation.server.ts';
import { ageBands, helpWanted, requesterKinds } from '#src/features/lists/index.ts';
import { RECEIPT_CODE_PATTERN } from '#src/features/intake/receipt-code.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { useTranslations } from '#src/i18n/index.ts';
import { totpCode } from '../setup/totp.ts';
import { repoRoot } from '../setup/portal-process.ts';
import { UPSTREAM_FAILURE, type TappedRequest } from './header-tap.ts';
import { HTTPS_PORT, PROXIES, TEST_HOST, readState, type StackState } from './stack.ts';

// Through the TLS of each documented proxy (one Playwright project each: nginx, Caddy), as a person and an operator meet
// the portal in production (tests/proxy/stack.ts): Chromium asks for help with JavaScript on and off, follows the
// request up, a member of staff signs in with a second factor and replies; the proxy's logs keep nothing about the
// client, the portal receives the connecting address as the only X-Forwarded-For entry, a forged one does not buy a new
// rate-limit bucket, and both portals count in the same buckets (Redis).

const t = useTranslations('vi');
let proxy: (typeof PROXIES)[number];
let STAFF_EMAIL: string;
const STAFF_PASSWORD = 'proxy suite passphrase only';
const MARKER = 'proxy-suite-reply';
let state: StackState;
const codes: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  state = readState();
  const name = test.info().project.name;
  const found = PROXIES.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no proxy named ${name}`);
  proxy = found;
  STAFF_EMAIL = `proxy-suite-staff-${proxy.name}@example.invalid`;
});

/** The origin every page, link and request must stay on. */
function expectOnSite(url: string): void {
  expect(new URL(url).origin).toBe(state.siteUrl);
}

async function waitForProof(page: Page, js: boolean, since: number): Promise<void> {
  if (js) await expect(page.locator('input[name="altcha"]').first()).not.toHaveValue('', { timeout: 45_000 });
  else await page.waitForTimeout(Math.max(0, since + 3_300 - Date.now()));
}

async function ask(browser: Browser, js: boolean): Promise<string> {
  const context = await browser.newContext({ javaScriptEnabled: js });
  const page = await context.newPage();
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== state.siteUrl) elsewhere.push(request.url());
  });
  await page.goto(localizedPath('askForHelp', 'vi'));
  expectOnSite(page.url());
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
    'href',
    `${state.siteUrl}${localizedPath('askForHelp', 'vi')}`,
  );
  await page.getByRole('radio', { name: requesterKinds.label('family', 'vi'), exact: true }).check();
  await page.getByLabel(t('intake.form.place.label')).fill('Phường Ba Đình, Hà Nội');
  await page.keyboard.press('Escape');
  await page.getByRole('radio', { name: helpWanted.label('counselling', 'vi'), exact: true }).check();
  await page.getByRole('radio', { name: ageBands.label('18-24', 'vi'), exact: true }).check();
  await page.getByLabel(t('intake.form.message.label')).fill(`Xin tư vấn qua proxy (${js ? 'js' : 'no-js'})`);
  await page.getByRole('button', { name: t('intake.form.preview'), exact: true }).click();
  await expect(page.locator('h1')).toHaveText(t('intake.preview.title'));
  const previewAt = Date.now();
  await waitForProof(page, js, previewAt);
  await page.getByRole('button', { name: t('intake.preview.send'), exact: true }).click();
  await expect(page.locator('h1')).toHaveText(t('intake.receipt.title'));
  const code = ((await page.locator('[data-receipt-code]').textContent()) ?? '').trim();
  expect(code).toMatch(RECEIPT_CODE_PATTERN);

  // The follow-up, with the code typed.
  await page.goto(localizedPath('track', 'vi'));
  const trackAt = Date.now();
  await page.getByLabel(t('track.code.label')).fill(code);
  await waitForProof(page, js, trackAt);
  await page.getByRole('button', { name: t('track.submit'), exact: true }).click();
  await expect(page.locator('h1')).toHaveText(t('track.case.title'));
  await expect(page.locator('[data-case-status="new"]')).toBeVisible();
  expectOnSite(page.url());
  expect(elsewhere).toEqual([]);
  await context.close();
  return code;
}

for (const js of [true, false]) {
  test(`through the TLS proxy, JavaScript ${js ? 'on' : 'off'}: the request form to a receipt, then the follow-up`, async ({
    browser,
  }) => {
    codes.push(await ask(browser, js));
  });
}

test('a member of staff signs in with a second factor and replies; the requester reads it; mail names SITE_URL', async ({
  browser,
}) => {
  expect(codes).toHaveLength(2);
  // The operator's step: an account for the points the requests went to (as an administrator would invite one).
  const client = new pg.Client({ connectionString: state.databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ point_id: string }>('select distinct point_id from cases');
  await client.end();
  const handle = await openDatabase({ databaseUrl: state.databaseUrl, dataDir: join(state.mailDir, '..') });
  try {
    await createStaffAccount(
      handle.db,
      {
        email: STAFF_EMAIL,
        name: 'Proxy Suite',
        password: STAFF_PASSWORD,
        role: 'point-staff',
        provinceCode: null,
        pointIds: rows.map((row) => row.point_id),
        lang: 'vi',
      },
      new Date(),
    );
  } finally {
    await handle.close();
  }

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(localizedPath('console', 'vi'));
  await page.getByLabel(t('console.signIn.email.label')).fill(STAFF_EMAIL);
  await page.getByLabel(t('console.signIn.password.label')).fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: t('console.signIn.submit') }).click();
  // First sign-in: the second factor is set up before anything else.
  await expect(page).toHaveURL(new RegExp(localizedPath('consoleAccount', 'vi')));
  const start = page.locator('form', { has: page.locator('input[value="start-two-factor"]') });
  await start.getByLabel(t('console.account.password.label')).fill(STAFF_PASSWORD);
  await start.getByRole('button', { name: t('console.account.twoFactor.start') }).click();
  const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
  expect(secret).toMatch(/^[A-Z2-7]+$/);
  const confirm = page.locator('form', { has: page.locator('input[value="confirm-two-factor"]') });
  await confirm.getByLabel(t('console.verify.code.label')).fill(totpCode(`otpauth://totp/x?secret=${secret}`));
  await confirm.getByRole('button', { name: t('console.account.twoFactor.confirm') }).click();
  await expect(page.getByText(t('console.account.twoFactor.on'))).toBeVisible();
  // The inbox, a case, a reply: the first row is the newest new case, this project's (the other proxy's are older or
  // answered).
  await page.goto(localizedPath('console', 'vi'));
  await expect(page.locator('h1')).toHaveText(t('console.inbox.title'));
  await page.locator('tr[data-case-row]').first().getByRole('link').click();
  await page.getByLabel(t('console.case.reply.label')).fill(`Chào anh chị, điểm sẽ liên hệ ${MARKER}`);
  await page.getByRole('button', { name: t('console.case.reply.submit') }).click();
  await expect(page.locator('p.notice')).toHaveText(t('console.case.notice.replied'));
  expectOnSite(page.url());
  await context.close();

  // The requester reads the reply with one of the codes (whichever case was answered).
  const requester = await browser.newContext({ javaScriptEnabled: false });
  const follow = await requester.newPage();
  let found = false;
  for (const code of codes) {
    await follow.goto(localizedPath('track', 'vi'));
    const at = Date.now();
    await follow.getByLabel(t('track.code.label')).fill(code);
    await waitForProof(follow, false, at);
    await follow.getByRole('button', { name: t('track.submit'), exact: true }).click();
    await expect(follow.locator('h1')).toHaveText(t('track.case.title'));
    if ((await follow.locator('.intake-message--staff').count()) > 0) {
      await expect(follow.locator('.intake-message--staff .intake-message__text')).toContainText(MARKER);
      found = true;
    }
  }
  expect(found).toBe(true);
  await requester.close();

  // The worker (its own process) sent the points' notices; every link in them is on SITE_URL.
  await expect.poll(() => mailFiles().length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  for (const file of mailFiles()) {
    const mail = mailText(join(state.mailDir, file));
    const links = [...mail.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((match) => match[0]);
    expect(links.filter((link) => link.startsWith(`${state.siteUrl}/`)).length, file).toBeGreaterThan(0);
    expect(mail, file).not.toMatch(/localhost|127\.0\.0\.1/);
  }
});

/** An .eml file's headers and its decoded parts (plain text and HTML, base64 in the file). */
function mailText(file: string): string {
  const raw = readFileSync(file, 'utf8');
  const parts = [...raw.matchAll(/Content-Transfer-Encoding: base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/g)].map((match) =>
    Buffer.from((match[1] ?? '').replace(/\s+/g, ''), 'base64').toString('utf8'),
  );
  return [raw, ...parts].join('\n');
}

function mailFiles(): string[] {
  return existsSync(state.mailDir) ? readdirSync(state.mailDir).filter((name) => name.endsWith('.eml')) : [];
}

/** One request through the proxy from this process (not a browser), from the project's own client address. */
function viaProxy(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        host: proxy.listen,
        port: HTTPS_PORT,
        localAddress: proxy.client,
        path,
        servername: TEST_HOST,
        ca: state.certificate,
        agent: false,
        headers: { host: `${TEST_HOST}:${HTTPS_PORT}`, ...headers },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

test('pages, the sitemap and the feed name SITE_URL only', async () => {
  for (const path of ['/', '/en/', localizedPath('askForHelp', 'vi'), '/sitemap-0.xml', '/rss.xml', '/robots.txt']) {
    const { status, body } = await viaProxy(path);
    expect(status, path).toBe(200);
    expect(body, path).not.toMatch(/localhost|127\.0\.0\.1|\.invalid/);
    expect(body, path).toContain(state.siteUrl);
  }
});

test('a campaign page shares, prints and encodes SITE_URL: share links, poster text, the QR code a phone reads', async () => {
  const slug = (readdirSync(join(repoRoot, 'content/campaigns/vi')).find((file) => file.endsWith('.md')) ?? '').replace(
    /\.md$/,
    '',
  );
  const page = await viaProxy(localizedPath('campaign', 'vi', { slug }));
  expect(page.status).toBe(200);
  expect(page.body).not.toMatch(/localhost|127\.0\.0\.1|\.invalid/);
  const zalo = /href="(https:\/\/sp\.zalo\.me\/[^"]+)"/.exec(page.body)?.[1]?.replaceAll('&amp;', '&') ?? '';
  expect(new URL(zalo).searchParams.get('url')).toMatch(new RegExp(`^${state.siteUrl}/`));
  const host = new URL(state.siteUrl).host;
  expect(page.body).toContain(`<p class="poster__url">${host}${localizedPath('askForHelp', 'vi')}</p>`);
  const qr = await viaProxy(localizedPath('askForHelpQr', 'vi'));
  const image = new Resvg(qr.body, { fitTo: { mode: 'width', value: 400 }, background: 'white' }).render();
  expect(jsQR(new Uint8ClampedArray(image.pixels), image.width, image.height)?.data).toBe(
    `${state.siteUrl}${localizedPath('askForHelp', 'vi')}`,
  );
});

/** What no log of the proxy may hold: the client's addresses, what it sent in headers, any query string. */
const FORBIDDEN_IN_LOGS = [
  '203.0.113.9',
  'ProxySuiteAgent',
  'HeadlessChrome',
  'Mozilla',
  'referrer.example',
  'cookie-value',
  'proxy-suite-query',
];

/** A TLS handshake that fails (not TLS at all), from the project's client address: proxies like to log those. */
async function failedHandshake(): Promise<void> {
  await new Promise<void>((resolve) => {
    const socket = connect({ host: proxy.listen, port: HTTPS_PORT, localAddress: proxy.client }, () =>
      socket.end('GET /?proxy-suite-query-handshake HTTP/1.1\r\nUser-Agent: ProxySuiteAgent/1.0\r\n\r\n'),
    );
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
    socket.resume();
  });
}

/** Headers a client sends that no log may keep. */
const SENT = {
  'user-agent': 'ProxySuiteAgent/1.0',
  referer: 'https://referrer.example/page',
  cookie: 'proxy_suite_cookie=cookie-value',
  'x-forwarded-for': '203.0.113.9',
};

/** Checks the proxy's logs; with `failed`, that request is in the access log (nginx) with its 502. */
async function expectLogsHoldNothingAboutClients(failed?: string): Promise<void> {
  const { accessLog, errorLog } = state.logs[proxy.name];
  const forbidden = [...FORBIDDEN_IN_LOGS, proxy.client];
  if (accessLog === undefined) {
    // Caddy, as documented: no access log at all; its own log (stderr) says what it does, never who asked for what.
    const lines = readFileSync(errorLog, 'utf8').trim().split('\n');
    for (const line of lines) {
      for (const word of [...forbidden, 'remote_ip', 'client_ip', 'remote_addr', 'tim-kiem', UPSTREAM_FAILURE, '?'])
        expect(line.includes(word), `Caddy's log names ${word}: ${line}`).toBe(false);
      expect(JSON.parse(line) as unknown, line).toBeTruthy();
    }
    return;
  }
  await expect.poll(() => readFileSync(accessLog, 'utf8')).toContain('GET /tim-kiem 200');
  if (failed !== undefined) await expect.poll(() => readFileSync(accessLog, 'utf8')).toContain(`GET ${failed} 502`);
  const log = readFileSync(accessLog, 'utf8');
  const lines = log.trim().split('\n');
  expect(lines.length).toBeGreaterThan(20);
  for (const word of [...forbidden, '127.0.0.1', '?'])
    expect(log.includes(word), `the access log names ${word}`).toBe(false);
  // Each line: time, method, path, status, bytes, duration; nothing else.
  for (const line of lines) expect(line).toMatch(/^\S+ [A-Z]+ \/\S* \d{3} \d+ [\d.]+$/);
  const errors = existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '';
  for (const word of [...forbidden, '127.0.0.1', 'client:'])
    expect(errors.includes(word), `the error log names ${word}`).toBe(false);
}

test("the proxy's logs hold no client address, user agent, Referer, cookie or query string", async () => {
  expect((await viaProxy(`/tim-kiem?q=proxy-suite-query-${Date.now()}`, SENT)).status).toBe(200);
  await failedHandshake();
  await expectLogsHoldNothingAboutClients();
});

test('the portal receives one X-Forwarded-For entry, the connecting address, whatever the client wrote there', async () => {
  const marker = `/robots.txt?proxy-suite-forwarded-${proxy.name}-${Date.now()}`;
  expect((await viaProxy(marker, { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' })).status).toBe(200);
  const received = () =>
    readFileSync(state.tapFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as TappedRequest);
  await expect.poll(() => received().filter((record) => record.request === `GET ${marker}`).length).toBe(1);
  const probe = received().find((record) => record.request === `GET ${marker}`);
  expect(probe?.forwardedFor).toEqual([proxy.client]);
  expect(probe?.forwardedProto).toEqual(['https']);
  // Every request either proxy passed on (Chromium's too), not the proxy's own health checks: exactly one entry.
  const passedOn = received().filter((record) => !record.request.startsWith('GET /readyz'));
  expect(passedOn.length).toBeGreaterThan(20);
  for (const record of passedOn) {
    expect(record.forwardedFor, record.request).toHaveLength(1);
    expect(record.forwardedFor[0], record.request).toMatch(/^127\.0\.0\.\d+$/);
    expect(record.forwardedProto, record.request).toEqual(['https']);
  }
});

test('a forged X-Forwarded-For buys no new rate-limit bucket, and both portals count in the same one (Redis)', async () => {
  // The challenge allows 60 per client in 10 minutes (this project's client address: a bucket of its own). Each request
  // forges another address; the proxy replaces the header with the connecting address, and the requests alternate
  // between the two portals (round robin, in both documented configs).
  const statuses: number[] = [];
  for (let i = 0; i < 130; i += 1) {
    const { status } = await viaProxy('/api/challenge', { 'x-forwarded-for': `198.51.100.${(i % 250) + 1}` });
    statuses.push(status);
  }
  const allowed = statuses.filter((status) => status === 200).length;
  const refused = statuses.filter((status) => status === 429).length;
  expect(allowed + refused).toBe(statuses.length);
  // One bucket for one client: at most 60 in all (each portal alone would have allowed 60: 120 together).
  expect(allowed).toBeGreaterThan(0);
  expect(allowed).toBeLessThanOrEqual(60);
  expect(statuses.slice(allowed)).toEqual(Array.from({ length: refused }, () => 429));
  // The buckets live in Redis, under this run's prefix.
  const redis = new Redis(state.redisUrl ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
  await redis.connect();
  const [, keys] = await redis.scan('0', 'MATCH', `${state.redisPrefix}*`, 'COUNT', 1000);
  redis.disconnect();
  expect(keys.length).toBeGreaterThan(0);
});

// Last: nginx takes each instance a request failed on out for 10 s (max_fails=1, fail_timeout=10s, its defaults), and
// this request fails on both.
test('a request the portals fail is answered 502 and logged without the client address or query string', async () => {
  // The portal drops the connection mid-request (tests/proxy/header-tap.ts), whichever instance it reaches.
  expect((await viaProxy(`/${UPSTREAM_FAILURE}?q=proxy-suite-query-failure`, SENT)).status).toBe(502);
  await expectLogsHoldNothingAboutClients(`/${UPSTREAM_FAILURE}`);
});
