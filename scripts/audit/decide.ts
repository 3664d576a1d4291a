/**
 * The decision behind `npm run audit:deps`: which findings of `npm audit --json` (report version 2, npm 7 and later)
 * fail the check. A finding fails when its advisory is high or critical and no current entry of the committed
 * allow-list (security/audit-allowlist.json) covers it. An entry covers an advisory by its id (GHSA id or npm's
 * numeric source id) or by package name, until its expiry date: an expired entry covers nothing, so every exception
 * is looked at again.
 *
 * Findings are counted per advisory, where npm reports the flaw (the `via` objects), not per package that merely
 * depends on a flawed one: one advisory deep in the tree is one finding, whatever pulls it in.
 */

export const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Advisory {
  /** The GHSA id when npm gives the GitHub advisory URL, otherwise npm's numeric source id. */
  id: string;
  /** npm's numeric advisory id (`source`), if any. */
  source: string | undefined;
  package: string;
  severity: Severity;
  title: string;
  /** Affected versions. */
  range: string;
  url: string;
}

export interface AllowEntry {
  /** A GHSA id or npm's numeric source id; or leave it out and give `package`. */
  advisory?: string;
  package?: string;
  reason: string;
  /** YYYY-MM-DD: the day someone checked that the finding does not apply or cannot be fixed yet. */
  reviewedOn: string;
  /** YYYY-MM-DD: the last day the entry counts. */
  expires: string;
}

export type Verdict = 'fail' | 'allowed' | 'expired' | 'below threshold';

export interface Decision {
  advisory: Advisory;
  verdict: Verdict;
  /** The allow-list entry that matched, current or expired. */
  entry?: AllowEntry;
}

export interface Outcome {
  decisions: Decision[];
  /** True when any finding fails (not allowed, or allowed only by an expired entry). */
  failed: boolean;
  /** Entries that matched no finding: they can be removed. */
  unused: AllowEntry[];
}

/** npm could not audit (registry unreachable, or the registry has no audit endpoint): there is no verdict. */
export class AuditUnavailableError extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isSeverity = (value: unknown): value is Severity => (SEVERITIES as readonly unknown[]).includes(value);
const rank = (severity: Severity) => SEVERITIES.indexOf(severity);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The advisories in an `npm audit --json` report, once each. Throws AuditUnavailableError on an error report. */
export function advisoriesOf(report: unknown): Advisory[] {
  if (!isRecord(report)) throw new AuditUnavailableError('npm audit printed no JSON object');
  if (report.auditReportVersion !== 2 || !isRecord(report.vulnerabilities)) {
    const message =
      typeof report.message === 'string'
        ? report.message
        : isRecord(report.error)
          ? String(report.error.summary ?? '')
          : '';
    throw new AuditUnavailableError(`npm audit gave no report${message ? `: ${message}` : ''}`);
  }
  const found = new Map<string, Advisory>();
  for (const vulnerability of Object.values(report.vulnerabilities)) {
    if (!isRecord(vulnerability) || !Array.isArray(vulnerability.via)) continue;
    // A string in `via` names another vulnerable package: its advisories are listed under that package.
    for (const via of vulnerability.via) {
      if (!isRecord(via)) continue;
      const url = typeof via.url === 'string' ? via.url : '';
      const source = via.source === undefined ? undefined : String(via.source);
      const ghsa = /GHSA(?:-[0-9a-z]{4}){3}/i.exec(url)?.[0];
      const id = ghsa ?? source ?? url;
      const name = typeof via.name === 'string' ? via.name : String(vulnerability.name ?? '');
      if (!isSeverity(via.severity))
        throw new Error(`npm audit: advisory ${id} of ${name} has an unknown severity "${String(via.severity)}"`);
      found.set(`${id} ${name}`, {
        id,
        source,
        package: name,
        severity: via.severity,
        title: typeof via.title === 'string' ? via.title : '',
        range: typeof via.range === 'string' ? via.range : '',
        url,
      });
    }
  }
  return [...found.values()].sort((a, b) => rank(b.severity) - rank(a.severity) || a.package.localeCompare(b.package));
}

