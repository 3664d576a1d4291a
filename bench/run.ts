/**
 * `npm run bench`: measures what the README promises and prints Markdown tables; `npm run bench -- --write` also
 * replaces the figures section of README.md (between the bench markers). Run it by hand on an idle machine, not in CI.
 * `npm run bench -- --only page-weight,widgets` measures some sections only (startup, nearest, intake, fault-runs,
 * page-weight, locator-assets, widgets, lighthouse) and prints them; it never writes the README, whose figures are one run's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import pg from 'pg';
import { repoRoot, startPortal } from '../tests/setup/portal-process.ts';
import { pageWeights } from './sections/page-weight.ts';
import { startupTable } from './sections/startup.ts';
import { nearestLatencyTable } from './sections/nearest.ts';
import { intakeLatencyTable } from './sections/intake-latency.ts';
import { locatorAssetsTable } from './sections/locator-assets.ts';
import { widgetsTable } from './sections/widgets.ts';
import { lighthouseScores, lighthouseTable } from './sections/lighthouse.ts';
import { faultRunsTable } from './sections/fault-runs.ts';

const write = process.argv.includes('--write');
const SECTIONS = [
  'startup',
  'nearest',
  'intake',
  'fault-runs',
  'page-weight',
  'locator-assets',
  'widgets',
  'lighthouse',
] as const;
/** The value of `--only a,b` or `--only=a,b`, if given. */
function onlyOption(argv: readonly string[]): string | undefined {
  const index = argv.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
  if (index === -1) return undefined;
  const arg = argv[index] ?? '';
  return arg === '--only' ? (argv[index + 1] ?? '') : arg.slice('--only='.length);
}
const only = onlyOption(process.argv);
const chosen = new Set(only === undefined ? SECTIONS : only.split(',').map((name) => name.trim()));
for (const name of chosen) {
  if (!(SECTIONS as readonly string[]).includes(name))
    throw new Error(`bench: unknown section "${name}" (${SECTIONS.join(', ')})`);
}
if (write && only !== undefined) throw new Error('bench: --write needs every section (leave out --only)');
const wanted = (name: (typeof SECTIONS)[number]) => chosen.has(name);
const adminUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch {
    return undefined;
  }
  const name = `hotro_bench_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function main(): Promise<void> {
  const sections: string[] = [];
  const machine = `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const postgres = wanted('startup') || wanted('intake') || wanted('fault-runs') ? await freshPostgres() : undefined;
  try {
    if (wanted('startup')) sections.push(`### Build and start\n\n${await startupTable(4590, postgres?.url)}`);
    if (wanted('nearest'))
      sections.push(`### Nearest suitable point (10,000 generated points)\n\n${await nearestLatencyTable()}`);
    if (wanted('intake'))
      sections.push(
        `### Counselling requests (\`POST /api/intake\`)\n\n${await intakeLatencyTable(postgres ? { postgresAdminUrl: adminUrl } : {})}`,
      );
    // Scaled mode needs PostgreSQL and Redis; without PostgreSQL the section says so instead of failing the run.
    if (wanted('fault-runs'))
      sections.push(
        `### Scaled mode: two portals and two workers, under load and faults\n\n${postgres ? await faultRunsTable() : 'Not measured: no PostgreSQL server answered.'}`,
      );
    if (wanted('page-weight') || wanted('locator-assets') || wanted('widgets') || wanted('lighthouse')) {
      const portal = await startPortal({ port: 4591, env: { DEMO: '1' } });
      try {
        if (wanted('page-weight'))
          sections.push(`### Page weight (gzip, as served)\n\n${await pageWeights(portal.url)}`);
        if (wanted('locator-assets'))
          sections.push(`### Locator assets (gzip)\n\n${await locatorAssetsTable(portal.url)}`);
        if (wanted('widgets')) sections.push(`### Widgets (gzip)\n\n${await widgetsTable(portal.url)}`);
        if (wanted('lighthouse')) {
          const scores = await lighthouseScores(portal.url, (line) => process.stderr.write(`${line}\n`));
          sections.push(
            `### Lighthouse (mobile: performance / accessibility / best practices / SEO)\n\n${lighthouseTable(scores)}`,
          );
        }
      } finally {
        await portal.stop();
      }
    }
  } finally {
    await postgres?.drop();
  }
  const body = `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` on ${machine}.\n\n${sections.join('\n\n')}\n`;
  process.stdout.write(`${body}\n`);
  if (write) {
    const readmePath = join(repoRoot, 'README.md');
    const readme = readFileSync(readmePath, 'utf8');
    const next = readme.replace(/(<!-- bench:start -->\n)[\s\S]*?(<!-- bench:end -->)/, `$1${body}$2`);
    if (next === readme && !readme.includes('<!-- bench:start -->')) throw new Error('README.md has no bench markers');
    writeFileSync(readmePath, next);
    process.stdout.write('README.md figures updated.\n');
  }
}

await main();
