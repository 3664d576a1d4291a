/**
 * The locator's own weights, as the running portal serves them (gzip level 9 of each body, as page-weight.ts counts):
 * the autocomplete index the place field fetches on focus, a results page (HTML + CSS + the island scripts and their
 * static imports) and the page of the first point it lists.
 */
import { SUGGEST_INDEX_PATH } from '#src/features/locator/ui/paths.ts';
import { kb, markdownTable } from '../lib/table.ts';
import { gz, weigh } from './page-weight.ts';

/** The budget of the autocomplete index, gzipped (the README's promise). */
export const SUGGEST_INDEX_BUDGET_BYTES = 40_000;

/** The query of the results page weighed: a special zone every directory (the demo one too) has points near. */
const RESULTS_QUERY = 'Phú Quốc';

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`locator assets: ${url} answered ${response.status}`);
  return response;
}

/** Gzip sizes of the autocomplete index, a locator results page and a point page, as a Markdown table. */
export async function locatorAssetsTable(base: string): Promise<string> {
  const indexBody = new Uint8Array(await (await fetchOk(new URL(SUGGEST_INDEX_PATH, base).href)).arrayBuffer());
  const indexGzip = gz(indexBody);
  const withinBudget = indexGzip <= SUGGEST_INDEX_BUDGET_BYTES;

  const resultsPath = `/tim-ho-tro?${new URLSearchParams({ q: RESULTS_QUERY }).toString()}`;
  const resultsHtml = await (await fetchOk(new URL(resultsPath, base).href)).text();
  const resultCount = [...resultsHtml.matchAll(/<li class="result"/g)].length;
  // The first result's heading links to its point page.
  const pointPath = /<h3><span class="result__number"[^>]*>\d+<\/span><a href="([^"]+)"/.exec(resultsHtml)?.[1];
  if (pointPath === undefined) throw new Error(`locator assets: ${resultsPath} lists no point to weigh`);

  const rows: (string | number)[][] = [
    [
      `autocomplete index \`${SUGGEST_INDEX_PATH}\` (${kb(indexBody.length)} raw)`,
      '—',
      '—',
      '—',
      kb(indexGzip),
      `≤ ${kb(SUGGEST_INDEX_BUDGET_BYTES)}: ${withinBudget ? 'met' : 'OVER'}`,
    ],
  ];
  for (const [label, path] of [
    [`results page \`/tim-ho-tro?q=${RESULTS_QUERY}\` (${resultCount} results)`, resultsPath],
    ['point page `/tim-ho-tro/diem/…` (its first result)', pointPath],
  ] as const) {
    const weight = await weigh(base, path);
    rows.push([label, kb(weight.html), kb(weight.css), kb(weight.js), kb(weight.html + weight.css + weight.js), '—']);
  }
  return markdownTable(['asset (gzip)', 'HTML', 'CSS', 'JS', 'total', 'target'], rows);
}
