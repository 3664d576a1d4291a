/**
 * `npm run audit:deps`: runs `npm audit --json` against the registry and fails (exit 1) on any high or critical
 * advisory that security/audit-allowlist.json does not cover with a current entry (see scripts/audit/decide.ts).
 * Exit 2 means there is no verdict: npm could not get an audit from the registry (offline, or a mirror without the
 * audit endpoint). Kept out of `npm test`, which must not depend on the network.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localDateString, systemClock } from '#src/lib/clock.ts';
import { AuditUnavailableError, advisoriesOf, decide, formatDecisions, parseAllowList } from './audit/decide.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const allowListFile = join(root, 'security/audit-allowlist.json');
const allowList = parseAllowList(JSON.parse(readFileSync(allowListFile, 'utf8')));
const today = localDateString(systemClock.now());

// npm audit exits non-zero whenever it finds anything; its JSON on stdout is what counts.
const audit = spawnSync('npm', ['audit', '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
let report: unknown;
try {
  report = JSON.parse(audit.stdout);
} catch {
  report = undefined;
}
try {
  const advisories = advisoriesOf(report);
  const outcome = decide(advisories, allowList, today);
  console.log(
    `Dependency audit on ${today}: ${advisories.length} advisor${advisories.length === 1 ? 'y' : 'ies'}; high and critical fail unless allow-listed.\n`,
  );
  console.log(formatDecisions(outcome.decisions));
  for (const entry of outcome.unused) {
    console.log(`\nAllow-list entry for ${entry.advisory ?? entry.package} matches no finding any more: remove it.`);
  }
  const failing = outcome.decisions.filter((decision) => decision.verdict === 'fail' || decision.verdict === 'expired');
  console.log(
    failing.length === 0
      ? '\nResult: pass.'
      : `\nResult: FAIL (${failing.length}). Update the package, or add an entry with a reason, review date and expiry to security/audit-allowlist.json.`,
  );
  if (failing.length > 0) process.exitCode = 1;
} catch (error) {
  if (!(error instanceof AuditUnavailableError)) throw error;
  console.error(`Dependency audit: no verdict. ${error.message}`);
  if (audit.error) console.error(`npm could not be run: ${audit.error.message}`);
  else if (audit.stderr.trim()) console.error(audit.stderr.trim());
  process.exitCode = 2;
}
