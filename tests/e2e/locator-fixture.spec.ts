import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { repoRoot, startPortal, type RunningPortal } from '../setup/portal-process.ts';

// The locator judged on a small HAND-MADE directory (tests/fixtures/locator-e2e/directory.csv), not on the generated
// demo data: this file imports the CSV with the real import command into a fresh data folder, starts its own portal
// on it (DEMO=0, PGlite) and checks that each search lists the right points IN THE RIGHT ORDER, with the distances and
// the fallback notice worked out by hand below. The shared webServer of playwright.config.ts is not used.
//
// ## The fixture (10 points; coordinates chosen near the commune interior points of data/units.json)
//
// | row id          | commune (code)              | lat, lon           | services                         | cost              | status   |
// |-----------------|-----------------------------|--------------------|----------------------------------|-------------------|----------|
// | PQ-TTYT         | Đặc khu Phú Quốc (31078)    | 10.2170, 103.9600  | consultation-point; counselling  | free              | active   |
// | PQ-PK-CUACAN    | Đặc khu Phú Quốc (31078)    | 10.2600, 104.0100  | counselling                      | fee (fee only)    | active   |
// | AG-MMT-RACHGIA  | Phường Rạch Giá (30742)     |  9.9800, 105.1000  | methadone; counselling           | insurance; free   | active   |
// | TN-TYT-BABE     | Xã Ba Bể (01906)            | 22.4102, 105.6231  | consultation-point; counselling  | free              | active   |
// | TN-TYT-CHORA    | Xã Chợ Rã (01912)           | 22.4390, 105.7250  | counselling; HIV testing         | free; insurance   | active   |
// | TN-MMT-BACKAN   | Phường Bắc Kạn (01843)      | 22.1471, 105.8348  | methadone; counselling           | insurance; fee    | active   |
// | DN-TYT-THANHKHE | Phường Thanh Khê (20209)    | 16.0640, 108.1900  | consultation-point; counselling  | free              | active   |
// | DN-TTYT-HAICHAU | Phường Hải Châu (20242)     | 16.0760, 108.2200  | counselling; methadone; HIV test | free; insurance   | active   |
// | DN-TYT-CAMLE    | Phường Cẩm Lệ (20260)       | 16.0080, 108.1850  | consultation-point; counselling  | free              | active   |
// | DN-DTV-HOACUONG | Phường Hoà Cường (20257)    | 16.0500, 108.2050  | consultation-point; counselling  | free              | INACTIVE |
//
// ## The rules applied (src/features/locator/nearest.ts)
// Candidates: active points with an active service passing every filter. Tiers: (1) the origin's own commune; if it
// has none, (2) the origin's province, nearest first; then (3) anywhere. Within a tier: by distance in tenths of a km
// (ties by open now, checked date, name: no ties occur below). A commune search starts from the commune's interior
// point; a position search from the position, in the commune whose interior point is nearest (communeAt).
// Pages show distances with one decimal under 10 km, whole km from 10 km (format.ts formatKm).
//
// ## Distances: haversine, R = 6371.0088 km
//   a = sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2),   d = 2R · asin(√a)
// For these short distances d ≈ √(N² + E²) with N = R·Δφ (1° of latitude = 111.195 km) and
// E = R·Δλ·cos φ̄ (1° of longitude = 111.195 · cos φ̄ km), which the lines below show beside a and d.

const PORT = Number(process.env['LOCATOR_E2E_PORT'] ?? 4471);
const FIXTURE = join(repoRoot, 'tests/fixtures/locator-e2e/directory.csv');

/** The point that is imported with status `inactive`: no page of results may ever show it. */
const INACTIVE = 'Điểm tư vấn cộng đồng Hoà Cường';

