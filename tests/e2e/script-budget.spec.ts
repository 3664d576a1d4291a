import { expect, test } from '@playwright/test';
import {
  EXPECTED_USE,
  INTERACTIVE_PAGES,
  SCRIPT_BUDGET_BYTES,
  TEST_POSITION,
  useInteractivePage,
} from '../setup/island-use.ts';
import { ScriptRecorder } from '../setup/script-weight.ts';

// The JavaScript budget of the public interactive pages (docs/decisions/012-custom-element-islands.md): what Chromium
// actually fetches, gzip, in all — on load and after using every island on the page (typing in the autocomplete and
// choosing, "use my location", the proof of work's worker, sending) — stays within 20 KB, in both languages. The bench's
// page-weight table shows the same figures (`npm run bench -- --only page-weight`).

for (const which of INTERACTIVE_PAGES) {
  for (const [n, lang] of (['vi', 'en'] as const).entries()) {
    test(`${which} (${lang}) fetches at most ${SCRIPT_BUDGET_BYTES / 1000} KB of gzip JavaScript, islands used`, async ({
      browser,
      baseURL,
    }) => {
      const context = await browser.newContext({
        ...(baseURL === undefined ? {} : { baseURL }),
        geolocation: TEST_POSITION,
        permissions: ['geolocation'],
        // A client of its own (TRUST_PROXY=1), so the sends here use none of the other tests' rate limits.
        extraHTTPHeaders: { 'x-forwarded-for': `198.51.100.${20 + INTERACTIVE_PAGES.indexOf(which) * 2 + n}` },
      });
      try {
        const recorder = new ScriptRecorder(context);
        const page = await context.newPage();
        const done = await useInteractivePage(page, which, lang);
        await recorder.settle();
        expect(done, 'every island on the page was used').toEqual(expect.arrayContaining([...EXPECTED_USE[which]]));
        expect(recorder.total(), recorder.describe()).toBeLessThanOrEqual(SCRIPT_BUDGET_BYTES);
      } finally {
        await context.close();
      }
    });
  }
}
