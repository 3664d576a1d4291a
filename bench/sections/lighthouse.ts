/**
 * Lighthouse (mobile settings: its default config, an emulated mid-range phone on a throttled 4G connection) on one
 * page of every page type (src/features/site/page-types.ts, the list the axe and header tests read), in both
 * languages, against the running portal. One headless Chromium (the system's, /usr/bin/chromium unless CHROME_PATH
 * says otherwise) serves every run, and pages are audited one after another, so a run stays bounded: 50 pages, three
 * runs each, from 5–10 s a run on an idle machine to a minute on a busy one. Each page's full report is kept in
 * .tmp/lighthouse/ to see what lies behind a score.
 *
 * The portal is served over plain HTTP on loopback, which Chromium treats as a secure context, so the HTTPS audits
 * judge the pages as they would be behind the TLS proxy.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { pageTypes } from '#src/features/site/page-types.ts';
import { repoRoot } from '../../tests/setup/portal-process.ts';
import { markdownTable, quantile } from '../lib/table.ts';

/** Where each page's full HTML report is kept, to see the findings behind a score (git-ignored). */
export const REPORT_DIR = join(repoRoot, '.tmp/lighthouse');

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type Category = (typeof CATEGORIES)[number];

export interface PageScores {
  path: string;
  pageType: string;
  /**
   * 0–100 per category; `null` when Lighthouse could not score it (an error in the run). Performance is the median of
   * `performanceRuns`; the other categories do not vary from run to run.
   */
  scores: Record<Category, number | null>;
  /** The performance score of each run of the page, in order (scored runs only). */
  performanceRuns: number[];
  /** Ids of the audits that failed (score below 0.9), for the findings list. */
  failing: string[];
  /**
   * Lighthouse's measure of how fast the machine ran the page's CPU work (higher is faster). The performance score
   * depends on it: the simulated slow phone is the measured machine slowed down four times, so a busy machine scores
   * lower for the same page.
   */
  benchmarkIndex: number | undefined;
  lighthouseVersion: string | undefined;
}

function chromePath(): string {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`lighthouse: no Chromium at ${path} (set CHROME_PATH)`);
  return path;
}

/**
 * How many times each page's performance is measured. The score comes from one page load timed on a shared machine, and
 * a single run can move by several points with whatever else the machine does in those seconds; Lighthouse's own advice
 * is to report the median of several runs (docs/variability.md in its repository). Three runs, as PageSpeed-style tools
 * do, keep the section within a quarter of an hour.
 */
const PERFORMANCE_RUNS = 3;

/**
 * Runs Lighthouse on each audited page in turn and returns its scores: one full audit (all four categories, whose
 * report is kept), then more performance-only runs, for the median performance score.
 */
export async function lighthouseScores(
  base: string,
  log: (line: string) => void = () => undefined,
): Promise<PageScores[]> {
  await quietMachine(log);
  const chrome = await chromeLauncher.launch({
    chromePath: chromePath(),
    // --no-sandbox: the bench may run as root in a container, where Chromium's sandbox cannot start.
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    logLevel: 'silent',
  });
  const results: PageScores[] = [];
  mkdirSync(REPORT_DIR, { recursive: true });
  const control = await startControlPage();
  // The control page first and last: what this Chromium on this machine scores for a page with nothing to cut.
  const targets: { pageType: string; path: string; url: string; report: string }[] = [
    { pageType: 'control (first)', path: CONTROL_PATH, url: control.url, report: 'control-first' },
    ...pageTypes.flatMap((pageType) =>
      (['vi', 'en'] as const).map((lang) => ({
        pageType: pageType.id,
        path: pageType.paths[lang],
        url: new URL(pageType.paths[lang], base).href,
        report: `${pageType.id}-${lang}`,
      })),
    ),
    { pageType: 'control (last)', path: CONTROL_PATH, url: control.url, report: 'control-last' },
  ];
  try {
    for (const target of targets) {
      const { path } = target;
      const once = (categories: readonly Category[]) =>
        lighthouse(target.url, {
          port: chrome.port,
          output: 'html',
          logLevel: 'error',
          onlyCategories: [...categories],
          // Each run starts with an empty cache, as a first visit does.
          disableStorageReset: false,
          // Lighthouse refuses a page that answers 4xx (ERRORED_DOCUMENT_REQUEST) unless told to go on: the not-found
          // page answers 404, as it must, and is audited like any other.
          ignoreStatusCode: target.pageType === 'not-found',
        });
      const audit = async (categories: readonly Category[]) => {
        let runner = await once(categories);
        // Chromium's trace is sometimes incomplete on a busy machine (NO_NAVSTART, no performance score); Lighthouse's
        // own advice is to run again, so a run gets up to two more tries before its score is reported as missing.
        for (let retry = 0; retry < 2 && runner?.lhr.runtimeError !== undefined; retry++) {
          log(`lighthouse ${path}: ${runner.lhr.runtimeError.code}, running again`);
          runner = await once(categories);
        }
        return runner;
      };
      const runner = await audit(CATEGORIES);
      const lhr = runner?.lhr;
      const scoreOf = (result: typeof lhr, category: Category) => {
        const score = result?.categories[category]?.score;
        return typeof score === 'number' ? Math.round(score * 100) : null;
      };
      const performanceRuns = [scoreOf(lhr, 'performance')];
      for (let run = 1; run < PERFORMANCE_RUNS; run++)
        performanceRuns.push(scoreOf((await audit(['performance']))?.lhr, 'performance'));
      const scored = performanceRuns.filter((score): score is number => score !== null);
      const scores = Object.fromEntries(
        CATEGORIES.map((category) => [
          category,
          category === 'performance' ? (scored.length > 0 ? quantile(scored, 0.5) : null) : scoreOf(lhr, category),
        ]),
      ) as Record<Category, number | null>;
      const failing = Object.values(lhr?.audits ?? {})
        .filter(
          (audit) => typeof audit.score === 'number' && audit.score < 0.9 && audit.scoreDisplayMode !== 'informative',
        )
        .map((audit) => audit.id);
      if (typeof runner?.report === 'string') writeFileSync(join(REPORT_DIR, `${target.report}.html`), runner.report);
      results.push({
        path,
        pageType: target.pageType,
        scores,
        performanceRuns: scored,
        failing,
        benchmarkIndex: lhr?.environment.benchmarkIndex,
        lighthouseVersion: lhr?.lighthouseVersion,
      });
      log(
        `lighthouse ${path} (benchmark index ${Math.round(lhr?.environment.benchmarkIndex ?? 0)}; performance runs ${scored.join(', ')}): ${CATEGORIES.map((category) => scores[category] ?? '—').join(' / ')}${failing.length > 0 ? ` (below 90: ${failing.join(', ')})` : ''}`,
      );
    }
  } finally {
    chrome.kill();
    await control.stop();
  }
  return results;
}

