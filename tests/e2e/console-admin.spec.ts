/**
 * The administration half of the console in Chromium, as `npm start` serves it (DEMO=1, the seeded staff of
 * tests/fixtures/console-staff.ts): a provincial administrator keeps a point true (the public page shows the change
 * at once), marks it checked, changes its staff (add, remove, invite → the invited person joins → disable), handles a
 * report of outdated information sent from the public page, reads the counts ("< 5"), the audit log and the dead
 * letters, imports a file (every problem listed; then a clean file written); a national administrator sees the
 * country. axe checks every administration page in both languages (they need a session, so pages.spec cannot).
 *
 * Everything this spec changes is put back or harmless to the specs that run after it on the same server: staff A is
 * removed from point Y again, the added phone is removed, the imported point is inactive.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { localizedPath } from '#src/features/site/routes.ts';
import { useTranslations, type Lang } from '#src/i18n/index.ts';
import { consoleStaff, STAFF_PASSWORD, type StaffKey } from '../fixtures/console-staff.ts';
import { e2eDataDir as dataDir } from '../setup/e2e-data-dir.ts';
import { baseURL, readFixture, signedIn } from './console-helpers.ts';

test.describe.configure({ mode: 'serial' });

const vi = useTranslations('vi');
const mailDir = join(dataDir, 'mail');
const contexts = new Map<StaffKey, BrowserContext>();

/** A browser context carrying `key`'s session (signed in through the forms, second factor included). */
async function sessionOf(browser: Browser, key: StaffKey): Promise<BrowserContext> {
  const existing = contexts.get(key);
  if (existing !== undefined) return existing;
  const client = await signedIn(key);
  const context = await browser.newContext({ baseURL, storageState: await client.storageState() });
  await client.dispose();
  contexts.set(key, context);
  return context;
}

async function pageOf(browser: Browser, key: StaffKey): Promise<Page> {
  return (await sessionOf(browser, key)).newPage();
}

