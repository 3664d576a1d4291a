import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page, type Response } from '@playwright/test';
import { ageBands, caseStatuses, helpWanted, requesterKinds } from '#src/features/lists/index.ts';
import { RECEIPT_CODE_PATTERN } from '#src/features/intake/receipt-code.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { useTranslations, type Lang } from '#src/i18n/index.ts';
import { e2eMailDir as mailDir } from '../setup/e2e-data-dir.ts';

// The counselling intake in Chromium, as `npm start` serves it (DEMO=1, see playwright.config.ts): with JavaScript on
// and off, in both languages, ask → preview (names the point) → send → receipt (same response, no-store, code never in
// a URL) → the point's notice as an .eml file in DATA_DIR/mail → the follow-up page shows the status → withdraw.
//
// Budget: the server's rate limits are real here (5 requests and 10 code look-ups per 10 minutes per client, all of
// these tests coming from 127.0.0.1). The four journeys send 4 requests and make 9 look-ups; every other test stops
// at the preview, which writes nothing and passes no gate.

// The no-JavaScript token is accepted only after this long on the page (DEFAULT_FALLBACK_MIN_FILL_SECONDS is 3).
const FALLBACK_WAIT_MS = 3_300;

/** The decoded Subject of an .eml file (RFC 2047 "B" encoded words, folded lines). */
function subjectOf(file: string): string {
  const text = readFileSync(file, 'utf8');
  const header = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(text)?.[1] ?? '';
  return header
    .replace(/\r\n[ \t]/g, ' ')
    .replace(/=\?utf-8\?B\?([^?]*)\?=\s*/gi, (_whole, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
}

function mailFiles(): string[] {
  return existsSync(mailDir) ? readdirSync(mailDir).filter((name) => name.endsWith('.eml')) : [];
}

/** Waits until the form on the page carries a proof: the island's solution (JS) or a token old enough (no JS). */
async function waitForProof(page: Page, js: boolean, renderedAt: number): Promise<void> {
  if (js) await expect(page.locator('input[name="altcha"]').first()).not.toHaveValue('', { timeout: 45_000 });
  else await page.waitForTimeout(Math.max(0, renderedAt + FALLBACK_WAIT_MS - Date.now()));
}

/** No WCAG 2.2 AA violation that axe can find, on whatever step the page is at (pages.spec.ts checks the GETs). */
async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Clicks a button that posts the page's form and returns the answer to that POST. */
async function post(page: Page, button: string): Promise<Response> {
  const answer = page.waitForResponse(
    (response) => response.request().method() === 'POST' && response.request().resourceType() === 'document',
  );
  await page.getByRole('button', { name: button, exact: true }).click();
  return answer;
}

interface Journey {
  lang: Lang;
  js: boolean;
  place: string;
  contact?: { kind: 'phone' | 'zalo' | 'email'; value: string };
  /** Add a follow-up message before withdrawing (one journey does). */
  addMessage?: boolean;
  /** Run axe on every step (preview, receipt, case, confirmation, withdrawn); it needs JavaScript on. */
  axe?: boolean;
}

async function journey(
  browser: Browser,
  { lang, js, place, contact, addMessage = false, axe = false }: Journey,
): Promise<void> {
  const t = useTranslations(lang);
  const askPath = localizedPath('askForHelp', lang);
  const trackPath = localizedPath('track', lang);
  const context = await browser.newContext({ javaScriptEnabled: js });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  const foreign: string[] = [];
  const cookieHeaders: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '127.0.0.1')
      foreign.push(request.url());
  });
  const failed: string[] = [];
  page.on('response', async (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    const cookie = await response.headerValue('set-cookie');
    if (cookie !== null) cookieHeaders.push(`${response.url()}: ${cookie}`);
  });

  // 1. Fill in.
  await page.goto(askPath);
  await expect(page.locator('a[data-quick-exit]')).toBeVisible();
  await expect(page.getByText('115').first()).toBeVisible();
  await page.getByRole('radio', { name: requesterKinds.label('family', lang), exact: true }).check();
  await page.getByLabel(t('intake.form.place.label')).fill(place);
  // Close the autocomplete's list (JS on) so it covers nothing.
  await page.keyboard.press('Escape');
  await page.getByRole('radio', { name: helpWanted.label('counselling', lang), exact: true }).check();
  await page.getByRole('radio', { name: ageBands.label('18-24', lang), exact: true }).check();
  await page.getByLabel(t('intake.form.message.label')).fill(`E2E ${lang} ${js ? 'js' : 'no-js'}: xin tư vấn cho con.`);
  if (contact) {
    await page.getByRole('radio', { name: t(`intake.form.contact.${contact.kind}`), exact: true }).check();
    await page.getByLabel(t('intake.form.contactValue.label')).fill(contact.value);
    await page.getByRole('radio', { name: t('intake.form.time.evening'), exact: true }).check();
  }

  // 2. Preview: names the point and the kind of body that runs it; nothing is sent yet.
  await post(page, t('intake.form.preview'));
  const previewAt = Date.now();
  await expect(page.locator('h1')).toHaveText(t('intake.preview.title'));
  if (axe) await expectAccessible(page);
  // The suggested point is checked, with the kind of body that runs it and why it is suggested.
  const suggested = page.locator('.intake-offer', { has: page.locator('input[name="point"]:checked') });
  const pointName = (await suggested.locator('.intake-offer__name').textContent())?.trim() ?? '';
  expect(pointName).not.toBe('');
  await expect(suggested.locator('.intake-facts')).toContainText(t('intake.point.operator'));
  await expect(suggested.locator('.intake-facts')).toContainText(t('intake.point.why'));

  // 3. Send: the receipt comes in the same response, never cached, and the address carries no code.
  const before = new Set(mailFiles());
  await waitForProof(page, js, previewAt);
  const sent = await post(page, t('intake.preview.send'));
  expect(sent.status()).toBe(200);
  expect(sent.headers()['cache-control']).toContain('no-store');
  await expect(page.locator('h1')).toHaveText(t('intake.receipt.title'));
  if (axe) await expectAccessible(page);
  const code = ((await page.locator('[data-receipt-code]').textContent()) ?? '').trim();
  expect(code).toMatch(RECEIPT_CODE_PATTERN);
  expect(page.url()).toBe(new URL(askPath, page.url()).href);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  const addresses = await page.evaluate(() => [
    ...[...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? ''),
    ...[...document.querySelectorAll('form[action]')].map((form) => form.getAttribute('action') ?? ''),
  ]);
  const canonical = code.replaceAll('-', '');
  for (const address of addresses) expect(address.toUpperCase().replaceAll('-', '')).not.toContain(canonical);
  await expect(page.locator('.intake-point__name')).toHaveText(pointName);

  // 4. The routed point's notice: an .eml file in DATA_DIR/mail naming the point, with nothing of the request.
  await expect
    .poll(
      () =>
        mailFiles().filter((name) => !before.has(name) && subjectOf(join(mailDir, name)).includes(pointName)).length,
      { timeout: 20_000 },
    )
    .toBeGreaterThan(0);
  for (const name of mailFiles().filter((file) => !before.has(file))) {
    const mail = readFileSync(join(mailDir, name), 'utf8');
    expect(mail).not.toContain(canonical);
    expect(mail).not.toContain(code);
  }

  // 5. Follow-up: the link carries no code; the code is typed (any case, with or without hyphens) and posted.
  await page
    .locator('#main')
    .getByRole('link', { name: t('intake.receipt.trackLink'), exact: true })
    .click();
  expect(new URL(page.url()).pathname).toBe(trackPath);
  await expect(page.locator('a[data-quick-exit]')).toBeVisible();
  const trackAt = Date.now();
  await page.getByLabel(t('track.code.label')).fill(js ? code : code.toLowerCase().replaceAll('-', ' '));
  await expect(page.getByLabel(t('track.code.label'))).toHaveAttribute('autocomplete', 'off');
  await waitForProof(page, js, trackAt);
  const looked = await post(page, t('track.submit'));
  expect(looked.headers()['cache-control']).toContain('no-store');
  await expect(page.locator('h1')).toHaveText(t('track.case.title'));
  if (axe) await expectAccessible(page);
  await expect(page.locator('[data-case-status="new"]')).toContainText(caseStatuses.label('new', lang));
  await expect(page.locator('.intake-point__name')).toHaveText(pointName);
  expect(new URL(page.url()).pathname).toBe(trackPath);
  // The first message is not shown to whoever holds the code.
  await expect(page.locator('main')).not.toContainText('xin tư vấn cho con');

  if (addMessage) {
    const addAt = Date.now();
    await page.getByLabel(t('track.add.label')).fill('Cảm ơn, tôi sẽ chờ.');
    await waitForProof(page, js, addAt);
    await post(page, t('track.add.submit'));
    await expect(page.getByText(t('track.add.done'))).toBeVisible();
    await expect(page.locator('.intake-message__text')).toHaveText(['Cảm ơn, tôi sẽ chờ.']);
  }

  // 6. Withdraw, after a confirmation that says the content is deleted at once.
  await post(page, t('track.withdraw.button'));
  const confirmAt = Date.now();
  await expect(page.locator('h1')).toHaveText(t('track.withdraw.confirm.title'));
  if (axe) await expectAccessible(page);
  await expect(page.getByText(t('track.withdraw.confirm.deleted'))).toBeVisible();
  await waitForProof(page, js, confirmAt);
  await post(page, t('track.withdraw.confirm.yes'));
  await expect(page.locator('h1')).toHaveText(t('track.withdrawn.title'));
  if (axe) await expectAccessible(page);
  expect(new URL(page.url()).pathname).toBe(trackPath);
  expect(new URL(page.url()).search).toBe('');

  // No cookie, nothing loaded from another site, no console error, all the way.
  expect(cookieHeaders).toEqual([]);
  expect(await context.cookies()).toEqual([]);
  expect(foreign).toEqual([]);
  expect(failed).toEqual([]);
  expect(consoleErrors).toEqual([]);
  await context.close();
}

