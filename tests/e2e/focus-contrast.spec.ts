import { expect, test, type Page } from '@playwright/test';
import { localizedPath } from '#src/features/site/routes.ts';
import { languages } from '#src/i18n/index.ts';

// Focus must be seen: a link reached with the keyboard shows dark text on the yellow focus colour, never white (the
// header's link colour) on yellow. Measured in Chromium on every link of the header, tabbing from the top of the page
// as a keyboard user does: the text against the focused link's own background ≥ 4.5:1 (WCAG 1.4.3), and that
// background against the header's ≥ 3:1 (the indicator is a change of colour, WCAG 1.4.11).

interface FocusedLink {
  name: string;
  inHeader: boolean;
  /** Drawn over the page (the quick exit, fixed at the bottom right), not on the header's background. */
  floating: boolean;
  text: string;
  background: string;
  around: string;
}

/** The focused element's text colour, its own background and the background around it, as computed. */
function readFocused(page: Page): Promise<FocusedLink | null> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!(element instanceof HTMLElement) || element.tagName !== 'A') return null;
    const opaque = (start: Element | null): string => {
      for (let node = start; node !== null; node = node.parentElement) {
        const colour = getComputedStyle(node).backgroundColor;
        if (colour !== 'transparent' && !/rgba\([^)]*,\s*0\)$/.test(colour)) return colour;
      }
      return 'rgb(255, 255, 255)';
    };
    const style = getComputedStyle(element);
    return {
      name: element.textContent?.trim() ?? '',
      inHeader: element.closest('header') !== null,
      floating: getComputedStyle(element.parentElement ?? element).position === 'fixed',
      text: style.color,
      background: opaque(element),
      around: opaque(element.closest('header')),
    };
  });
}

function luminance(colour: string): number {
  const [r = 0, g = 0, b = 0] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.039_28 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

for (const lang of languages) {
  for (const route of ['home', 'findHelp'] as const) {
    test(`(${lang}) every header link of ${localizedPath(route, lang)} is focused with text ≥ 4.5:1 on its focus colour`, async ({
      page,
    }) => {
      await page.goto(localizedPath(route, lang));
      const seen: FocusedLink[] = [];
      // Tab from the top through the skip link, the emergency line and the whole header.
      for (let step = 0; step < 12; step += 1) {
        await page.keyboard.press('Tab');
        const focused = await readFocused(page);
        if (focused?.inHeader) seen.push(focused);
      }
      // The quick exit, the site name, three links and the language switch.
      expect(seen.map((link) => link.name).length).toBeGreaterThanOrEqual(6);
      for (const link of seen) {
        expect(
          contrast(link.text, link.background),
          `${link.name}: ${link.text} on ${link.background}`,
        ).toBeGreaterThanOrEqual(4.5);
        if (!link.floating)
          expect(
            contrast(link.background, link.around),
            `${link.name}: focus ${link.background} against the header ${link.around}`,
          ).toBeGreaterThanOrEqual(3);
      }
    });
  }
}

// Links are underlined below the dot-below diacritics of Vietnamese (ợ, ạ, ệ), not through them: the underline's
// offset from the baseline is larger than how far those letters reach below it, in the link's own font.
test('link underlines sit below ợ, ạ and ệ', async ({ page }) => {
  await page.goto(localizedPath('home', 'vi'));
  const measured = await page.evaluate(() => {
    const link = document.querySelector('main a:not(.button)');
    if (!(link instanceof HTMLElement)) return null;
    const style = getComputedStyle(link);
    const context = document.createElement('canvas').getContext('2d');
    if (context === null) return null;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    return {
      offset: Number.parseFloat(style.textUnderlineOffset),
      descent: context.measureText('ợạệ').actualBoundingBoxDescent,
      skipInk: style.textDecorationSkipInk,
    };
  });
  expect(measured).not.toBeNull();
  expect(measured?.offset ?? 0).toBeGreaterThan((measured?.descent ?? Infinity) + 1);
  expect(measured?.skipInk).toBe('auto');
});
