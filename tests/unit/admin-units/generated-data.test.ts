import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildAdminUnitFiles, DEFAULT_SOURCE_DIR, OUTPUT_DIR } from '../../../scripts/build-admin-units.ts';

const hasSource = existsSync(DEFAULT_SOURCE_DIR);

describe('generated admin-units data', () => {
  it('comes out byte for byte the same from two builds', (ctx) => {
    if (!hasSource) ctx.skip(`${DEFAULT_SOURCE_DIR.pathname} is absent, so the build cannot run`);
    expect(buildAdminUnitFiles()).toEqual(buildAdminUnitFiles());
  });

  it('is what scripts/build-admin-units.ts makes from ../shared today', (ctx) => {
    if (!hasSource) {
      ctx.skip(`${DEFAULT_SOURCE_DIR.pathname} is absent, so the generated data cannot be compared with its source`);
    }
    for (const file of buildAdminUnitFiles()) {
      const committed = readFileSync(new URL(file.path, OUTPUT_DIR));
      const expected = typeof file.content === 'string' ? file.content : Buffer.from(file.content).toString('utf8');
      // Every generated file is text: comparing strings shows the first difference readably.
      expect(committed.toString('utf8'), `${file.path} is stale: run npx node scripts/build-admin-units.ts`).toBe(
        expected,
      );
    }
  });
});