const P = {
  pqCentre: 'Trung tâm Y tế đặc khu Phú Quốc',
  pqClinic: 'Phòng khám tư vấn tâm lý Cửa Cạn',
  rachGia: 'Cơ sở điều trị methadone Rạch Giá',
  baBe: 'Trạm Y tế xã Ba Bể',
  choRa: 'Trạm Y tế xã Chợ Rã',
  bacKan: 'Cơ sở điều trị methadone Bắc Kạn',
  thanhKhe: 'Trạm Y tế phường Thanh Khê',
  haiChau: 'Trung tâm Y tế khu vực Hải Châu',
  camLe: 'Trạm Y tế phường Cẩm Lệ',
} as const;

const ui = {
  vi: {
    path: '/tim-ho-tro',
    field: 'Tên xã, phường hoặc tỉnh, thành phố',
    search: 'Tìm',
    free: 'Chỉ dịch vụ miễn phí',
    filters: 'Lọc kết quả',
    useLocation: 'Dùng vị trí của tôi',
    near: (place: string) => `Nơi hỗ trợ gần ${place}`,
    yourPosition: 'Nơi hỗ trợ gần vị trí của bạn',
    km: (km: string) => `Cách khoảng ${km.replace('.', ',')} km`,
    inCommune: (commune: string) => `Các điểm dưới đây ở ngay ${commune}.`,
    nearestInProvince: (commune: string, province: string) =>
      `${commune} chưa có điểm phù hợp. Đây là những điểm gần nhất trong ${province}.`,
    renamed: (old: string, now: string) => `${old} nay thuộc ${now}.`,
    notFound: (q: string) => `Không tìm thấy nơi nào tên “${q}”`,
  },
  en: {
    path: '/en/find-help',
    field: 'Commune, ward, province or city',
    search: 'Search',
    free: 'Free of charge only',
    filters: 'Filter the results',
    useLocation: 'Use my location',
    near: (place: string) => `Help near ${place}`,
    yourPosition: 'Help near your position',
    km: (km: string) => `About ${km} km away`,
    inCommune: (commune: string) => `These points are in ${commune}.`,
    nearestInProvince: (commune: string, province: string) =>
      `There is no suitable point in ${commune}. These are the nearest in ${province}.`,
    renamed: (old: string, now: string) => `${old} is now part of ${now}.`,
    notFound: (q: string) => `No place called “${q}” was found`,
  },
} as const;

type Lang = keyof typeof ui;

// Issue 19, item 7: English pages name places in English word order, keeping the Vietnamese names.
const placesEn: Readonly<Record<string, string>> = {
  'Đặc khu Phú Quốc, Tỉnh An Giang': 'Phú Quốc special zone, An Giang province',
  'Đặc khu Phú Quốc': 'Phú Quốc special zone',
  'Đặc khu Kiên Hải, Tỉnh An Giang': 'Kiên Hải special zone, An Giang province',
  'Đặc khu Kiên Hải': 'Kiên Hải special zone',
  'Tỉnh An Giang': 'An Giang province',
  'Xã Hà Hiệu, Tỉnh Bắc Kạn': 'Hà Hiệu commune, Bắc Kạn province',
  'Xã Phúc Lộc, Tỉnh Thái Nguyên': 'Phúc Lộc commune, Thái Nguyên province',
  'Xã Phúc Lộc': 'Phúc Lộc commune',
  'Tỉnh Thái Nguyên': 'Thái Nguyên province',
  'Xã Nam Mẫu, Tỉnh Bắc Kạn': 'Nam Mẫu commune, Bắc Kạn province',
  'Xã Ba Bể, Tỉnh Thái Nguyên': 'Ba Bể commune, Thái Nguyên province',
  'Xã Ba Bể': 'Ba Bể commune',
  'Phường Hoà Cường': 'Hoà Cường ward',
  'Thành phố Đà Nẵng': 'Đà Nẵng City',
  'Phường Hoà Cường, Thành phố Đà Nẵng': 'Hoà Cường ward, Đà Nẵng City',
};

/** A place as the page of `lang` names it, from its Vietnamese name. */
function pl(lang: Lang, vi: string): string {
  return lang === 'vi' ? vi : (placesEn[vi] ?? `no English name for ${vi} in this test`);
}
const languages = ['vi', 'en'] as const;

let portal: RunningPortal | undefined;
let scratch: string | undefined;

