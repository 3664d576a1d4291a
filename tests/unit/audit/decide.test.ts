import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AuditUnavailableError,
  advisoriesOf,
  decide,
  formatDecisions,
  parseAllowList,
  type AllowEntry,
} from '../../../scripts/audit/decide.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/npm-audit/${name}.json`, import.meta.url), 'utf8'));
const vulnerable = advisoriesOf(fixture('vulnerable'));
const entry = (fields: Partial<AllowEntry>): AllowEntry => ({
  reason: 'Only the docs build parses YAML, from our own files.',
  reviewedOn: '2026-12-01',
  expires: '2027-03-01',
  ...fields,
});
const verdicts = (outcome: ReturnType<typeof decide>) =>
  Object.fromEntries(outcome.decisions.map((decision) => [decision.advisory.id, decision.verdict]));

describe('npm run audit:deps', () => {
  it('reads each advisory once, where the flaw is, not once per package that depends on it', () => {
    expect(vulnerable.map((advisory) => [advisory.id, advisory.package, advisory.severity])).toEqual([
      ['GHSA-dddd-eeee-ffff', 'html-templater', 'critical'],
      ['GHSA-aaaa-bbbb-cccc', 'tiny-yaml-parser', 'high'],
      ['GHSA-gggg-hhhh-jjjj', 'html-templater', 'moderate'],
      ['GHSA-kkkk-mmmm-pppp', 'color-logger', 'low'],
    ]);
  });

  it('passes a clean report', () => {
    const outcome = decide(advisoriesOf(fixture('clean')), [], '2026-12-02');
    expect(outcome.failed).toBe(false);
    expect(formatDecisions(outcome.decisions)).toBe('No advisories.');
  });

  it('fails on high and critical findings that nothing allows, and only on those', () => {
    const outcome = decide(vulnerable, [], '2026-12-02');
    expect(outcome.failed).toBe(true);
    expect(verdicts(outcome)).toEqual({
      'GHSA-dddd-eeee-ffff': 'fail',
      'GHSA-aaaa-bbbb-cccc': 'fail',
      'GHSA-gggg-hhhh-jjjj': 'below threshold',
      'GHSA-kkkk-mmmm-pppp': 'below threshold',
    });
  });

  it('passes when every high and critical finding is allowed, by advisory id, npm id or package', () => {
    const outcome = decide(
      vulnerable,
      [entry({ advisory: 'GHSA-DDDD-EEEE-FFFF' }), entry({ package: 'tiny-yaml-parser' })],
      '2026-12-02',
    );
    expect(outcome.failed).toBe(false);
    expect(verdicts(outcome)['GHSA-dddd-eeee-ffff']).toBe('allowed');
    expect(verdicts(outcome)['GHSA-aaaa-bbbb-cccc']).toBe('allowed');
    const byNpmId = decide(vulnerable, [entry({ advisory: '1100002' }), entry({ advisory: '1100001' })], '2026-12-02');
    expect(byNpmId.failed).toBe(false);
  });

  it('does not let a package that merely depends on the flawed one allow it', () => {
    // docs-bundler pulls tiny-yaml-parser in; the advisory is tiny-yaml-parser's.
    const outcome = decide(
      vulnerable,
      [entry({ advisory: 'GHSA-dddd-eeee-ffff' }), entry({ package: 'docs-bundler' })],
      '2026-12-02',
    );
    expect(outcome.failed).toBe(true);
    expect(verdicts(outcome)['GHSA-aaaa-bbbb-cccc']).toBe('fail');
    expect(outcome.unused.map((unused) => unused.package)).toEqual(['docs-bundler']);
  });

  it('counts an entry through its expiry day and fails the finding the day after', () => {
    const list = [
      entry({ advisory: 'GHSA-dddd-eeee-ffff', expires: '2027-01-31' }),
      entry({ package: 'tiny-yaml-parser' }),
    ];
    expect(decide(vulnerable, list, '2027-01-31').failed).toBe(false);
    const after = decide(vulnerable, list, '2027-02-01');
    expect(after.failed).toBe(true);
    expect(verdicts(after)['GHSA-dddd-eeee-ffff']).toBe('expired');
    expect(formatDecisions(after.decisions)).toMatch(/FAIL \(allow-list entry expired\)\s+critical\s+html-templater/);
  });

  it('can lower or raise the threshold', () => {
    expect(decide(vulnerable, [], '2026-12-02', 'critical').decisions.filter((d) => d.verdict === 'fail')).toHaveLength(
      1,
    );
    expect(decide(vulnerable, [], '2026-12-02', 'low').decisions.filter((d) => d.verdict === 'fail')).toHaveLength(4);
  });

  it('gives no verdict, rather than a pass, when the registry cannot audit', () => {
    expect(() => advisoriesOf(fixture('registry-without-audit-endpoint'))).toThrow(AuditUnavailableError);
    expect(() => advisoriesOf(fixture('registry-without-audit-endpoint'))).toThrow(/405 Method Not Allowed/);
    expect(() => advisoriesOf(undefined)).toThrow(AuditUnavailableError);
  });

  it('refuses allow-list entries without a reason, review date or expiry, and reads the committed list', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../../security/audit-allowlist.json', import.meta.url), 'utf8'),
    );
    expect(() => parseAllowList(committed)).not.toThrow();
    const base = { advisory: 'GHSA-aaaa-bbbb-cccc', reason: 'why', reviewedOn: '2026-12-01', expires: '2027-01-01' };
    expect(parseAllowList({ entries: [base] })).toEqual([base]);
    expect(() => parseAllowList({ entries: [{ ...base, reason: ' ' }] })).toThrow(/reason/);
    expect(() => parseAllowList({ entries: [{ ...base, expires: undefined }] })).toThrow(/expires/);
    expect(() => parseAllowList({ entries: [{ ...base, reviewedOn: '1 Dec 2026' }] })).toThrow(/reviewedOn/);
    expect(() => parseAllowList({ entries: [{ ...base, expires: '2026-11-30' }] })).toThrow(/expires before/);
    expect(() =>
      parseAllowList({ entries: [{ reason: 'why', reviewedOn: '2026-12-01', expires: '2027-01-01' }] }),
    ).toThrow(/advisory/);
  });
});
