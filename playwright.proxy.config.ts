import { defineConfig } from '@playwright/test';
import { SITE_URL, TEST_HOST } from './tests/proxy/stack.ts';

// The production-like suite (tests/proxy/): Chromium through nginx's TLS, on the test host the browser maps to the
// loopback address, to two portals, a worker, PostgreSQL and Redis (tests/proxy/stack.ts). The certificate is made per
// run, so Chromium is told to ignore that it is not from a known authority.
export default defineConfig({
  testDir: 'tests/proxy',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  reporter: [['list']],
  globalSetup: './tests/proxy/global-setup.ts',
  use: {
    baseURL: SITE_URL,
    ignoreHTTPSErrors: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        `--host-resolver-rules=MAP ${TEST_HOST} 127.0.0.1`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
    trace: 'off',
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
