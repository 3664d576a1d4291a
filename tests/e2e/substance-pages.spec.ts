import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { lintContent } from '#src/features/content/lint/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';

// Every drug page (the shape of content/SUBSTANCE-PAGES.md, issue 18), in both languages: the boxes drawn from the
// frontmatter are there, the page has no axe violation, ships no script, and reads on a 360 px phone.
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const { tree } = lintContent({ projectRoot });
const pages = tree.entries.filter((entry) => entry.collection === 'substances');
const pathOf = (entry: (typeof pages)[number]) => localizedPath('substance', entry.lang, { slug: entry.slug });

test('the tests below check real pages', () => {
  expect(pages.length).toBeGreaterThan(30);
});

// The locator button of one page per service type is followed (the others build the same link the same way).
const followed = new Set<string>();

for (const entry of pages) {
  const path = pathOf(entry);
  const service = String(entry.frontmatter['helpFilter']);
  const follow = !followed.has(`${entry.lang}:${service}`);
  followed.add(`${entry.lang}:${service}`);
  test(`${path}: summary, facts, legal box, help button, no script, no axe violation, one column at 360 px`, async ({
    page,
    request,
  }) => {
    const html = await (await request.get(path)).text();
    expect(html).not.toMatch(/<script\b/i);
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    const summary = page.locator('section.summary');
    await expect(summary.getByRole('heading', { level: 2 })).toBeVisible();
    expect(await summary.locator('li').count()).toBeGreaterThanOrEqual(3);
    await expect(page.locator('table.facts-table')).toBeVisible();
    await expect(page.locator('aside.legal-box')).toBeVisible();
    if (entry.frontmatter['timeline']) await expect(page.locator('figure.timeline table')).toBeVisible();
    const help = page.locator('.help-link a');
    expect(await help.getAttribute('href')).toBe(`${localizedPath('findHelp', entry.lang)}?service=${service}`);
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    await page.setViewportSize({ width: 360, height: 740 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const rows = page.locator('table.facts-table tr');
    for (let index = 0; index < (await rows.count()); index += 1) {
      const th = await rows.nth(index).locator('th').boundingBox();
      const td = await rows.nth(index).locator('td').boundingBox();
      // One column: the value sits under its label, starting at the same left edge.
      expect(td && th && td.y >= th.y + th.height - 1 && Math.abs(td.x - th.x) < 2).toBe(true);
    }
    for (const element of await page.locator('article table, article h2, article h3').all()) {
      const box = await element.boundingBox();
      expect(box && box.x + box.width <= 360).toBe(true);
    }

    if (follow) {
      await help.click();
      await expect(page).toHaveURL(/[?&]service=/);
      await expect(page.locator(`select[name="service"] option[value="${service}"]`)).toHaveJSProperty(
        'selected',
        true,
      );
    }
  });
}