/**
 * Waits (at most two minutes) until the machine has calmed down after the sections before (their servers and databases
 * winding down, PostgreSQL's autovacuum): the performance score is measured against this machine's speed.
 */
async function quietMachine(log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (os.loadavg()[0]! >= 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5_000));
  log(`lighthouse: starting at a load average of ${os.loadavg()[0]!.toFixed(2)} (1 min)`);
}

const CONTROL_PATH = '/control';

/**
 * The control: a minimal valid page (a heading and a paragraph in Vietnamese; no stylesheet, no script, no image) from
 * a bare loopback server. Whatever it loses is the measuring environment's (Chromium's own main-thread work under the
 * simulated slow phone), not a page's: the ceiling the portal's pages are measured against.
 */
const CONTROL_HTML = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trang đối chứng</title><link rel="icon" href="data:,"><meta name="description" content="Trang tối thiểu để đối chứng điểm Lighthouse."></head>
<body><main><h1>Trang đối chứng</h1><p>Một đoạn văn bản ngắn, không có CSS, không có JavaScript.</p></main></body></html>`;

async function startControlPage(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url === CONTROL_PATH) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(CONTROL_HTML);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${CONTROL_PATH}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The scores as a Markdown table, one row per page, in the order performance / accessibility / best practices / SEO,
 * after a line giving the machine's median benchmark index over the runs.
 */
export function lighthouseTable(results: readonly PageScores[]): string {
  const indexes = results.flatMap((result) => (result.benchmarkIndex === undefined ? [] : [result.benchmarkIndex]));
  const lighthouseVersion = results.find((result) => result.lighthouseVersion !== undefined)?.lighthouseVersion ?? '?';
  const median = indexes.length === 0 ? undefined : quantile(indexes, 0.5);
  const note =
    median === undefined
      ? ''
      : `Lighthouse ${lighthouseVersion}, Chromium's benchmark index ${Math.round(median)} (median of the runs; the performance score falls with it on a busy machine). Served by the portal as npm start runs it (Brotli for pages and assets, stylesheets inlined). Performance is the median of ${PERFORMANCE_RUNS} runs of each page (each run's score in the last column); the other categories come from the first run.\n\n`;
  const rows = results.map((result) => [
    result.path === CONTROL_PATH
      ? `${result.pageType}: minimal page, no CSS or JS`
      : `${result.pageType} \`${result.path}\``,
    ...CATEGORIES.map((category) => result.scores[category] ?? '—'),
    result.performanceRuns.join(', ') || '—',
  ]);
  // Pages kept out of search engines on purpose lose SEO points for it, and the not-found page loses SEO and best
  // practices points for answering 404, as it must: say which, and why, so a reader sees no unexplained gap.
  const pathsFailing = (auditId: string) =>
    results.filter((result) => result.failing.includes(auditId)).map((result) => `\`${result.path}\``);
  const noindex = pathsFailing('is-crawlable');
  const notFound = pathsFailing('http-status-code');
  const footer =
    (noindex.length === 0
      ? ''
      : `\n\nSEO below 100 by design on ${noindex.join(', ')}: \`noindex\` pages (Lighthouse's is-crawlable). These are the forms and the follow-up page, search results, the console, the embeds (meant for partners' pages, not search engines), the not-found page, and the demo directory's point and province pages (the demo's points are made up, so with DEMO=1 those pages ask not to be indexed; a real directory's are indexed).`) +
    (notFound.length === 0
      ? ''
      : `\n\nOn ${notFound.join(', ')}, the not-found page, the 404 status it must answer also costs SEO points (http-status-code) and best-practices points (errors-in-console: the browser logs the page's own 404).`);
  const missing = results.filter((result) => Object.values(result.scores).some((score) => score === null));
  const missingNote =
    missing.length === 0
      ? ''
      : `\n\n— : no score, Lighthouse's trace of ${missing.map((result) => `\`${result.path}\``).join(', ')} failed in this run (three tries).`;
  const controlNote = results.some((result) => result.path === CONTROL_PATH)
    ? `\n\nControl rows: a minimal valid page (a heading and a paragraph, no stylesheet, no script) from a bare loopback server, audited first and last by the same Chromium in the same run. Whatever it loses is this environment's (Chromium's own main-thread work, counted four times over by the simulated slow phone), not something a page can remove: it is the ceiling the pages are measured against.`
    : '';
  return (
    note +
    markdownTable(
      ['page (mobile)', 'performance', 'accessibility', 'best practices', 'SEO', 'performance runs'],
      rows,
    ) +
    footer +
    missingNote +
    controlNote
  );
}
