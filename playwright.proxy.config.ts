import { defineConfig } from '@playwright/test';
import { PROXIES, SITE_URL, TEST_HOST } from './tests/proxy/stack.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/setup/chromium.ts';

// The production-like suite (tests/proxy/): Chromium through the TLS of each documented proxy, nginx and Caddy (one
// project each: the browser maps the test host to the loopback address that proxy listens on), to the same two portals,
// a worker, PostgreSQL and Redis (tests/proxy/stack.ts). The certificate is made per run, so Chromium is told to ignore
// that it is not from a known authority.
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
    trace: 'off',
  },
  projects: PROXIES.map((proxy) => ({
    name: proxy.name,
    use: {
      browserName: 'chromium' as const,
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        args: [`--host-resolver-rules=MAP ${TEST_HOST} ${proxy.listen}`, ...CHROMIUM_ARGS],
      },
    },
  })),
});
