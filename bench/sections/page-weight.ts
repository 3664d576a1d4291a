import { gzipSync } from 'node:zlib';
import { pageTypes } from '#src/features/site/page-types.ts';
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

/** Gzip bytes of HTML, CSS and JS per page type (Vietnamese and English), as the running portal serves them. */
export async function pageWeights(base: string): Promise<string> {
  const rows: (string | number)[][] = [];
  for (const pageType of pageTypes) {
    for (const lang of ['vi', 'en'] as const) {
      const weight = await weigh(base, pageType.paths[lang]);
      rows.push([
        `${pageType.id} (${lang})`,
        kb(weight.html),
        kb(weight.css),
        kb(weight.js),
        kb(weight.html + weight.css),
      ]);
    }
  }
  return markdownTable(['page type', 'HTML', 'CSS', 'JS', 'HTML + CSS'], rows);
}