/** Runs a command to its end; resolves with its exit code and everything it printed. */
function run(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

test.beforeAll(async () => {
  // Import (about 2 s) and first start with migrations (a few seconds) on a 2-core machine.
  test.setTimeout(180_000);
  scratch = mkdtempSync(join(tmpdir(), 'hotro-locator-e2e-'));
  const dataDir = join(scratch, 'data');
  const keyFile = join(scratch, 'keys', 'intake.key');
  // Embedded PGlite in our own folder, whatever the shared server uses: never the demo data, never a shared database.
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, KEY_FILE: keyFile };
  delete env['DEMO'];
  delete env['DATABASE_URL'];
  const imported = await run([join(repoRoot, 'scripts/import-directory.ts'), FIXTURE, '--lang', 'en'], env);
  expect(imported.code, imported.output).toBe(0);
  expect(imported.output).toContain('Imported: directory.csv (provinces 19, 48, 91), 10 rows.');
  expect(imported.output).toMatch(/inserted: +10\n/);
  portal = await startPortal({
    port: PORT,
    dataDir,
    env: { DEMO: '0', DATABASE_URL: undefined, KEY_FILE: keyFile },
    timeoutMs: 120_000,
  });
});

test.afterAll(async () => {
  await portal?.stop();
  portal = undefined;
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

function url(path: string): string {
  if (portal === undefined) throw new Error('The portal did not start.');
  return new URL(path, portal.url).href;
}

/** Types a place in the form and sends it, as a person would (optionally ticking "free of charge only"). */
async function searchFor(page: Page, lang: Lang, text: string, options: { free?: boolean } = {}): Promise<void> {
  const t = ui[lang];
  await page.goto(url(t.path));
  await page.getByLabel(t.field, { exact: true }).fill(text);
  // With JavaScript the suggestions list now covers the button (the filters are folded): close it, as a person would.
  await page.keyboard.press('Escape');
  if (options.free) {
    // The filters are folded away under "Lọc kết quả" until opened.
    await page.getByText(t.filters, { exact: true }).click();
    await page.getByLabel(t.free, { exact: true }).check();
  }
  await page.getByRole('button', { name: t.search, exact: true }).click();
  await page.waitForURL(/[?&]q=/);
}

/**
 * The listed points, in order, with the distance each card shows (`km` as written in English: "5.0", "11"); and
 * what must never be on a results page of this directory: the inactive point, and the demo banner.
 */
async function expectResults(page: Page, lang: Lang, expected: readonly (readonly [string, string])[]): Promise<void> {
  const cards = page.locator('.results > li');
  await expect(cards.locator('h3 a')).toHaveText(expected.map(([name]) => name));
  await expect(cards.locator('dl > dd:nth-of-type(1)')).toHaveText(expected.map(([, km]) => ui[lang].km(km)));
  await expect(page.getByText(INACTIVE)).toHaveCount(0);
  await expect(page.locator('[data-demo-banner]')).toHaveCount(0);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`the hand-made directory, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    for (const lang of languages) {
      const t = ui[lang];

      test(`(${lang}) "Phú Quốc" and "phu quoc": the two points of the special zone, nearest first`, async ({
        page,
      }) => {
        // Both spellings find Đặc khu Phú Quốc (31078), interior point 10.30418, 103.99955. It has two active points,
        // so tier 1 (in-commune) applies and lists only them; Rạch Giá (same province) is not listed.
        //   Cửa Cạn clinic 10.2600, 104.0100: Δφ = −0.04418°, Δλ = +0.01045° → N = −4.913 km, E = +1.143 km
        //     a = 1.5669e-7, d = 2R·asin(√a) = 5.044 km → "5.0"
        //   Trung tâm Y tế 10.2170, 103.9600: Δφ = −0.08718°, Δλ = −0.03955° → N = −9.694 km, E = −4.327 km
        //     a = 6.9414e-7, d = 10.616 km → "11" (whole km from 10 km)
        // Order: clinic (5.0) before the centre (10.6).
        for (const text of ['Phú Quốc', 'phu quoc']) {
          await searchFor(page, lang, text);
          await expect(
            page.getByRole('heading', { level: 2, name: t.near(pl(lang, 'Đặc khu Phú Quốc, Tỉnh An Giang')) }),
          ).toBeVisible();
          await expect(page.getByText(t.inCommune(pl(lang, 'Đặc khu Phú Quốc')), { exact: true })).toBeVisible();
          await expect(page.locator('[data-fallback]')).toHaveCount(0);
          await expectResults(page, lang, [
            [P.pqClinic, '5.0'],
            [P.pqCentre, '11'],
          ]);
        }
      });

      test(`(${lang}) "free of charge only" drops the fee-only clinic`, async ({ page }) => {
        // The Cửa Cạn clinic's only cost is `fee`; the Trung tâm Y tế is `free`. With free=1 the clinic is no
        // candidate; the centre still is, in the same commune, so tier 1 still applies: only the centre, 10.616 km.
        await searchFor(page, lang, 'Phú Quốc', { free: true });
        expect(new URL(page.url()).searchParams.get('free')).toBe('1');
        await expect(page.getByLabel(t.free, { exact: true })).toBeChecked();
        await expectResults(page, lang, [[P.pqCentre, '11']]);
        await expect(page.getByText(P.pqClinic)).toHaveCount(0);
      });

      test(`(${lang}) a commune without a point falls back to the nearest points of its province`, async ({ page }) => {
        // "Kiên Hải" is Đặc khu Kiên Hải (31108, An Giang), interior point 9.80777, 104.63885: no point there, so
        // tier 2, every candidate of An Giang by distance:
        //   Rạch Giá 9.9800, 105.1000:  Δφ = +0.17223°, Δλ = +0.46115° → N = +19.151, E = +50.515 km
        //     a = 1.7976e-5, d = 54.023 km → "54"
        //   Cửa Cạn 10.2600, 104.0100:  Δφ = +0.45223°, Δλ = −0.62885° → N = +50.286, E = −68.856 km
        //     a = 4.4775e-5, d = 85.263 km → "85"
        //   Trung tâm Y tế Phú Quốc 10.2170, 103.9600: Δφ = +0.40923°, Δλ = −0.67885° → N = +45.504, E = −74.335 km
        //     a = 4.6787e-5, d = 87.157 km → "87"
        await searchFor(page, lang, 'Kiên Hải');
        await expect(
          page.getByRole('heading', { level: 2, name: t.near(pl(lang, 'Đặc khu Kiên Hải, Tỉnh An Giang')) }),
        ).toBeVisible();
        await expect(page.locator('[data-fallback="province"]')).toHaveText(
          t.nearestInProvince(pl(lang, 'Đặc khu Kiên Hải'), pl(lang, 'Tỉnh An Giang')),
        );
        await expectResults(page, lang, [
          [P.rachGia, '54'],
          [P.pqClinic, '85'],
          [P.pqCentre, '87'],
        ]);
      });

      test(`(${lang}) a pre-2025 Bắc Kạn commune says what it is part of now, and lists the nearest points`, async ({
        page,
      }) => {
        // old-units.json: Xã Hà Hiệu (Tỉnh Bắc Kạn) → Xã Phúc Lộc (01894, Thái Nguyên), interior point 22.4643,
        // 105.82325. Phúc Lộc has no point: tier 2, the Thái Nguyên candidates by distance:
        //   Chợ Rã 22.4390, 105.7250:   Δφ = −0.02530°, Δλ = −0.09825° → N = −2.813, E = −10.097 km
        //     a = 6.7665e-7, d = 10.481 km → "10"
        //   Ba Bể 22.4102, 105.6231:    Δφ = −0.05410°, Δλ = −0.20015° → N = −6.016, E = −20.571 km
        //     a = 2.8292e-6, d = 21.432 km → "21"
        //   Bắc Kạn 22.1471, 105.8348:  Δφ = −0.31720°, Δλ = +0.01155° → N = −35.271, E = +1.188 km
        //     a = 7.6710e-6, d = 35.291 km → "35"
        await searchFor(page, lang, 'xã Hà Hiệu, tỉnh Bắc Kạn');
        await expect(page.locator('[data-renamed]')).toHaveText(
          t.renamed(pl(lang, 'Xã Hà Hiệu, Tỉnh Bắc Kạn'), pl(lang, 'Xã Phúc Lộc, Tỉnh Thái Nguyên')),
        );
        await expect(
          page.getByRole('heading', { level: 2, name: t.near(pl(lang, 'Xã Phúc Lộc, Tỉnh Thái Nguyên')) }),
        ).toBeVisible();
        await expect(page.locator('[data-fallback="province"]')).toHaveText(
          t.nearestInProvince(pl(lang, 'Xã Phúc Lộc'), pl(lang, 'Tỉnh Thái Nguyên')),
        );
        await expectResults(page, lang, [
          [P.choRa, '10'],
          [P.baBe, '21'],
          [P.bacKan, '35'],
        ]);

        // Xã Nam Mẫu (Tỉnh Bắc Kạn), typed without accents → Xã Ba Bể (01906), interior point 22.4435, 105.62176,
        // which HAS a point: tier 1, only that point (Chợ Rã, 10.6 km away, is in another commune and not listed).
        //   Ba Bể 22.4102, 105.6231: Δφ = −0.03330°, Δλ = +0.00134° → N = −3.703, E = +0.138 km
        //     a = 8.4564e-8, d = 3.705 km → "3.7"
        await searchFor(page, lang, 'nam mau');
        await expect(page.locator('[data-renamed]')).toHaveText(
          t.renamed(pl(lang, 'Xã Nam Mẫu, Tỉnh Bắc Kạn'), pl(lang, 'Xã Ba Bể, Tỉnh Thái Nguyên')),
        );
        await expect(page.getByText(t.inCommune(pl(lang, 'Xã Ba Bể')), { exact: true })).toBeVisible();
        await expectResults(page, lang, [[P.baBe, '3.7']]);
      });

      test(`(${lang}) a position in Đà Nẵng lists its three points, nearest first`, async ({ page }) => {
        // ?lat=16.05&lon=108.20. Nearest commune interior point (communeAt): Phường Hoà Cường 16.04602, 108.21817
        // at 1.991 km (Thanh Khê's 16.06764, 108.18883 is 2.296 km, An Khê's 2.847 km). Hoà Cường's only point is
        // INACTIVE, so tier 1 is empty: tier 2, the Đà Nẵng candidates by distance from the position itself:
        //   Thanh Khê 16.0640, 108.1900: Δφ = +0.01400°, Δλ = −0.01000° → N = +1.557, E = −1.069 km
        //     a = 2.1959e-8, d = 1.888 km → "1.9"
        //   Hải Châu 16.0760, 108.2200:  Δφ = +0.02600°, Δλ = +0.02000° → N = +2.891, E = +2.137 km
        //     a = 7.9610e-8, d = 3.595 km → "3.6"
        //   Cẩm Lệ 16.0080, 108.1850:    Δφ = −0.04200°, Δλ = −0.01500° → N = −4.670, E = −1.603 km
        //     a = 1.5016e-7, d = 4.938 km → "4.9"
        // (The inactive Hoà Cường point, 16.0500, 108.2050, would have been first at 0.534 km.)
        await page.goto(url(`${t.path}?lat=16.05&lon=108.20`));
        await expect(page.getByRole('heading', { level: 2, name: t.yourPosition })).toBeVisible();
        await expect(page.locator('[data-fallback="province"]')).toHaveText(
          t.nearestInProvince(pl(lang, 'Phường Hoà Cường'), pl(lang, 'Thành phố Đà Nẵng')),
        );
        await expectResults(page, lang, [
          [P.thanhKhe, '1.9'],
          [P.haiChau, '3.6'],
          [P.camLe, '4.9'],
        ]);
      });

      test(`(${lang}) the inactive point is not listed even for its own commune`, async ({ page }) => {
        // "Hoà Cường" → Phường Hoà Cường (20257), interior point 16.04602, 108.21817. Its only point is inactive,
        // so no candidate in tier 1; tier 2 from the interior point (an order different from the position's above):
        //   Hải Châu 16.0760, 108.2200:  Δφ = +0.02998°, Δλ = +0.00183° → N = +3.334, E = +0.196 km
        //     a = 6.8683e-8, d = 3.339 km → "3.3"
        //   Thanh Khê 16.0640, 108.1900: Δφ = +0.01798°, Δλ = −0.02817° → N = +1.999, E = −3.010 km
        //     a = 8.0429e-8, d = 3.614 km → "3.6"
        //   Cẩm Lệ 16.0080, 108.1850:    Δφ = −0.03802°, Δλ = −0.03317° → N = −4.228, E = −3.545 km
        //     a = 1.8748e-7, d = 5.517 km → "5.5"
        // (The inactive point would have been the only result, in-commune, at 1.475 km.)
        await searchFor(page, lang, 'Hoà Cường');
        await expect(
          page.getByRole('heading', { level: 2, name: t.near(pl(lang, 'Phường Hoà Cường, Thành phố Đà Nẵng')) }),
        ).toBeVisible();
        await expect(page.locator('[data-fallback="province"]')).toHaveText(
          t.nearestInProvince(pl(lang, 'Phường Hoà Cường'), pl(lang, 'Thành phố Đà Nẵng')),
        );
        await expectResults(page, lang, [
          [P.haiChau, '3.3'],
          [P.thanhKhe, '3.6'],
          [P.camLe, '5.5'],
        ]);
      });

      test(`(${lang}) a name that does not exist says so and lists nothing`, async ({ page }) => {
        // "Zzyzx" is no current or pre-2025 name, and no name is a small edit away: not found, no suggestion.
        await searchFor(page, lang, 'Zzyzx');
        await expect(page.getByRole('heading', { level: 2, name: t.notFound('Zzyzx') })).toBeVisible();
        await expect(page.locator('.results > li')).toHaveCount(0);
        await expect(page.locator('[data-no-results]')).toHaveCount(0);
      });
    }
  });
}

test.describe('the province page', () => {
  // The province page lists only points people can go to: Đà Nẵng's three active points, grouped by commune in
  // Vietnamese name order (Cẩm Lệ, Hải Châu, Thanh Khê); the inactive Hoà Cường point is never listed.
  test('(vi) of Đà Nẵng does not list the inactive point', async ({ page }) => {
    await page.goto(url('/tim-ho-tro/tinh/48'));
    await expect(page.locator('.province-communes li li > a')).toHaveText([P.camLe, P.haiChau, P.thanhKhe]);
    await expect(page.getByText(INACTIVE)).toHaveCount(0);
  });
});

test.describe('use my location (JavaScript on)', () => {
  // The browser reports 16.0512, 108.2034; the island rounds to 2 decimals in the page: 16.05, 108.20. From there
  // the answer is the one worked out above for ?lat=16.05&lon=108.20: Thanh Khê 1.888 km, Hải Châu 3.595 km,
  // Cẩm Lệ 4.938 km, in Đà Nẵng's tier 2 because the only Hoà Cường point is inactive.
  test.use({ geolocation: { latitude: 16.0512, longitude: 108.2034 }, permissions: ['geolocation'] });

  for (const lang of languages) {
    test(`(${lang}) sends the rounded position and lists the three Đà Nẵng points in order`, async ({ page }) => {
      const t = ui[lang];
      await page.goto(url(t.path));
      await page.getByRole('button', { name: t.useLocation }).click();
      await page.waitForURL(/[?&]lat=/);
      const params = new URL(page.url()).searchParams;
      expect(params.get('lat')).toBe('16.05');
      expect(params.get('lon')).toBe('108.20');
      await expect(page.getByRole('heading', { level: 2, name: t.yourPosition })).toBeVisible();
      await expectResults(page, lang, [
        [P.thanhKhe, '1.9'],
        [P.haiChau, '3.6'],
        [P.camLe, '4.9'],
      ]);
    });
  }
});