test.describe('asking for counselling, from the form to withdrawing', () => {
  test.describe.configure({ timeout: 120_000 });

  test('vi, JavaScript on: ask, preview, send, receipt, notice, follow-up, add a message, withdraw; no cookie, nothing from another site', async ({
    browser,
  }) => {
    await journey(browser, {
      lang: 'vi',
      js: true,
      place: 'Phường Ba Đình, Hà Nội',
      contact: { kind: 'zalo', value: '0912 345 678' },
      addMessage: true,
      axe: true,
    });
  });

  test('vi, JavaScript off: ask, preview, send, receipt, notice, follow-up, withdraw', async ({ browser }) => {
    await journey(browser, { lang: 'vi', js: false, place: 'Phường Ba Đình, Hà Nội' });
  });

  test('en, JavaScript on: ask, preview, send, receipt, notice, follow-up, withdraw', async ({ browser }) => {
    await journey(browser, { lang: 'en', js: true, place: 'Phu Quoc', axe: true });
  });

  test('en, JavaScript off: ask, preview, send, receipt, notice, follow-up, withdraw', async ({ browser }) => {
    await journey(browser, {
      lang: 'en',
      js: false,
      place: 'Phu Quoc',
      contact: { kind: 'email', value: 'e2e-requester@example.com' },
    });
  });
});