/** Reads the allow-list file's content, refusing an entry without a reason, a review date or an expiry. */
export function parseAllowList(json: unknown): AllowEntry[] {
  if (!isRecord(json) || !Array.isArray(json.entries))
    throw new Error('audit allow-list: expected { "entries": [...] }');
  return json.entries.map((raw, index) => {
    const where = `audit allow-list entry ${index + 1}`;
    if (!isRecord(raw)) throw new Error(`${where}: not an object`);
    const text = (key: string) => (typeof raw[key] === 'string' && raw[key].trim() !== '' ? raw[key] : undefined);
    const advisory = text('advisory');
    const pkg = text('package');
    const reason = text('reason');
    const reviewedOn = text('reviewedOn');
    const expires = text('expires');
    if (advisory === undefined && pkg === undefined)
      throw new Error(`${where}: give "advisory" (GHSA or npm id) or "package"`);
    if (reason === undefined) throw new Error(`${where}: "reason" is required (why the finding is accepted)`);
    if (reviewedOn === undefined || !DATE.test(reviewedOn))
      throw new Error(`${where}: "reviewedOn" must be YYYY-MM-DD`);
    if (expires === undefined || !DATE.test(expires)) throw new Error(`${where}: "expires" must be YYYY-MM-DD`);
    if (expires < reviewedOn) throw new Error(`${where}: expires before it was reviewed`);
    return {
      ...(advisory === undefined ? {} : { advisory }),
      ...(pkg === undefined ? {} : { package: pkg }),
      reason,
      reviewedOn,
      expires,
    };
  });
}

function matches(entry: AllowEntry, advisory: Advisory): boolean {
  if (entry.advisory !== undefined) {
    const wanted = entry.advisory.toLowerCase();
    const ids = [advisory.id, advisory.source]
      .filter((id): id is string => id !== undefined)
      .map((id) => id.toLowerCase());
    if (!ids.includes(wanted)) return false;
    // An entry naming both an advisory and a package covers that advisory in that package only.
    return entry.package === undefined || entry.package === advisory.package;
  }
  return entry.package === advisory.package;
}

/**
 * Decides every finding. `today` is YYYY-MM-DD; an entry counts through its `expires` day. Findings below
 * `threshold` never fail, allow-listed or not. A current entry wins over an expired one for the same finding.
 */
export function decide(
  advisories: readonly Advisory[],
  allowList: readonly AllowEntry[],
  today: string,
  threshold: Severity = 'high',
): Outcome {
  if (!DATE.test(today)) throw new Error(`audit: today must be YYYY-MM-DD, not "${today}"`);
  const used = new Set<AllowEntry>();
  const decisions = advisories.map((advisory): Decision => {
    const matching = allowList.filter((entry) => matches(entry, advisory));
    for (const entry of matching) used.add(entry);
    const current = matching.find((entry) => entry.expires >= today);
    const expired = matching.find((entry) => entry.expires < today);
    if (rank(advisory.severity) < rank(threshold))
      return { advisory, verdict: 'below threshold', ...(current ? { entry: current } : {}) };
    if (current) return { advisory, verdict: 'allowed', entry: current };
    if (expired) return { advisory, verdict: 'expired', entry: expired };
    return { advisory, verdict: 'fail' };
  });
  return {
    decisions,
    failed: decisions.some((decision) => decision.verdict === 'fail' || decision.verdict === 'expired'),
    unused: allowList.filter((entry) => !used.has(entry)),
  };
}

/** The decisions as a plain-text table for the terminal: one line per finding, the verdict first. */
export function formatDecisions(decisions: readonly Decision[]): string {
  if (decisions.length === 0) return 'No advisories.';
  const rows = decisions.map((decision) => [
    decision.verdict === 'fail'
      ? 'FAIL'
      : decision.verdict === 'expired'
        ? 'FAIL (allow-list entry expired)'
        : decision.verdict,
    decision.advisory.severity,
    decision.advisory.package,
    decision.advisory.id,
    decision.entry
      ? `${decision.advisory.title} — allowed until ${decision.entry.expires}: ${decision.entry.reason}`
      : decision.advisory.title,
  ]);
  const headers = ['verdict', 'severity', 'package', 'advisory', 'title'];
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  // The last column is not padded: titles and reasons can be long.
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ');
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
