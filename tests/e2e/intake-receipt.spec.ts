import { existsSync, readdirSync } from 'node:fs';
import { expect, test, type Page, type Response } from '@playwright/test';
import { ageBands, helpWanted, requesterKinds } from '#src/features/lists/index.ts';
import { RECEIPT_CODE_PATTERN } from '#src/features/intake/receipt-code.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { useTranslations, type Lang } from '#src/i18n/index.ts';
import { e2eMailDir as mailDir } from '../setup/e2e-data-dir.ts';

// Issue 19, item 1, on a 360 × 740 phone, JavaScript on and off, in both languages: the receipt's code is on the
// first screen; a reload, and Back to the preview then "send" again, show the same code and write no second request
// (one staff notice); an edited message sent again from the same form is told "already sent", never "too early".
// Each test speaks for its own client (X-Forwarded-For): the rate limit is real here.

const mailFiles = () => (existsSync(mailDir) ? readdirSync(mailDir).filter((name) => name.endsWith('.eml')) : []);
const FALLBACK_WAIT_MS = 3_300;
const PHONE = { width: 360, height: 740 };

async function post(page: Page, button: string): Promise<Response> {
  const answer = page.waitForResponse(
    (response) => response.request().method() === 'POST' && response.request().resourceType() === 'document',
  );
  await page.getByRole('button', { name: button, exact: true }).click();
  return answer;
}

async function waitForProof(page: Page, js: boolean, renderedAt: number): Promise<void> {
  if (js) await expect(page.locator('input[name="altcha"]').first()).not.toHaveValue('', { timeout: 45_000 });
  else await page.waitForTimeout(Math.max(0, renderedAt + FALLBACK_WAIT_MS - Date.now()));
}

async function fillAndPreview(page: Page, lang: Lang, message: string): Promise<number> {
  const t = useTranslations(lang);
  await page.goto(localizedPath('askForHelp', lang));
  await page.getByRole('radio', { name: requesterKinds.label('self', lang), exact: true }).check();
  await page.getByLabel(t('intake.form.place.label')).fill('Phường Ba Đình, Hà Nội');
  await page.keyboard.press('Escape');
  await page.getByRole('radio', { name: helpWanted.label('counselling', lang), exact: true }).check();
  await page.getByRole('radio', { name: ageBands.label('25-39', lang), exact: true }).check();
  await page.getByLabel(t('intake.form.message.label')).fill(message);
  await post(page, t('intake.form.preview'));
  await expect(page.locator('h1')).toHaveText(t('intake.preview.title'));
  return Date.now();
}

/**
 * Back from the receipt to the preview as it was: the preview answered a POST and no cache kept it, so the browser
 * either sends the preview form again or shows the page it restored; both give the same form, with the same token.
 * Here the restored page is served as it was rendered (its GET intercepted once), and its buttons post to the server.
 */
async function backToPreview(page: Page, previewHtml: string, askPath: string): Promise<void> {
  const pattern = `**${askPath}`;
  await page.route(pattern, (route) =>
    route.request().method() === 'GET'
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: previewHtml })
      : route.continue(),
  );
  await page.goto(askPath);
  await page.unroute(pattern);
}

const combos = [
  ['vi', false, 161],
  ['vi', true, 162],
  ['en', false, 163],
  ['en', true, 164],
] as const;

for (const [lang, js, client] of combos) {
  test(`${lang}, JavaScript ${js ? 'on' : 'off'}, 360 px: the code is on the first screen; a reload and Back-then-send show the same code and write no second request`, async ({
    browser,
  }) => {
    test.setTimeout(150_000);
    const t = useTranslations(lang);
    const context = await browser.newContext({
      javaScriptEnabled: js,
      viewport: PHONE,
      extraHTTPHeaders: { 'x-forwarded-for': `198.51.100.${client}` },
    });
    const page = await context.newPage();
    const previewAt = await fillAndPreview(page, lang, `E2E receipt ${lang} ${js ? 'js' : 'no-js'}`);
    const before = mailFiles().length;
    await waitForProof(page, js, previewAt);
    const previewHtml = await page.content();
    const askPath = localizedPath('askForHelp', lang);
    await post(page, t('intake.preview.send'));
    await expect(page.locator('h1')).toHaveText(t('intake.receipt.title'));
    const codeBox = page.locator('[data-receipt-code]');
    const code = ((await codeBox.textContent()) ?? '').trim();
    expect(code).toMatch(RECEIPT_CODE_PATTERN);
    // On the first screen, with a way to keep it that works without JavaScript.
    const box = await codeBox.boundingBox();
    expect((box?.y ?? 999) + (box?.height ?? 0)).toBeLessThanOrEqual(PHONE.height);
    await expect(page.getByRole('button', { name: t('intake.receipt.save'), exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: t('intake.receipt.copy'), exact: true })).toHaveCount(js ? 1 : 0);
    await expect(page.getByRole('heading', { name: t('intake.receipt.when.title') })).toBeVisible();

    // A reload (the browser sends the same form again): the same code.
    const reloaded = await page.reload();
    expect(reloaded?.status()).toBe(200);
    await expect(page.locator('h1')).toHaveText(t('intake.receipt.title'));
    await expect(codeBox).toHaveText(code);

    // Back to the preview (a no-store answer to a POST: the browser asks to send the preview form again, and the person
    // does), then "send" again: the same code.
    await backToPreview(page, previewHtml, askPath);
    await expect(page.locator('h1')).toHaveText(t('intake.preview.title'));
    const backAt = Date.now();
    await waitForProof(page, js, backAt);
    await post(page, t('intake.preview.send'));
    await expect(page.locator('h1')).toHaveText(t('intake.receipt.title'));
    await expect(codeBox).toHaveText(code);

    // One request: one staff notice.
    await page.waitForTimeout(1_500);
    expect(mailFiles().length - before).toBe(1);

    // Back to the preview, "change", edit the message, preview and send: already sent, never "too early".
    await backToPreview(page, previewHtml, askPath);
    await expect(page.locator('h1')).toHaveText(t('intake.preview.title'));
    await post(page, t('intake.preview.edit'));
    await page.getByLabel(t('intake.form.message.label')).fill('Một lời nhắn đã sửa');
    const editedAt = Date.now();
    await post(page, t('intake.form.preview'));
    await waitForProof(page, js, editedAt);
    await post(page, t('intake.preview.send'));
    await expect(page.locator('h1')).toHaveText(t('intake.alreadySent.title'));
    await expect(page.locator('main')).not.toContainText(t('intake.notice.proof'));
    await expect(page.locator('main').getByRole('link', { name: t('intake.alreadySent.track') })).toBeVisible();
    await page.waitForTimeout(1_000);
    expect(mailFiles().length - before).toBe(1);
    await context.close();
  });
}

test('"save the code as a text file" answers with an attachment holding the code, without JavaScript', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
  const page = await context.newPage();
  const t = useTranslations('vi');
  await page.goto(localizedPath('askForHelp', 'vi'));
  // The receipt's form, as the page renders it: a POST of the code.
  await page.setContent(
    `<form method="post" action="${new URL(localizedPath('askForHelp', 'vi'), page.url()).href}"><input type="hidden" name="code" value="7KQM-2W9D-X4TB"><button name="action" value="save-code">${t('intake.receipt.save')}</button></form>`,
  );
  const download = page.waitForEvent('download');
  await page.getByRole('button').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('ma-tra-cuu.txt');
  const text = await (await file.createReadStream()).toArray();
  expect(Buffer.concat(text).toString('utf8')).toContain('7KQM-2W9D-X4TB');
  await context.close();
});
