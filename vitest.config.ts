/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Vitest runs through Astro's Vite config so `astro:content`, `astro/zod` and `#src/*` resolve as in the build.
export default getViteConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/setup/unit.ts'],
    // PGlite's cold start is about 2 s on an idle machine, but 40 s and more were seen on a loaded 2-core machine (CI
    // runs tests that start whole servers beside them). These are guards against a hang, not performance targets:
    // speed is measured by `npm run bench`.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // One fork per file keeps each file's embedded database to itself.
    pool: 'forks',
  },
});
