/**
 * "Using each island" of the public interactive pages, as a person on a phone would, for the JavaScript budget
 * (tests/e2e/script-budget.spec.ts) and the bench's page-weight table: the page is loaded, then every island on it is
 * used once — the place autocomplete typed in and a suggestion chosen, "use my location", the proof of work left to
 * finish, the form sent — so every chunk, dynamic import and worker they fetch is counted.
 *
 * The browser context must grant geolocation (a position in Hà Nội is used) and, for the sends, speak for a client of
 * its own (an `X-Forwarded-For` header with TRUST_PROXY=1) so the rate limits of other tests are not used up.
 */
import { expect, type Page } from '@playwright/test';
import { ageBands, helpWanted, requesterKinds } from '#src/features/lists/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { useTranslations, type Lang } from '#src/i18n/index.ts';

/** The pages whose JavaScript is budgeted, each with the address it is used at. */
export const INTERACTIVE_PAGES = ['locator', 'intake', 'track', 'configurator'] as const;
export type InteractivePage = (typeof INTERACTIVE_PAGES)[number];

/** The budget: gzip bytes of JavaScript fetched in all, on load and after using every island. */
export const SCRIPT_BUDGET_BYTES = 20_000;

/** A position in Hà Nội (Ba Đình), granted to the browser context. */
export const TEST_POSITION = { latitude: 21.036_471, longitude: 105.837_88 } as const;

/** Where each interactive page is loaded: the locator with results, the others as a person first sees them. */
export function interactivePath(page: InteractivePage, lang: Lang): string {
  if (page === 'locator') return `${localizedPath('findHelp', lang)}?q=${encodeURIComponent('Phú Quốc')}`;
  if (page === 'intake') return localizedPath('askForHelp', lang);
  if (page === 'track') return localizedPath('track', lang);
  return localizedPath('embed', lang);
}

const SETTLE_MS = 1_500;

/** What was done on the page, for a test to check that every island was really used. */
export type IslandUse = 'suggestion' | 'location' | 'proof' | 'sent' | 'copied';

/** Types in the place field and chooses the first suggestion, if a list opens. */
async function useAutocomplete(page: Page, label: string, text: string, done: IslandUse[]): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill('');
  await field.pressSequentially(text, { delay: 30 });
  const option = page.getByRole('option').first();
  if (await option.isVisible({ timeout: 5_000 }).catch(() => false)) {
    await option.click();
    done.push('suggestion');
  }
  await page.waitForLoadState('load');
  await page.waitForTimeout(SETTLE_MS);
}

/** Waits until the form carries a proof of work (the island's worker has run), or gives up quietly after a while. */
async function proofDone(page: Page, done: IslandUse[]): Promise<void> {
  const solved = await expect(page.locator('input[name="altcha"]').first())
    .not.toHaveValue('', { timeout: 45_000 })
    .then(() => true)
    .catch(() => false);
  if (solved && !done.includes('proof')) done.push('proof');
}

async function useLocatorPage(page: Page, lang: Lang, done: IslandUse[]): Promise<void> {
  const t = useTranslations(lang);
  await useAutocomplete(page, t('locator.q.label'), 'phu quo', done);
  const locate = page.getByRole('button', { name: t('locator.geo.button') });
  if (await locate.isVisible().catch(() => false)) {
    await Promise.all([page.waitForURL(/[?&]lat=/), locate.click()]);
    await page.waitForLoadState('load');
    done.push('location');
  }
}

async function useIntakePage(page: Page, lang: Lang, done: IslandUse[]): Promise<void> {
  const t = useTranslations(lang);
  await useAutocomplete(page, t('intake.form.place.label'), 'ba dinh', done);
  await page.keyboard.press('Escape');
  const locate = page.getByRole('button', { name: t('intake.form.geo.button') });
  if (await locate.isVisible().catch(() => false)) {
    await locate.click();
    await expect(page.locator('input[name="lat"]')).toHaveValue(/\d/);
    done.push('location');
  }
  await page.getByRole('radio', { name: requesterKinds.label('family', lang), exact: true }).check();
  await page.getByRole('radio', { name: helpWanted.label('counselling', lang), exact: true }).check();
  await page.getByRole('radio', { name: ageBands.label('18-24', lang), exact: true }).check();
  await Promise.all([
    page.waitForURL(() => true, { waitUntil: 'load' }),
    page.getByRole('button', { name: t('intake.form.preview'), exact: true }).click(),
  ]);
  await proofDone(page, done);
  const send = page.getByRole('button', { name: t('intake.preview.send'), exact: true });
  if (await send.isVisible().catch(() => false)) {
    await Promise.all([page.waitForURL(() => true, { waitUntil: 'load' }), send.click()]);
    if (await page.locator('[data-receipt-code]').isVisible()) done.push('sent');
  }
}

async function useTrackPage(page: Page, lang: Lang, done: IslandUse[]): Promise<void> {
  const t = useTranslations(lang);
  await page.getByLabel(t('track.code.label')).fill('7KQM-2W9D-X4TB');
  await proofDone(page, done);
  await Promise.all([
    page.waitForURL(() => true, { waitUntil: 'load' }),
    page.getByRole('button', { name: t('track.submit'), exact: true }).click(),
  ]);
  done.push('sent');
}

async function useConfigurator(page: Page, done: IslandUse[]): Promise<void> {
  const radios = page.locator('input[type="radio"][name="widget"]');
  if ((await radios.count()) > 1) await radios.nth(1).check();
  await page.waitForTimeout(SETTLE_MS);
  const copy = page.locator('button[data-copy]');
  if (await copy.isVisible().catch(() => false)) {
    await copy.click();
    done.push('copied');
  }
}

/** What using each page must include, for the budget to mean anything. */
export const EXPECTED_USE: Record<InteractivePage, readonly IslandUse[]> = {
  locator: ['suggestion', 'location'],
  intake: ['suggestion', 'location', 'proof', 'sent'],
  track: ['proof', 'sent'],
  configurator: ['copied'],
};

/** Loads `which` and uses every island on it once; says what was done. */
export async function useInteractivePage(page: Page, which: InteractivePage, lang: Lang): Promise<IslandUse[]> {
  const done: IslandUse[] = [];
  await page.goto(interactivePath(which, lang));
  await page.waitForLoadState('load');
  if (which === 'locator') await useLocatorPage(page, lang, done);
  else if (which === 'intake') await useIntakePage(page, lang, done);
  else if (which === 'track') await useTrackPage(page, lang, done);
  else await useConfigurator(page, done);
  await page.waitForTimeout(SETTLE_MS);
  return done;
}