for (const js of [true, false]) {
  test.describe(`errors (JavaScript ${js ? 'on' : 'off'})`, () => {
    test.use({ javaScriptEnabled: js });

    test(`the error summary takes focus, names each field in the same words, links to it, and keeps what was typed (JavaScript ${js ? 'on' : 'off'})`, async ({
      page,
    }) => {
      const t = useTranslations('vi');
      await page.goto('/xin-tu-van');
      await page.getByLabel(t('intake.form.message.label')).fill('Giữ lại lời nhắn này');
      await post(page, t('intake.form.preview'));
      await expect(page).toHaveTitle(/^Lỗi: /);
      const summary = page.locator('.error-summary');
      await expect(summary).toBeFocused();
      // axe runs in the page: with JavaScript off it cannot (the same HTML is checked with it on).
      if (js) await expectAccessible(page);
      const links = summary.locator('a');
      await expect(links).toHaveCount(4);
      for (const [index, field] of ['who', 'q', 'helpWanted', 'ageBand'].entries()) {
        const link = links.nth(index);
        await expect(link).toHaveAttribute('href', `#f-${field}`);
        const inline = ((await page.locator(`#f-${field}-error`).textContent()) ?? '')
          .replace(t('form.errorPrefix'), '')
          .trim();
        await expect(link).toHaveText(inline);
      }
      await links.nth(0).click();
      await expect(page.locator('#f-who')).toBeFocused();
      await expect(page.getByLabel(t('intake.form.message.label'))).toHaveValue('Giữ lại lời nhắn này');
    });
  });
}

