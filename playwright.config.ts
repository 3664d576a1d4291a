import { defineConfig } from '@playwright/test';
import { DEFAULT_E2E_DATA_DIR } from './tests/setup/e2e-data-dir.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/setup/chromium.ts';

// The suite drives the built portal as `npm start` serves it, in Debian's Chromium (no browser download happens).
// The database engine comes from the environment: scripts/test-all.ts runs the suite once on PGlite and once on a
// fresh PostgreSQL database.
const port = Number(process.env.E2E_PORT ?? 4400);

/**
 * Specs that check only prerendered pages, answers' headers and what the browser does with them: no engine changes
 * their outcome, so on the second engine (E2E_SCOPE=database, set by scripts/test-all.ts for the PostgreSQL run) they
 * are not run again, and the run stays within CI's hour. Every other spec — each one that sends a request for help,
 * signs in to the console, searches the directory or reads a follow-up — runs on both; a new spec does too unless it
 * is added here.
 */
const ENGINE_INDEPENDENT = [
  'about',
  'audiences',
  'campaigns',
  'conventions',
  'feeds',
  'first-aid',
  'focus-contrast',
  'guides-statistics',
  'no-script',
  'pages',
  'public-origin',
  'script-budget',
  'search',
  'security-headers',
  'substance-pages',
  'substances-filter',
];

export default defineConfig({
  testDir: 'tests/e2e',
  testIgnore: process.env.E2E_SCOPE === 'database' ? ENGINE_INDEPENDENT.map((name) => `**/${name}.spec.ts`) : [],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    },
    trace: 'off',
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    // The portal as `npm start` runs it, after seeding the console's test staff (tests/setup/e2e-server.ts).
    command: 'node tests/setup/e2e-server.ts',
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    // SIGTERM, so the portal closes its database cleanly before the scan after the run opens it.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: process.env.E2E_DATA_DIR ?? DEFAULT_E2E_DATA_DIR,
      // The default folder is emptied when the server starts, so a second run on one machine starts from the same
      // state as the first (single-use accounts, imports). A folder given in E2E_DATA_DIR is the caller's to manage.
      E2E_FRESH_DATA: process.env.E2E_DATA_DIR === undefined ? '1' : '0',
      KEY_FILE: process.env.E2E_KEY_FILE ?? '.tmp/e2e-keys/intake.key',
      DEMO: process.env.E2E_DEMO ?? '1',
      // On PostgreSQL the worker is normally its own process; the e2e server sends mail itself so tests see it.
      OUTBOX_IN_PROCESS: '1',
      OUTBOX_POLL_MS: '200',
      // One reverse proxy is trusted, so a test can speak for its own client (X-Forwarded-For) and get its own rate
      // limit buckets; requests without the header are keyed by the socket address as before.
      TRUST_PROXY: '1',
      // Published in /.well-known/security.txt (conventions.spec.ts).
      SECURITY_CONTACT: 'security@example.invalid',
      // The operator and help lines on the about page (about.spec.ts): test values, not a real body.
      OPERATOR_NAME: 'Đơn vị vận hành thử nghiệm',
      OPERATOR_ADDRESS: 'Số 1, phường Ba Đình, Hà Nội',
      OPERATOR_CONTACT: 'lienhe@example.invalid',
      HELPLINES: '111|Tổng đài quốc gia bảo vệ trẻ em',
      ...(process.env.E2E_LOG_FILE ? { E2E_LOG_FILE: process.env.E2E_LOG_FILE } : {}),
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
    },
  },
});
