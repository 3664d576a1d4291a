import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type FrameLocator, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// The widgets as a partner uses them: a plain "school site" on a second origin (another port on 127.0.0.1, served by
// the test) pastes the snippets the configurator gives, and the widgets render, fit their content, work, and stay
// out of the host page's reach. Against the demo server (DEMO=1).

/** A school's website: whatever HTML the test puts in `html`, on its own origin. */
async function startSchoolSite(): Promise<{
  url: string;
  setBody: (body: string) => void;
  close: () => Promise<void>;
}> {
  let body = '';
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Trường THPT Ví Dụ</title></head><body>` +
        `<h1>Trường THPT Ví Dụ</h1><p>Góc tư vấn học đường.</p>${body}<p>Chân trang của trường.</p></body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    setBody: (next) => (body = next),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The code in the configurator's code box. */
async function snippetOn(page: Page): Promise<string> {
  return page.getByLabel(/^(Mã nhúng|Embed code)$/).inputValue();
}

/** Waits until the frame is as tall as the page inside it (the loader sized it from the embed's message). */
async function expectFitted(frame: Locator): Promise<void> {
  await frame.scrollIntoViewIfNeeded();
  const inner = await (await frame.elementHandle())?.contentFrame();
  if (!inner) throw new Error('no frame');
  await expect
    .poll(async () => {
      const content = await inner.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
      const box = await frame.boundingBox();
      return content > 0 && box !== null && Math.abs(box.height - content) <= 1;
    })
    .toBe(true);
}

test.describe('a school site with the three widgets', () => {
  test('the configurator gives the code; pasted on another site, each widget renders, fits, works and stays private', async ({
    page,
    context,
    baseURL,
  }) => {
    const school = await startSchoolSite();
    try {
      // The code, as a school's IT person gets it: choices made on the configurator, the code taken from its box.
      await page.goto('/nhung-tien-ich');
      await page.getByLabel('Tỉnh, thành phố đặt sẵn').selectOption({ label: 'Thành phố Hà Nội' });
      await expect(page.getByLabel('Mã nhúng')).toHaveValue(/data-province="01"/);
      await expect(page.getByRole('status')).toHaveText('Đã cập nhật mã và bản xem trước.');
      const locatorCode = await snippetOn(page);
      await page.getByLabel('Nút xin tư vấn').check();
      await expect(page.getByLabel('Mã nhúng')).toHaveValue(/data-hotro-widget="help"/);
      const helpCode = await snippetOn(page);
      await page.goto('/en/embed?widget=campaign&lang=en&campaign=asking-is-brave&theme=dark&accent=purple');
      const campaignCode = await snippetOn(page);
      expect(campaignCode).toContain(`<script src="${baseURL}/widget.js"`);
      school.setBody(`<h2>Tìm nơi hỗ trợ</h2>${locatorCode}<h2>Cần nói chuyện?</h2>${helpCode}${campaignCode}`);

      const portalOrigin = new URL(baseURL ?? '').origin;
      const schoolOrigin = new URL(school.url).origin;
      const origins = new Set<string>();
      page.on('request', (request) => origins.add(new URL(request.url()).origin));
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));

      await page.goto(school.url);
      const frames = page.locator('iframe');
      await expect(frames).toHaveCount(3);
      const locatorFrame = page.locator('iframe[src*="/embed/tim-ho-tro"]');
      const helpFrame = page.locator('iframe[src*="/embed/xin-tu-van"]');
      const campaignFrame = page.locator('iframe[src*="/embed/en/campaigns/asking-is-brave"]');
      await expect(locatorFrame).toHaveAttribute('title', 'Tìm nơi hỗ trợ gần bạn trên cổng Hỗ trợ cai nghiện');
      for (const frame of [locatorFrame, helpFrame, campaignFrame]) await expectFitted(frame);

      // Each renders.
      const locator: FrameLocator = page.frameLocator('iframe[src*="/embed/tim-ho-tro"]');
      await expect(locator.getByRole('heading', { name: 'Nơi hỗ trợ gần Thành phố Hà Nội' })).toBeVisible();
      await expect(locator.locator('.embed-result').first()).toBeVisible();
      const help = page.frameLocator('iframe[src*="/embed/xin-tu-van"]');
      await expect(
        help.getByRole('heading', { name: 'Lo lắng về ma túy, cho mình hay cho người thân?' }),
      ).toBeVisible();
      const banner = page.frameLocator('iframe[src*="/embed/en/campaigns/"]');
      await expect(banner.getByRole('heading', { level: 1, name: 'Asking is brave.' })).toBeVisible();
      await expect(banner.locator('html')).toHaveClass(/theme-dark/);
      await expect(banner.locator('html')).toHaveClass(/accent-purple/);

      // The locator searches inside its frame; the school page stays where it is, and the frame fits its new content.
      const heightBefore = (await locatorFrame.boundingBox())?.height;
      await locator.getByLabel('Tên xã, phường hoặc tỉnh, thành phố').fill('Phú Quốc');
      await locator.getByRole('button', { name: 'Tìm', exact: true }).click();
      await expect(
        locator.getByRole('heading', { name: 'Nơi hỗ trợ gần Đặc khu Phú Quốc, Tỉnh An Giang' }),
      ).toBeVisible();
      await expectFitted(locatorFrame);
      expect((await locatorFrame.boundingBox())?.height).not.toBe(heightBefore);
      expect(page.url()).toBe(school.url);

      // The help button opens the request page of the portal in a new tab, with no way back to the school page.
      const ask = help.getByRole('link', { name: /^Xin tư vấn/ });
      await expect(ask).toHaveAttribute('target', '_blank');
      await expect(ask).toHaveAttribute('rel', 'noopener');
      const [intake] = await Promise.all([context.waitForEvent('page'), ask.click()]);
      await intake.waitForLoadState();
      expect(intake.url()).toBe(`${portalOrigin}/xin-tu-van`);
      await expect(intake.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await intake.evaluate(() => window.opener)).toBeNull();
      await intake.close();

      // The school page cannot read any widget: they are another origin's documents.
      const readable = await page.evaluate(() =>
        [...document.querySelectorAll('iframe')].map((frame) => {
          try {
            return frame.contentDocument !== null || frame.contentWindow?.document !== undefined;
          } catch {
            return false;
          }
        }),
      );
      expect(readable).toEqual([false, false, false]);

      // Nothing but the two sites was contacted, no cookie was set, no script failed.
      expect([...origins].sort()).toEqual([portalOrigin, schoolOrigin].sort());
      expect(await context.cookies()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await school.close();
    }
  });

  test('pages of the portal other than the embeds refuse to be framed by another site', async ({ page, baseURL }) => {
    const school = await startSchoolSite();
    try {
      school.setBody(
        `<iframe title="a" src="${baseURL}/xin-tu-van"></iframe><iframe title="b" src="${baseURL}/embed/xin-tu-van"></iframe>`,
      );
      await page.goto(school.url);
      await expect(page.frameLocator('iframe[title="b"]').getByRole('link', { name: /^Xin tư vấn/ })).toBeVisible();
      // Chromium replaces a refused frame with its own error page.
      await expect.poll(() => page.frames().map((frame) => frame.url().split(':')[0])).toContain('chrome-error');
      expect(page.frames().some((frame) => frame.url() === `${baseURL}/xin-tu-van`)).toBe(false);
    } finally {
      await school.close();
    }
  });
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test("a school page shows the snippet's plain link instead of the widget", async ({ page }) => {
    const school = await startSchoolSite();
    try {
      await page.goto('/nhung-tien-ich?widget=help');
      school.setBody(await snippetOn(page));
      await page.goto(school.url);
      await expect(page.locator('iframe')).toHaveCount(0);
      await expect(
        page.getByRole('link', { name: 'Xin tư vấn không cần nêu tên trên cổng Hỗ trợ cai nghiện' }),
      ).toHaveAttribute('href', /\/xin-tu-van$/);
    } finally {
      await school.close();
    }
  });

  test('the configurator answers its form, and its code can be selected and copied by hand', async ({ page }) => {
    await page.goto('/en/embed');
    await expect(page.getByRole('button', { name: 'Copy the code' })).toBeHidden();
    await page.getByLabel('Campaign banner').check();
    await page.getByLabel('Dark').check();
    await page.getByRole('button', { name: 'Update the code and preview' }).click();
    await expect(page).toHaveURL(/widget=campaign/);
    const code = page.getByLabel('Embed code');
    await expect(code).toHaveValue(/data-hotro-widget="campaign" data-lang="en" data-theme="dark"/);
    await expect(code).toHaveAttribute('readonly', '');
    await code.selectText();
    const selected = await code.evaluate((box: HTMLTextAreaElement) =>
      box.value.slice(box.selectionStart, box.selectionEnd),
    );
    expect(selected).toBe(await code.inputValue());
    // The preview is the snippet's own link: what readers of a page without JavaScript get.
    await expect(page.locator('.configurator__preview a')).toHaveText('Campaigns of the Addiction support portal');
  });
});

