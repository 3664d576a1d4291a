import { expect, test, type Page } from '@playwright/test';
import { ageBands, helpWanted, requesterKinds } from '#src/features/lists/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { useTranslations, type Lang } from '#src/i18n/index.ts';

// Issue 19, item 6: at the preview, with JavaScript off on a 360 px phone, the server asks gently whether to keep what
// looks like a full name, a phone or ID number or a school in the message; it never blocks sending nor changes the
// text. Previews only: nothing is sent, so no rate limit is spent.

async function previewWith(page: Page, lang: Lang, message: string): Promise<void> {
  const t = useTranslations(lang);
  await page.goto(localizedPath('askForHelp', lang));
  await page.getByRole('radio', { name: requesterKinds.label('family', lang), exact: true }).check();
  await page.getByLabel(t('intake.form.place.label')).fill('Phường Ba Đình, Hà Nội');
  await page.getByRole('radio', { name: helpWanted.label('counselling', lang), exact: true }).check();
  await page.getByRole('radio', { name: ageBands.label('12-17', lang), exact: true }).check();
  await page.getByLabel(t('intake.form.message.label')).fill(message);
  await page.getByRole('button', { name: t('intake.form.preview'), exact: true }).click();
  await expect(page.locator('h1')).toHaveText(t('intake.preview.title'));
}

test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });

test('the preview asks whether to keep an ID number, a phone number, a full name and a school, and still offers to send (JavaScript off)', async ({
  page,
}) => {
  const t = useTranslations('vi');
  const message =
    'Con tôi là Nguyễn Văn Minh, học trường THCS Nguyễn Du, số căn cước 001203004567, gọi tôi 0912345678.';
  await previewWith(page, 'vi', message);
  const guard = page.locator('[data-message-guard]');
  await expect(guard).toBeVisible();
  await expect(guard.getByRole('heading')).toHaveText(t('intake.guard.title'));
  await expect(guard.locator('li')).toHaveText([
    t('intake.guard.item', { kind: t('intake.guard.kind.fullName'), text: 'Nguyễn Văn Minh' }),
    t('intake.guard.item', { kind: t('intake.guard.kind.phone'), text: '0912345678' }),
    t('intake.guard.item', { kind: t('intake.guard.kind.idNumber'), text: '001203004567' }),
    t('intake.guard.item', { kind: t('intake.guard.kind.school'), text: 'trường THCS Nguyễn Du' }),
  ]);
  // Never blocking, never altering: the send button is there and the message travels as written.
  await expect(page.getByRole('button', { name: t('intake.preview.send'), exact: true })).toBeEnabled();
  await expect(page.locator('input[type="hidden"][name="message"]')).toHaveValue(message);
  // "Change" goes back to the form with the message as it was.
  await page.getByRole('button', { name: t('intake.preview.edit'), exact: true }).click();
  await expect(page.getByLabel(t('intake.form.message.label'))).toHaveValue(message);
});

test('a message without personal details gets no question (JavaScript off, English)', async ({ page }) => {
  await previewWith(page, 'en', 'My teenage son has been vaping every day for a year. How do I start a conversation?');
  await expect(page.locator('[data-message-guard]')).toHaveCount(0);
});
