/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

/**
 * The scaled-mode suite (tests/scale/): portals and mail workers as child processes on the machine's PostgreSQL and
 * Redis, with faults injected. Needs the build in dist/ (`npm run build`). `scripts/test-all.ts` runs it after the unit
 * suites; alone: `npx vitest run --config vitest.scale.config.ts`.
 */
export default getViteConfig({
  test: {
    include: ['tests/scale/**/*.test.ts'],
    // One file at a time: each starts several servers, and a 2-core machine must not run two such files at once.
    fileParallelism: false,
    pool: 'forks',
    // Guards against a hang, not performance targets (speed is `npm run bench`'s job).
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
