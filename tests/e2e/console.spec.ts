/**
 * The console's promise, in Chromium (issue 6, "Done when"): a request made on the public form appears in the routed
 * point's inbox; staff read it (the view is audited), reply; the requester reads the reply with the receipt code;
 * staff hand it over; the new point sees it and the old one no longer can; staff close it with an outcome; the audit
 * log records every view. Then, with JavaScript off, the sign-in and a reply work as plain HTML forms; axe passes on
 * every console page the journey meets, in both languages.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import {
  caseOutcomes,
  caseStatuses,
  handoverReasons,
  helpWanted,
  requesterKinds,
  ageBands,
} from '#src/features/lists/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { useTranslations, type Lang } from '#src/i18n/index.ts';
import { consoleStaff, STAFF_PASSWORD, type StaffKey } from '../fixtures/console-staff.ts';
import { enterCode, ensureSecondFactor, readFixture } from './console-helpers.ts';

const MARKER = 'E2E-console-7Q2';
const t = useTranslations('vi');

async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** A browser of one person, speaking from its own address (the e2e server trusts one proxy). */
async function browserOf(
  browser: Browser,
  address: string,
  js = true,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ javaScriptEnabled: js, extraHTTPHeaders: { 'X-Forwarded-For': address } });
  return { context, page: await context.newPage() };
}

async function signIn(page: Page, key: StaffKey, lang: Lang = 'vi'): Promise<void> {
  const tr = useTranslations(lang);
  await ensureSecondFactor(key);
  await page.goto(localizedPath('console', lang));
  await expect(page).toHaveURL(new RegExp(`${localizedPath('consoleSignIn', lang)}\\?next=`));
  await page.getByLabel(tr('console.signIn.email.label')).fill(consoleStaff[key].email);
  await page.getByLabel(tr('console.signIn.password.label')).fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: tr('console.signIn.submit') }).click();
  // Everyone who reads requests has a second factor: the code step follows the password.
  await enterCode(page, key, lang);
  await expect(page.locator('h1')).toHaveText(tr('console.inbox.title'));
}

async function askForHelp(page: Page): Promise<{ code: string; pointName: string }> {
  const tv = useTranslations('vi');
  await page.goto(localizedPath('askForHelp', 'vi'));
  await page.getByRole('radio', { name: requesterKinds.label('family', 'vi'), exact: true }).check();
  await page.getByLabel(tv('intake.form.place.label')).fill('Phường Ba Đình, Hà Nội');
  await page.keyboard.press('Escape');
  await page.getByRole('radio', { name: helpWanted.label('counselling', 'vi'), exact: true }).check();
  await page.getByRole('radio', { name: ageBands.label('18-24', 'vi'), exact: true }).check();
  await page.getByLabel(tv('intake.form.message.label')).fill(`Con tôi cần được tư vấn ${MARKER}`);
  await page.getByRole('button', { name: tv('intake.form.preview'), exact: true }).click();
  await expect(page.locator('h1')).toHaveText(tv('intake.preview.title'));
  const chosen = page.locator('.intake-offer', { has: page.locator('input[name="point"]:checked') });
  const pointName = ((await chosen.locator('.intake-offer__name').textContent()) ?? '').trim();
  await expect(page.locator('input[name="altcha"]').first()).not.toHaveValue('', { timeout: 45_000 });
  await page.getByRole('button', { name: tv('intake.preview.send'), exact: true }).click();
  await expect(page.locator('h1')).toHaveText(tv('intake.receipt.title'));
  const code = ((await page.locator('[data-receipt-code]').textContent()) ?? '').trim();
  return { code, pointName };
}

async function track(page: Page, code: string): Promise<void> {
  const tv = useTranslations('vi');
  await page.goto(localizedPath('track', 'vi'));
  await page.getByLabel(tv('track.code.label')).fill(code);
  await expect(page.locator('input[name="altcha"]').first()).not.toHaveValue('', { timeout: 45_000 });
  await page.getByRole('button', { name: tv('track.submit'), exact: true }).click();
  await expect(page.locator('h1')).toHaveText(tv('track.case.title'));
}

