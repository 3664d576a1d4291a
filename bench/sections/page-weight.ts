import { gzipSync } from 'node:zlib';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/setup/chromium.ts';
import { chromium, type Browser } from '@playwright/test';
import { pageTypes } from '#src/features/site/page-types.ts';
import {
  INTERACTIVE_PAGES,
  SCRIPT_BUDGET_BYTES,
  TEST_POSITION,
  interactivePath,
  useInteractivePage,
} from '../../tests/setup/island-use.ts';
import { ScriptRecorder } from '../../tests/setup/script-weight.ts';
import { kb, markdownTable } from '../lib/table.ts';

export interface Weight {
  html: number;
  css: number;
  js: number;
}

export const gz = (text: string | Uint8Array) => gzipSync(text, { level: 9 }).length;

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  return response.text();
}

/** JavaScript a page loads: script tags, island component and renderer URLs, and their static imports, once each. */
async function scriptBytes(base: string, html: string): Promise<number> {
  const seen = new Set<string>();
  const queue = [
    ...[...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/(?:component-url|renderer-url)="([^"]+)"/g)].map((m) => m[1]),
  ].filter((src): src is string => Boolean(src));
  let total = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].reduce(
    (sum, m) => sum + gz(m[1] ?? ''),
    0,
  );
  while (queue.length > 0) {
    const src = queue.shift() as string;
    const url = new URL(src, base).href;
    if (seen.has(url)) continue;
    seen.add(url);
    const code = await fetchText(url);
    total += gz(code);
    for (const match of code.matchAll(/(?:from|import)\s*["']([^"']+\.js)["']/g)) {
      if (match[1]) queue.push(new URL(match[1], url).href);
    }
  }
  return total;
}

export async function weigh(base: string, path: string): Promise<Weight> {
  const html = await fetchText(new URL(path, base).href);
  const cssHrefs = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1] as string);
  let css = 0;
  for (const href of cssHrefs) css += gz(await fetchText(new URL(href, base).href));
  return { html: gz(html), css, js: await scriptBytes(base, html) };
}

/** Debian's Chromium, as the e2e suite launches it (tests/setup/chromium.ts). */
function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}

/**
 * Gzip bytes of JavaScript Chromium fetches for `path` (tests/setup/script-weight.ts): on load only, or after using
 * every island of an interactive page (tests/setup/island-use.ts), as the budget test does.
 */
async function scriptsFetched(
  browser: Browser,
  base: string,
  target: { path: string } | { use: (typeof INTERACTIVE_PAGES)[number]; lang: 'vi' | 'en' },
): Promise<number> {
  const context = await browser.newContext({ baseURL: base, geolocation: TEST_POSITION, permissions: ['geolocation'] });
  try {
    const recorder = new ScriptRecorder(context);
    const page = await context.newPage();
    if ('path' in target) {
      await page.goto(target.path);
      await page.waitForLoadState('networkidle');
    } else {
      await useInteractivePage(page, target.use, target.lang);
    }
    await recorder.settle();
    return recorder.total();
  } finally {
    await context.close();
  }
}

/**
 * Gzip bytes of HTML, CSS and JS per page type (Vietnamese and English), as the running portal serves them and Chromium
 * fetches them; then the interactive pages' JavaScript on load and after using every island, against the 20 KB budget.
 */
export async function pageWeights(base: string): Promise<string> {
  const browser = await launchChromium();
  try {
    const rows: (string | number)[][] = [];
    for (const pageType of pageTypes) {
      for (const lang of ['vi', 'en'] as const) {
        const weight = await weigh(base, pageType.paths[lang]);
        const js = await scriptsFetched(browser, base, { path: pageType.paths[lang] });
        rows.push([`${pageType.id} (${lang})`, kb(weight.html), kb(weight.css), kb(js), kb(weight.html + weight.css)]);
      }
    }
    const budgetRows: (string | number)[][] = [];
    for (const use of INTERACTIVE_PAGES) {
      for (const lang of ['vi', 'en'] as const) {
        const path = interactivePath(use, lang);
        const onLoad = await scriptsFetched(browser, base, { path });
        const used = await scriptsFetched(browser, base, { use, lang });
        budgetRows.push([
          `\`${decodeURI(path)}\``,
          kb(onLoad),
          kb(used),
          `≤ ${kb(SCRIPT_BUDGET_BYTES)}: ${Math.max(onLoad, used) <= SCRIPT_BUDGET_BYTES ? 'met' : 'OVER'}`,
        ]);
      }
    }
    return [
      markdownTable(['page type', 'HTML', 'CSS', 'JS', 'HTML + CSS'], rows),
      'JS: what Chromium fetched on load (script files, workers and inline scripts, each gzipped).',
      `#### JavaScript of the interactive pages (gzip, fetched by Chromium)\n\n${markdownTable(
        ['page', 'on load', 'after using every island', 'target'],
        budgetRows,
      )}`,
      'After using every island: the place autocomplete typed in and a suggestion chosen, "use my location", the proof ' +
        'of work solved (its worker included) and the form sent, as `tests/e2e/script-budget.spec.ts` does.',
    ].join('\n\n');
  } finally {
    await browser.close();
  }
}