test('a place name several communes share is asked again as a choice, each with its province (JavaScript off)', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const t = useTranslations('en');
  await page.goto('/en/ask-for-help');
  await page.getByRole('radio', { name: requesterKinds.label('self', 'en'), exact: true }).check();
  await page.getByLabel(t('intake.form.place.label')).fill('Tân Phú');
  await page.getByRole('radio', { name: helpWanted.label('not-sure', 'en'), exact: true }).check();
  await page.getByRole('radio', { name: ageBands.label('unknown', 'en'), exact: true }).check();
  await post(page, t('intake.form.preview'));
  await expect(page.locator('.error-summary a')).toHaveText([t('intake.form.place.chooseError', { q: 'Tân Phú' })]);
  await page.getByRole('radio', { name: 'Tân Phú ward, Hồ Chí Minh City', exact: true }).check();
  await post(page, t('intake.form.preview'));
  await expect(page.locator('h1')).toHaveText(t('intake.preview.title'));
  await expect(page.locator('.intake-facts').last()).toContainText('Tân Phú ward, Hồ Chí Minh City');
  await context.close();
});

test('"use my location" fills a position rounded to about 1 km, and the preview names the point', async ({
  browser,
}) => {
  const context = await browser.newContext({
    permissions: ['geolocation'],
    geolocation: { latitude: 21.036_471, longitude: 105.837_88 },
  });
  const page = await context.newPage();
  const t = useTranslations('vi');
  await page.goto('/xin-tu-van');
  await page.getByLabel(t('intake.form.place.label')).fill('gõ nhầm');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: t('intake.form.geo.button') }).click();
  await expect(page.getByText(t('intake.form.geo.done'))).toBeVisible();
  await expect(page.locator('input[name="lat"]')).toHaveValue('21.04');
  await expect(page.locator('input[name="lon"]')).toHaveValue('105.84');
  await expect(page.getByLabel(t('intake.form.place.label'))).toHaveValue('');
  await page.getByRole('radio', { name: requesterKinds.label('friend', 'vi'), exact: true }).check();
  await page.getByRole('radio', { name: helpWanted.label('counselling', 'vi'), exact: true }).check();
  await page.getByRole('radio', { name: ageBands.label('25-39', 'vi'), exact: true }).check();
  await post(page, t('intake.form.preview'));
  await expect(page.locator('h1')).toHaveText(t('intake.preview.title'));
  await expect(page.locator('input[name="point"]:checked')).toHaveCount(1);
  await context.close();
});

for (const [lang, path] of [
  ['vi', '/xin-tu-van'],
  ['en', '/en/ask-for-help'],
  ['vi', '/theo-doi'],
  ['en', '/en/track'],
] as const) {
  test(`the quick exit is at the bottom right of ${path}, in thumb reach, leaves for a neutral site and drops the page from history`, async ({
    page,
  }) => {
    const t = useTranslations(lang);
    await page.route('https://www.google.com/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<title>neutral</title>' }),
    );
    await page.goto(localizedPath('home', lang));
    const response = await page.goto(path);
    expect(response?.headers()['cache-control']).toContain('no-store');
    const exit = page.getByRole('link', { name: t('quickExit.label'), exact: true });
    await expect(exit).toBeVisible();
    await expect(exit).toHaveAttribute('href', /^https:\/\/www\.google\.com\/search\?q=/);
    const box = await exit.boundingBox();
    const viewport = page.viewportSize() ?? { width: 0, height: 0 };
    expect(box && box.x + box.width).toBeGreaterThan(viewport.width * 0.75);
    expect(box && box.y).toBeGreaterThan(viewport.height * 0.75);
    await exit.click();
    await expect(page).toHaveURL(/^https:\/\/www\.google\.com\/search/);
    await page.goBack();
    // The intake page was replaced in history: Back goes to the page before it.
    expect(new URL(page.url()).pathname.replace(/\/$/, '')).toBe(localizedPath('home', lang).replace(/\/$/, ''));
  });
}
