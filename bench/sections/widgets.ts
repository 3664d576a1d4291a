/**
 * The widgets' weights, as the running portal serves them (gzip level 9 of each body, as page-weight.ts counts): the
 * loader against its budget, and each embed in both languages (HTML + CSS + its one inline script). An embed's total
 * is what one widget costs a partner's reader, on top of the loader.
 */
import { pageTypes } from '#src/features/site/page-types.ts';
import { LOADER_BUDGET_BYTES, LOADER_PATH } from '#src/features/widgets/loader.ts';
import { kb, markdownTable } from '../lib/table.ts';
import { gz, weigh } from './page-weight.ts';

/** The loader's size and every embed's weight, as a Markdown table. */
export async function widgetsTable(base: string): Promise<string> {
  const response = await fetch(new URL(LOADER_PATH, base));
  if (!response.ok) throw new Error(`widgets: ${LOADER_PATH} answered ${response.status}`);
  const loader = new Uint8Array(await response.arrayBuffer());
  const loaderGzip = gz(loader);
  const rows: (string | number)[][] = [
    [
      `loader \`${LOADER_PATH}\` (${kb(loader.length)} raw)`,
      '—',
      '—',
      kb(loaderGzip),
      kb(loaderGzip),
      `≤ ${kb(LOADER_BUDGET_BYTES)}: ${loaderGzip <= LOADER_BUDGET_BYTES ? 'met' : 'OVER'}`,
    ],
  ];
  for (const pageType of pageTypes.filter((page) => page.embed === true)) {
    for (const lang of ['vi', 'en'] as const) {
      const path = pageType.paths[lang];
      const weight = await weigh(base, path);
      rows.push([
        `\`${path}\``,
        kb(weight.html),
        kb(weight.css),
        kb(weight.js),
        kb(weight.html + weight.css + weight.js),
        '—',
      ]);
    }
  }
  return markdownTable(['widget (gzip)', 'HTML', 'CSS', 'JS', 'total', 'target'], rows);
}