test('the copy button copies the code', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/nhung-tien-ich?widget=help&layout=button');
  await page.getByRole('button', { name: 'Chép mã' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã chép mã.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await snippetOn(page));
});

test.describe('embeds', () => {
  const embeds = [
    '/embed/tim-ho-tro?province=01',
    '/embed/en/find-help?commune=00004&service=counselling&theme=dark&accent=orange',
    '/embed/tim-ho-tro?q=T%C3%A2n%20Ph%C3%BA&theme=dark&accent=pink',
    '/embed/en/find-help?q=Xyzqwv&accent=red',
    '/embed/tim-ho-tro?q=' + 'a'.repeat(101),
    '/embed/xin-tu-van?layout=button&theme=dark&accent=green',
    '/embed/en/ask-for-help?theme=dark&accent=blue',
    '/embed/chien-dich?theme=dark',
    '/embed/en/campaigns/not-candy?accent=purple',
  ];
  for (const path of embeds) {
    test(`${path} passes axe and ships only its height reporter`, async ({ page, request }) => {
      const response = await request.get(path);
      expect(response.headers()['set-cookie']).toBeUndefined();
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts).toHaveLength(1);
      expect(scripts[0]?.[1]).not.toContain('src=');
      expect(scripts[0]?.[2]?.length).toBeLessThan(400);
      await page.goto(path);
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
        [],
      );
    });
  }

  // Issue 19, item 5: a Đồng Nai site's locator (province=75) must find Đồng Nai's Tân Phú, not ask among six.
  for (const javaScriptEnabled of [false, true]) {
    test(`the preset province scopes an ambiguous name the reader types (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
      browser,
    }) => {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto('/embed/tim-ho-tro?province=75');
      await page.getByLabel('Tên xã, phường hoặc tỉnh, thành phố', { exact: true }).fill('Tân Phú');
      await page.getByRole('button', { name: 'Tìm', exact: true }).click();
      await expect(
        page.getByRole('heading', { level: 2, name: 'Nơi hỗ trợ gần Phường Tân Phú, Thành phố Đồng Nai' }),
      ).toBeVisible();
      await context.close();
    });
  }

  test('every link out of an embed opens a new tab with rel="noopener", and says so', async ({ page }) => {
    for (const path of ['/embed/tim-ho-tro?province=01', '/embed/en/ask-for-help', '/embed/chien-dich']) {
      await page.goto(path);
      for (const link of await page.locator('a[href^="/"], a[href^="http"]').all()) {
        await expect(link).toHaveAttribute('target', '_blank');
        await expect(link).toHaveAttribute('rel', 'noopener');
        await expect(link.locator('.visually-hidden')).toHaveText(/new tab|thẻ mới/);
      }
    }
  });

  test('an unknown campaign gives way to the newest one, and wrong options to the defaults', async ({ page }) => {
    const response = await page.goto('/embed/chien-dich/khong-con-nua?theme=neon&accent=%23ff0000');
    expect(response?.status()).toBe(200);
    await expect(page.locator('html')).toHaveClass('theme-light accent-teal');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
});

test.describe('the configurator, other widgets', () => {
  for (const path of [
    '/nhung-tien-ich?widget=help',
    '/nhung-tien-ich?widget=campaign',
    '/en/embed?widget=help',
    '/en/embed?widget=campaign&lang=vi',
  ]) {
    test(`${path} passes axe`, async ({ page }) => {
      await page.goto(path);
      await expect(page.locator('iframe')).toHaveCount(1);
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
        [],
      );
    });
  }
});