test('a request travels from the public form through the console and back to the requester', async ({ browser }) => {
  test.setTimeout(300_000);
  const fixture = readFixture();
  const requester = await browserOf(browser, '198.51.100.31');
  const { code, pointName } = await askForHelp(requester.page);
  expect(fixture.pointsOfA.map((point) => point.name)).toContain(pointName);

  // Staff A (the routed point) finds it first in the inbox, reads it, replies.
  const a = await browserOf(browser, '198.51.100.32');
  await signIn(a.page, 'staffA');
  await expectAccessible(a.page);
  // The inbox lists coarse fields only: the request's words appear on the case page, nowhere else.
  await expect(a.page.locator('main')).not.toContainText(MARKER);
  const row = a.page.locator('tr[data-case-row]').first();
  await expect(row).toContainText(caseStatuses.label('new', 'vi'));
  await expect(row).toContainText(helpWanted.label('counselling', 'vi'));
  await row.getByRole('link').click();
  await expect(a.page.getByTestId('case-message')).toContainText(MARKER);
  const casePath = new URL(a.page.url()).pathname;
  await expectAccessible(a.page);
  await a.page.getByRole('button', { name: t('console.case.acknowledge') }).click();
  await expect(a.page.locator('p.notice')).toHaveText(t('console.case.notice.acknowledged'));
  await a.page.getByLabel(t('console.case.reply.label')).fill(`Chào anh chị, điểm sẽ liên hệ ${MARKER}`);
  await a.page.getByRole('button', { name: t('console.case.reply.submit') }).click();
  await expect(a.page.locator('p.notice')).toHaveText(t('console.case.notice.replied'));

  // The requester reads the reply with the code.
  await track(requester.page, code);
  await expect(requester.page.locator('.intake-message--staff .intake-message__text')).toHaveText([
    `Chào anh chị, điểm sẽ liên hệ ${MARKER}`,
  ]);

  // An empty reply is refused with the GOV.UK pattern: summary and field, same words.
  await a.page.goto(casePath);
  await a.page.getByRole('button', { name: t('console.case.reply.submit') }).click();
  await expect(a.page.locator('.error-summary')).toContainText(t('console.case.error.textRequired'));
  await expect(a.page.locator('#f-reply-text-error')).toContainText(t('console.case.error.textRequired'));
  await expect(a.page).toHaveTitle(/^Lỗi: /);

  // Hand over to point Y: A loses the case, B has it.
  await a.page.getByLabel(t('console.case.handover.point')).selectOption(fixture.pointY.id);
  await a.page.getByRole('radio', { name: handoverReasons.label('closer-to-requester', 'vi') }).check();
  await a.page.getByRole('button', { name: t('console.case.handover.submit') }).click();
  await expect(a.page.locator('h1')).toHaveText(t('console.inbox.title'));
  await expect(a.page.locator('p.notice')).toHaveText(t('console.case.notice.handedOver'));
  const again = await a.page.goto(casePath);
  expect(again?.status()).toBe(404);

  const b = await browserOf(browser, '198.51.100.33');
  await signIn(b.page, 'staffB');
  await b.page.goto(casePath);
  await expect(b.page.getByTestId('case-message')).toContainText(MARKER);
  await b.page.getByRole('radio', { name: caseOutcomes.label('counselled', 'vi') }).check();
  await b.page.getByRole('button', { name: t('console.case.close.submit') }).click();
  await expect(b.page.getByTestId('case-status')).toContainText(caseStatuses.label('closed', 'vi'));
  await expect(b.page.locator('.history')).toContainText(fixture.pointY.name);

  // The requester sees the closed status and the new point.
  await track(requester.page, code);
  await expect(requester.page.locator('[data-case-status="closed"]')).toBeVisible();
  await expect(requester.page.locator('.intake-point__name')).toHaveText(fixture.pointY.name);

  for (const session of [requester, a, b]) await session.context.close();
});

test('without JavaScript, staff sign in, add a note and sign out with plain forms', async ({ browser }) => {
  test.setTimeout(180_000);
  const fixture = readFixture();
  const b = await browserOf(browser, '198.51.100.34', false);
  await signIn(b.page, 'staffB', 'en');
  const te = useTranslations('en');
  await b.page.goto(localizedPath('consoleCase', 'en', { id: fixture.caseOfY }));
  await b.page.getByLabel(te('console.case.note.label')).fill('Gọi lại sáng mai');
  await b.page.getByRole('button', { name: te('console.case.note.submit') }).click();
  await expect(b.page.locator('p.notice')).toHaveText(te('console.case.notice.noted'));
  await expect(b.page.locator('.message--note')).toContainText('Gọi lại sáng mai');
  await b.page.getByRole('button', { name: te('console.nav.signOut') }).click();
  await expect(b.page.locator('h1')).toHaveText(te('console.signIn.title'));
  await expect(b.page.locator('p.notice')).toHaveText(te('console.signIn.notice.signedOut'));
  await b.context.close();
});

test('the English console passes axe: sign-in, inbox, a case, the account', async ({ browser }) => {
  test.setTimeout(180_000);
  const fixture = readFixture();
  const b = await browserOf(browser, '198.51.100.35');
  await b.page.goto(localizedPath('consoleSignIn', 'en'));
  await expectAccessible(b.page);
  await signIn(b.page, 'staffB', 'en');
  await expectAccessible(b.page);
  await b.page.goto(localizedPath('consoleCase', 'en', { id: fixture.caseOfY }));
  await expectAccessible(b.page);
  await b.page.goto(localizedPath('consoleAccount', 'en'));
  await expectAccessible(b.page);
  await b.context.close();
});
