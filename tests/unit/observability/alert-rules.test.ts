/**
 * The alert rules the deployment guide gives (docs/deployment.md, "Alert rules") name only series the portal serves,
 * and, where Prometheus's promtool is installed (Debian: `prometheus`), they load and fire as intended
 * (tests/fixtures/alert-rules/hotro.test.yml).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPortalMetrics } from '#src/features/observability/metrics.server.ts';
import { repoRoot } from '../../setup/portal-process.ts';

const guide = readFileSync(join(repoRoot, 'docs/deployment.md'), 'utf8');
const rules = /```yaml\n(groups:[\s\S]*?)```/.exec(guide)?.[1] ?? '';
const promtool = spawnSync('promtool', ['--version']).status === 0;

describe('the alert rules of the deployment guide', () => {
  it('use only the series the portal serves', async () => {
    expect(rules).toContain('alert: HotroMailDelayed');
    const served = new Set((await createPortalMetrics().registry.getMetricsAsJSON()).map((metric) => metric.name));
    const used = new Set(
      [...rules.matchAll(/\bhotro_[a-z_]+/g)].map((match) => match[0].replace(/_(bucket|count|sum)$/, '')),
    );
    expect([...used].filter((name) => !served.has(name))).toEqual([]);
    expect(used.size).toBeGreaterThanOrEqual(6);
  });

  it.skipIf(!promtool)('load in Prometheus and fire as intended (promtool check rules, test rules)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotro-rules-'));
    try {
      writeFileSync(join(dir, 'hotro.yml'), rules);
      copyFileSync(join(repoRoot, 'tests/fixtures/alert-rules/hotro.test.yml'), join(dir, 'hotro.test.yml'));
      const check = spawnSync('promtool', ['check', 'rules', join(dir, 'hotro.yml')], { encoding: 'utf8' });
      expect(check.status, check.stdout + check.stderr).toBe(0);
      const test = spawnSync('promtool', ['test', 'rules', join(dir, 'hotro.test.yml')], { encoding: 'utf8' });
      expect(test.status, test.stdout + test.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
