/**
 * Lighthouse (mobile settings: its default config, an emulated mid-range phone on a throttled 4G connection) on one
 * page of each page type a reader meets, in both languages, against the running portal. One headless Chromium (the
 * system's, /usr/bin/chromium unless CHROME_PATH says otherwise) serves every run, and pages are audited one after
 * another, so a run stays bounded: about 30 audits of ~10 s each on a small machine.
 *
 * The portal is served over plain HTTP on loopback, which Chromium treats as a secure context, so the HTTPS audits
 * judge the pages as they would be behind the TLS proxy.
 */
import { existsSync } from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { pageTypes, type PageType } from '#src/features/site/page-types.ts';
import { markdownTable } from '../lib/table.ts';

/** The page types audited: every kind of page a reader lands on, and one embed (the others share its template). */
const AUDITED = [
  'home',
  'article',
  'audience',
  'substance',
  'substances',
  'guide',
  'statistics',
  'campaign',
  'locator',
  'intake',
  'track',
  'privacy',
  'search',
  'configurator',
  'embed-help',
] as const;

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type Category = (typeof CATEGORIES)[number];

export interface PageScores {
  path: string;
  pageType: string;
  /** 0–100 per category; `null` when Lighthouse could not score it (an error in the run). */
  scores: Record<Category, number | null>;
  /** Ids of the audits that failed (score below 0.9), for the findings list. */
  failing: string[];
}

function chromePath(): string {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`lighthouse: no Chromium at ${path} (set CHROME_PATH)`);
  return path;
}

function audited(): PageType[] {
  return AUDITED.map((id) => {
    const pageType = pageTypes.find((page) => page.id === id);
    if (!pageType) throw new Error(`lighthouse: unknown page type "${id}" (src/features/site/page-types.ts)`);
    return pageType;
  });
}

/** Runs Lighthouse on each audited page in turn and returns its scores. */
export async function lighthouseScores(
  base: string,
  log: (line: string) => void = () => undefined,
): Promise<PageScores[]> {
  const chrome = await chromeLauncher.launch({
    chromePath: chromePath(),
    // --no-sandbox: the bench may run as root in a container, where Chromium's sandbox cannot start.
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    logLevel: 'silent',
  });
  const results: PageScores[] = [];
  try {
    for (const pageType of audited()) {
      for (const lang of ['vi', 'en'] as const) {
        const path = pageType.paths[lang];
        const runner = await lighthouse(new URL(path, base).href, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: [...CATEGORIES],
          // Each run starts with an empty cache, as a first visit does.
          disableStorageReset: false,
        });
        const lhr = runner?.lhr;
        const scores = Object.fromEntries(
          CATEGORIES.map((category) => {
            const score = lhr?.categories[category]?.score;
            return [category, typeof score === 'number' ? Math.round(score * 100) : null];
          }),
        ) as Record<Category, number | null>;
        const failing = Object.values(lhr?.audits ?? {})
          .filter(
            (audit) => typeof audit.score === 'number' && audit.score < 0.9 && audit.scoreDisplayMode !== 'informative',
          )
          .map((audit) => audit.id);
        results.push({ path, pageType: pageType.id, scores, failing });
        log(
          `lighthouse ${path}: ${CATEGORIES.map((category) => scores[category] ?? '—').join(' / ')}${failing.length > 0 ? ` (below 90: ${failing.join(', ')})` : ''}`,
        );
      }
    }
  } finally {
    chrome.kill();
  }
  return results;
}

/** The scores as a Markdown table, one row per page, in the order performance / accessibility / best practices / SEO. */
export function lighthouseTable(results: readonly PageScores[]): string {
  const rows = results.map((result) => [
    `${result.pageType} \`${result.path}\``,
    ...CATEGORIES.map((category) => result.scores[category] ?? '—'),
  ]);
  return markdownTable(['page (mobile)', 'performance', 'accessibility', 'best practices', 'SEO'], rows);
}