test.afterAll(async () => {
  for (const context of contexts.values()) await context.close();
});

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** The invitation link sent to `email`, read from the .eml files the outbox writes (base64 bodies). */
async function invitationLinkFor(email: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      () => {
        const files = existsSync(mailDir) ? readdirSync(mailDir).filter((name) => name.endsWith('.eml')) : [];
        for (const name of files) {
          const text = readFileSync(join(mailDir, name), 'utf8');
          if (!text.includes(`To: ${email}`)) continue;
          const bodies = text
            .split(/\r\n\r\n/)
            .slice(1)
            .map((part) => Buffer.from(part.split('\r\n--')[0]?.replace(/\r\n/g, '') ?? '', 'base64').toString('utf8'));
          link = bodies
            .map((body) => /https?:\/\/[^\s"<>]+\/quan-ly\/loi-moi\?token=[A-Za-z0-9_-]{43}/.exec(body)?.[0])
            .find(Boolean);
          if (link) return true;
        }
        return false;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return link ?? '';
}

test('a provincial administrator sees the province’s points and corrects one; the public page shows it at once', async ({
  browser,
}) => {
  const { pointY } = readFixture();
  const page = await pageOf(browser, 'hanoiAdmin');
  await page.goto(localizedPath('consolePoints', 'vi'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    vi('console.admin.points.titleOf', { province: 'Hà Nội' }),
  );
  await page.getByTestId('points-table').getByRole('link', { name: pointY.name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(pointY.name);

  const phones = page.getByLabel(`${vi('console.admin.point.phones.label')} ${vi('form.optional')}`);
  const before = await phones.inputValue();
  await phones.fill(`${before}\nabc`);
  await page.getByRole('button', { name: vi('console.admin.point.save') }).click();
  await expect(page).toHaveTitle(/^Lỗi: /);
  const summary = page.locator('.error-summary');
  await expect(
    summary.getByRole('link', { name: vi('console.admin.point.error.phoneInvalid', { value: 'abc' }) }),
  ).toHaveAttribute('href', '#f-phones');
  await expect(phones).toHaveValue(`${before}\nabc`);
  await expectNoAxeViolations(page);

  await phones.fill(`${before}\n0912 345 678`.trim());
  await page.getByRole('button', { name: vi('console.admin.point.save') }).click();
  await expect(page.getByRole('status')).toHaveText(vi('console.admin.point.notice.saved'));

  const publicPage = await browser.newPage();
  await publicPage.goto(`${baseURL}${localizedPath('findHelpPoint', 'vi', { id: pointY.id })}`);
  await expect(publicPage.getByRole('link', { name: '0912345678' })).toBeVisible();
  await publicPage.close();

  await page.getByRole('button', { name: vi('console.admin.point.markChecked') }).click();
  await expect(page.getByRole('status')).toHaveText(vi('console.admin.point.notice.checked'));
  await expect(page.getByTestId('checked-on')).not.toHaveText(vi('console.admin.points.neverChecked'));

  // Put the phones back as they were.
  await phones.fill(before);
  await page.getByRole('button', { name: vi('console.admin.point.save') }).click();
  await expect(page.getByRole('status')).toHaveText(vi('console.admin.point.notice.saved'));
  await page.close();
});

test('a point’s staff: add and remove someone of the province, invite a new person who joins, then disable them', async ({
  browser,
}) => {
  const { pointY } = readFixture();
  const page = await pageOf(browser, 'hanoiAdmin');
  await page.goto(localizedPath('consolePoint', 'vi', { id: pointY.id }));
  const staffTable = page.getByTestId('point-staff');
  await expect(staffTable).toContainText(consoleStaff.staffB.name);
  await expect(staffTable).not.toContainText(consoleStaff.staffA.name);

  // Nobody chosen: the error summary says so.
  await page.getByRole('button', { name: vi('console.admin.point.add.submit') }).click();
  await expect(
    page.locator('.error-summary').getByRole('link', { name: vi('console.admin.point.error.choosePerson') }),
  ).toBeVisible();
  // The list holds point staff only: no administrator, so an administrator cannot add themselves.
  const options = await page.getByLabel(vi('console.admin.point.add.label')).locator('option').allTextContents();
  expect(options.some((option) => option.includes(consoleStaff.hanoiAdmin.email))).toBe(false);
  await page
    .getByLabel(vi('console.admin.point.add.label'))
    .selectOption({ label: `${consoleStaff.staffA.name} (${consoleStaff.staffA.email})` });
  await page.getByRole('button', { name: vi('console.admin.point.add.submit') }).click();
  await expect(page.getByRole('status')).toHaveText(vi('console.admin.point.notice.staffAdded'));
  await expect(staffTable).toContainText(consoleStaff.staffA.name);
  await page
    .getByRole('button', { name: `${vi('console.admin.point.staff.remove')} ${consoleStaff.staffA.name}` })
    .click();
  await expect(page.getByRole('status')).toHaveText(vi('console.admin.point.notice.staffRemoved'));
  await expect(staffTable).not.toContainText(consoleStaff.staffA.name);

  const email = `e2e-new-${Date.now()}@example.invalid`;
  await page.getByRole('button', { name: vi('console.admin.point.invite.submit') }).click();
  await expect(
    page.locator('.error-summary').getByRole('link', { name: vi('console.admin.invite.error.emailRequired') }),
  ).toHaveAttribute('href', '#f-invite-email');
  await page.getByLabel(vi('console.admin.invite.email.label')).fill(email);
  await page.getByRole('button', { name: vi('console.admin.point.invite.submit') }).click();
  await expect(page.getByRole('status')).toHaveText(vi('console.admin.point.notice.invited'));
  await expect(page.getByText(email)).toBeVisible();

  // The invited person accepts from the e-mail's link (a browser of their own), then signs in.
  const link = new URL(await invitationLinkFor(email));
  const invitee = await browser.newContext({ baseURL });
  const joining = await invitee.newPage();
  await joining.goto(`${link.pathname}${link.search}`);
  await joining.getByLabel(vi('console.invitation.name.label')).fill('Cán bộ mới E2E');
  await joining.getByLabel(vi('console.invitation.password.label'), { exact: true }).fill(STAFF_PASSWORD);
  await joining.getByLabel(vi('console.invitation.confirm.label')).fill(STAFF_PASSWORD);
  await joining.getByRole('button', { name: vi('console.invitation.submit') }).click();
  await expect(joining).toHaveURL(/\/quan-ly\/dang-nhap\?notice=account-created/);
  await invitee.close();

  await page.reload();
  await expect(staffTable).toContainText('Cán bộ mới E2E');

  // The staff page lists the new account; disabling it signs it out everywhere.
  await page.goto(localizedPath('consoleStaff', 'vi'));
  const row = page.locator(`tr[data-account="${email}"]`);
  await expect(row).toContainText(vi('console.admin.staff.active'));
  await row.getByRole('button', { name: `${vi('console.admin.staff.disable')} Cán bộ mới E2E` }).click();
  await expect(page.getByRole('status')).toHaveText(vi('console.admin.staff.notice.disabled'));
  await expect(row).toContainText(vi('console.admin.staff.disabledOn', { date: '' }).trim());
  await expect(page.locator(`tr[data-account="${consoleStaff.hanoiAdmin.email}"]`).getByRole('button')).toHaveCount(0);

  // Every change is in the audit log, by name.
  await page.goto(`${localizedPath('consoleAudit', 'vi')}?action=staff.added-to-point`);
  const log = page.getByTestId('audit-log');
  await expect(log).toContainText(consoleStaff.hanoiAdmin.name);
  await expect(log).toContainText(consoleStaff.staffA.name);
  await page.getByLabel(vi('console.admin.audit.actionLabel')).selectOption('staff.disabled');
  await page.getByRole('button', { name: vi('console.admin.audit.apply') }).click();
  await expect(log).toContainText('Cán bộ mới E2E');
  await page.close();
});

test('a report of outdated information sent from the public page is read (note included) and resolved', async ({
  browser,
}) => {
  const { pointY } = readFixture();
  const note = `E2E-ADMIN số ${Date.now()} không ai nghe`;
  const publicPage = await browser.newPage();
  await publicPage.goto(`${baseURL}${localizedPath('findHelpPoint', 'vi', { id: pointY.id })}`);
  await publicPage.getByLabel('Số điện thoại sai').check();
  await publicPage.getByLabel('Ghi chú (không bắt buộc)').fill(note);
  await publicPage.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(publicPage.getByRole('heading', { name: 'Cảm ơn bạn, chúng tôi đã nhận được báo cáo' })).toBeVisible();
  await publicPage.close();

  const page = await pageOf(browser, 'hanoiAdmin');
  await page.goto(localizedPath('consoleReports', 'vi'));
  const report = page.locator('[data-report]').filter({ hasText: note });
  await expect(report).toContainText(pointY.name);
  await expect(report).toContainText('Số điện thoại sai');
  await report.getByRole('button', { name: new RegExp(`^${vi('console.admin.reports.resolve')}`) }).click();
  await expect(page.getByRole('status')).toHaveText(vi('console.admin.reports.notice.resolved'));
  await expect(page.getByText(note)).toHaveCount(0);
  await page.close();
});

test('counts: charts and tables with the same numbers, every small count as "< 5"', async ({ browser }) => {
  const page = await pageOf(browser, 'hanoiAdmin');
  await page.goto(localizedPath('consoleCounts', 'vi'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    vi('console.admin.counts.titleOf', { province: 'Hà Nội' }),
  );
  for (const id of ['by-week', 'by-help', 'by-outcome']) {
    const block = page.locator(`[data-chart="${id}"]`);
    await expect(block.getByRole('img')).toBeVisible();
    const drawn = await block.getByRole('img').locator('.chart-value').allTextContents();
    const tabled = await block.locator('tbody td').allTextContents();
    expect(drawn).toEqual(tabled);
  }
  // The seed's two requests (and whatever the other specs sent) are fewer than five: nothing shows a number under 5.
  await expect(page.getByTestId('counts-total')).toHaveText('< 5');
  const cells = await page.locator('td.num, svg .chart-value').allTextContents();
  expect(cells.filter((cell) => /^[0-4]$/.test(cell.trim()))).toEqual([]);
  await page.close();
});

test('import: every problem of a file is listed and nothing written; a clean file is written', async ({ browser }) => {
  const page = await pageOf(browser, 'hanoiAdmin');
  await page.goto(localizedPath('consoleImport', 'vi'));
  await page.getByRole('button', { name: vi('console.admin.import.submit') }).click();
  await expect(
    page.locator('.error-summary').getByRole('link', { name: vi('console.admin.import.error.chooseFile') }),
  ).toHaveAttribute('href', '#f-file');

  const header =
    'Mã dòng,Mã tỉnh,Xã/phường (mã hoặc tên),Đơn vị quản lý,Loại đơn vị,Tên điểm,Địa chỉ,Vĩ độ,Kinh độ,Điện thoại,Email nhận thông báo,Loại dịch vụ,Chi phí,Ngôn ngữ,Tuổi tối thiểu,Tuổi tối đa,Giờ làm việc,Trạng thái,Ngày xác minh';
  const row = (id: string, province: string, phone: string) =>
    `${id},${province},00004,Đơn vị thử E2E,health-station,Điểm thử nhập E2E ${id},,,,${phone},,counselling,free,vi,,,,inactive,`;
  const file = page.getByLabel(vi('console.admin.import.file.label'));
  await file.setInputFiles({
    name: 'sai.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${header}\n${row('E2E-1', '48', 'abc')}\n`),
  });
  await page.getByRole('button', { name: vi('console.admin.import.submit') }).click();
  await expect(page).toHaveTitle(/^Lỗi: /);
  const problems = page.getByTestId('import-problems');
  await expect(problems.getByRole('listitem').filter({ hasText: /^Dòng 2, cột «Mã tỉnh»/ })).toHaveCount(1);
  await expect(problems.getByRole('listitem').filter({ hasText: /^Dòng 2, cột «Điện thoại»/ })).toHaveCount(1);
  await expect(problems).not.toContainText('--province');
  await expectNoAxeViolations(page);

  await file.setInputFiles({
    name: 'dung.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFF${header}\n${row('E2E-1', '01', '0912345678')}\n`),
  });
  await page.getByRole('button', { name: vi('console.admin.import.submit') }).click();
  const done = page.getByTestId('import-done');
  await expect(done).toContainText(vi('console.admin.import.done.inserted', { count: 1 }));

  await page.goto(`${localizedPath('consoleAudit', 'vi')}?action=directory.imported`);
  await expect(page.getByTestId('audit-log')).toContainText('inserted-1-updated-0-deactivated-0');
  await page.close();
});

test('import: a file over the size limit is refused as too large, in both languages, never as a session mismatch', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const limitMb = 5;
  // Just over the file limit (the form's other fields fit beside it), and well over the whole form's limit.
  for (const [lang, bytes] of [
    ['vi', limitMb * 1024 * 1024 + 1024],
    ['en', limitMb * 1024 * 1024 + 512 * 1024],
  ] as const) {
    const t = useTranslations(lang);
    const page = await pageOf(browser, 'hanoiAdmin');
    await page.goto(localizedPath('consoleImport', lang));
    await page
      .getByLabel(t('console.admin.import.file.label'))
      .setInputFiles({ name: 'lon.csv', mimeType: 'text/csv', buffer: Buffer.alloc(bytes, 'a') });
    const answer = page.waitForResponse((response) => response.request().method() === 'POST');
    await page.getByRole('button', { name: t('console.admin.import.submit') }).click();
    expect((await answer).status(), `${lang}, ${bytes} bytes`).toBe(413);
    const message = { vi: `Tệp quá lớn (giới hạn ${limitMb} MB)`, en: `File too large (limit ${limitMb} MB)` }[lang];
    await expect(page.locator('.error-summary')).toContainText(message);
    await expect(page.getByLabel(t('console.admin.import.file.label'))).toBeVisible();
    await page.close();
  }
});

test('dead letters: none here, and the page says so without an address anywhere', async ({ browser }) => {
  const page = await pageOf(browser, 'hanoiAdmin');
  await page.goto(localizedPath('consoleDeadLetters', 'vi'));
  await expect(page.getByText(vi('console.admin.dead.none'))).toBeVisible();
  await page.close();
});

test('a national administrator chooses a province, or sees the country', async ({ browser }) => {
  const page = await pageOf(browser, 'nationalAdmin');
  await page.goto(localizedPath('consolePoints', 'vi'));
  await page.getByRole('link', { name: 'Đà Nẵng', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    vi('console.admin.points.titleOf', { province: 'Đà Nẵng' }),
  );
  await expect(
    page.getByTestId('points-table').getByRole('link', { name: readFixture().otherProvincePoint.name, exact: true }),
  ).toBeVisible();
  await page.goto(localizedPath('consoleCounts', 'vi'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(vi('console.admin.counts.titleNational'));
  await expect(page.locator('[data-chart="by-province"] tbody tr')).toHaveCount(34);
  await page.close();
});

const adminPages = [
  'consolePoints',
  'consolePoint',
  'consoleStaff',
  'consoleReports',
  'consoleCounts',
  'consoleAudit',
  'consoleDeadLetters',
  'consoleImport',
] as const;

for (const lang of ['vi', 'en'] as const satisfies readonly Lang[]) {
  test(`(${lang}) axe finds nothing on any administration page`, async ({ browser }) => {
    test.setTimeout(120_000);
    const t = useTranslations(lang);
    const page = await pageOf(browser, 'hanoiAdmin');
    for (const route of adminPages) {
      const path = localizedPath(route, lang, route === 'consolePoint' ? { id: readFixture().pointY.id } : {});
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.getByRole('navigation', { name: t('console.nav.label') })).toBeVisible();
      await expectNoAxeViolations(page);
    }
    const national = await pageOf(browser, 'nationalAdmin');
    for (const path of [
      localizedPath('consolePoints', lang),
      localizedPath('consoleCounts', lang),
      localizedPath('consoleStaff', lang),
    ]) {
      await national.goto(path);
      await expectNoAxeViolations(national);
    }
    await national.close();
    await page.close();
  });
}
