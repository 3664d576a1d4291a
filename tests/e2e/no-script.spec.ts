import { expect, test } from '@playwright/test';
import { pageTypes } from '#src/features/site/page-types.ts';

// Content pages ship no JavaScript at all. Only the page types that need interaction may ship a script; they are
// named, with the reason, in src/features/site/page-types.ts (`scriptAllowed`): locator, intake, search,
// configurator, console — and the campaign pages' one tiny share script.
for (const pageType of pageTypes) {
  for (const lang of ['vi', 'en'] as const) {
    const path = pageType.paths[lang];
    if (pageType.scriptAllowed === null) {
      test(`${pageType.id} (${lang}) ships no script`, async ({ request }) => {
        const html = await (await request.get(path)).text();
        expect(html).not.toMatch(/<script\b/i);
        expect(html).not.toMatch(/\son[a-z]+=/i);
      });
    } else {
      test(`${pageType.id} (${lang}) may ship a script (${pageType.scriptAllowed})`, async ({ request }) => {
        const response = await request.get(path);
        expect(response.status()).toBeLessThan(400);
      });
    }
  }
}
