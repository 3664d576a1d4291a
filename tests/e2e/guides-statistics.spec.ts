import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// The pathway guides and the statistics page as a reader meets them.

for (const [lang, index, heading, reviewed] of [
  ['vi', '/huong-dan', 'Hướng dẫn từng bước', 'Xem lại lần cuối'],
  ['en', '/en/guides', 'Step-by-step guides', 'Last reviewed'],
] as const) {
  test(`the guides index (${lang}) lists the seven guides (six pathways and the family crisis kit), each dated and ending with the next step`, async ({
    page,
  }) => {
    await page.goto(index);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    const links = page.locator('.guide-list .card-title a');
    await expect(links).toHaveCount(7);
    const hrefs = await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
    for (const href of hrefs) {
      const response = await page.goto(href);
      expect(response?.status(), href).toBe(200);
      await expect(page.locator('.entry-header .meta'), href).toContainText(reviewed);
      await expect(
        page.locator('.next-steps a[href$="/tim-ho-tro"], .next-steps a[href$="/find-help"]'),
        href,
      ).toHaveCount(1);
    }
  });
}

test.describe('with JavaScript off (the pages ship none)', () => {
  test.use({ javaScriptEnabled: false });

  test('the police guide answers without JavaScript', async ({ page }) => {
    const response = await page.goto('/huong-dan/khi-cong-an-xa-hoi');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Khi công an cấp xã hỏi');
  });
});

// pages.spec.ts runs axe on one guide; the others differ in content (lists, links, long steps), so each is checked.
test('every guide in both languages has no axe violation', async ({ page }) => {
  test.setTimeout(240_000);
  for (const index of ['/huong-dan', '/en/guides']) {
    await page.goto(index);
    const hrefs = await page
      .locator('.guide-list .card-title a')
      .evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) {
      await page.goto(href);
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      expect(results.violations.map((violation) => `${href}: ${violation.id}`)).toEqual([]);
    }
  }
});

test('the police guide says plainly what the portal keeps and links to the privacy page', async ({ page }) => {
  await page.goto('/en/guides/when-the-commune-police-ask');
  await expect(page.getByText('we never promise more confidentiality than the law allows')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Privacy' }).last()).toHaveAttribute('href', '/en/privacy');
  await expect(page.getByRole('heading', { name: 'What we have not seen in the texts yet' })).toBeVisible();
});

for (const [lang, path] of [
  ['vi', '/so-lieu'],
  ['en', '/en/statistics'],
] as const) {
  test(`each statistics chart (${lang}) is named, described and followed by a table of the same figures`, async ({
    page,
  }) => {
    await page.goto(path);
    const blocks = page.locator('.chart-block');
    expect(await blocks.count()).toBeGreaterThanOrEqual(8);
    for (const block of await blocks.all()) {
      const chart = block.getByRole('img');
      const name = (await block.getByRole('heading', { level: 3 }).textContent()) ?? '';
      await expect(chart).toHaveAccessibleName(name.trim());
      await expect(chart).toHaveAccessibleDescription(/.+/);
      // Every number drawn on the chart is also in the table, as text.
      const drawn = await chart.locator('.chart-value').allTextContents();
      const table = block.getByRole('table');
      for (const value of drawn) await expect(table).toContainText(value);
      await expect(table.locator('tbody tr')).toHaveCount(drawn.length);
    }
  });
}

test('the statistics page says what the figures do not say, and names places as then and now', async ({ page }) => {
  await page.goto('/so-lieu');
  await expect(page.getByRole('heading', { name: 'Số liệu này nói gì và không nói gì' })).toBeVisible();
  await expect(page.locator('td[data-province-code="75"]').first()).toHaveText(
    'Tỉnh Đồng Nai (nay thuộc Thành phố Đồng Nai)',
  );
  await expect(page.getByText('Một tỉnh (bản lưu không ghi tên tỉnh)').first()).toBeVisible();
  await expect(page.getByRole('cell', { name: 'hơn 225.000 người' })).toBeVisible();
});

// A lost `}` in content.css once nested the chart rules under a hidden selector, so the bars fell back to SVG's
// default black fill. What a reader sees is the computed fill.
for (const path of ['/so-lieu', '/en/statistics']) {
  test(`the statistics bars on ${path} are drawn in the brand colour`, async ({ page }) => {
    await page.goto(path);
    const colours = await page.evaluate(() => {
      const probe = document.createElement('span');
      probe.style.color = 'var(--brand)';
      document.body.append(probe);
      const brand = getComputedStyle(probe).color;
      probe.remove();
      return {
        brand,
        bars: [...document.querySelectorAll('.bar-chart rect')].map((bar) => getComputedStyle(bar).fill),
      };
    });
    expect(colours.brand).not.toBe('rgb(0, 0, 0)');
    expect(colours.bars.length).toBeGreaterThanOrEqual(8);
    expect(new Set(colours.bars)).toEqual(new Set([colours.brand]));
  });
}

// Issue 19, item 7: on a phone the charts' labels were drawn at about 9 px and the tables were cut off.
test.describe('the statistics page on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('draws chart text at 12 px or more, and a wide table scrolls with its caption in view', async ({ page }) => {
    await page.goto('/so-lieu');
    const sizes = await page.evaluate(() =>
      [...document.querySelectorAll<SVGSVGElement>('svg.bar-chart')]
        .filter((svg) => svg.getBoundingClientRect().width > 0)
        .flatMap((svg) => {
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return [...svg.querySelectorAll('.chart-label, .chart-value')].map(
            (text) => Number.parseFloat(getComputedStyle(text).fontSize) * scale,
          );
        }),
    );
    expect(sizes.length).toBeGreaterThanOrEqual(16);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    // Each table region fits the screen; the widest one scrolls sideways while its caption stays in view.
    const regions = page.locator('.table-scroll');
    const widths = await regions.evaluateAll((all) =>
      all.map((region) => ({
        box: region.getBoundingClientRect().right,
        scroll: region.scrollWidth - region.clientWidth,
      })),
    );
    for (const { box } of widths) expect(box).toBeLessThanOrEqual(360);
    const widest = widths.reduce((best, item, index) => (item.scroll > (widths[best]?.scroll ?? -1) ? index : best), 0);
    const region = regions.nth(widest);
    const caption = page.locator(`#${(await region.getAttribute('aria-labelledby')) ?? ''}`);
    await caption.scrollIntoViewIfNeeded();
    await region.evaluate((element) => element.scrollBy({ left: 400 }));
    if ((widths[widest]?.scroll ?? 0) > 0)
      expect(await region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    await expect(caption).toBeInViewport();
    await expect(region).toHaveAccessibleName((await caption.textContent())?.trim() ?? '');
  });
});
