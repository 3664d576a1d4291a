/**
 * Where the e2e server keeps its data (the PGlite folder, the outbox's .eml files, the console fixture): E2E_DATA_DIR
 * when the caller gives one (`npm test` gives a scratch folder per run), else this default, which the server empties
 * when it starts (tests/setup/e2e-server.ts).
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The default folder, relative to the repository. */
export const DEFAULT_E2E_DATA_DIR = '.tmp/e2e-data';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The data folder of this run, absolute. */
export const e2eDataDir = resolve(repoRoot, process.env.E2E_DATA_DIR ?? DEFAULT_E2E_DATA_DIR);

/** Where the outbox writes each e-mail as an .eml file when no mail provider is configured. */
export const e2eMailDir = join(e2eDataDir, 'mail');
