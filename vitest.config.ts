/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Vitest runs through Astro's Vite config so `astro:content`, `astro/zod` and `#src/*` resolve as in the build.
export default getViteConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/setup/unit.ts'],
    // PGlite's cold start is about 2 s on this machine; database tests need room.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One fork per file keeps each file's embedded database to itself.
    pool: 'forks',
  },
});
