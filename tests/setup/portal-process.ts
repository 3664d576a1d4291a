import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is tests/setup/portal-process.ts). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface RunningPortal {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the process wrote to stdout and stderr so far (tests scan it for leaks). */
  output(): string;
  /** Sends SIGTERM and waits for the exit code. */
  stop(): Promise<number | null>;
  /** Kills the process with SIGKILL, as a crash would. */
  kill(): Promise<void>;
  process: ChildProcess;
}

export interface StartOptions {
  port: number;
  env?: Record<string, string | undefined>;
  /** A fresh temporary DATA_DIR is made unless one is given. */
  dataDir?: string;
  /** How long to wait for the first 200 on `/`. */
  timeoutMs?: number;
}

/**
 * Starts the portal as `npm start` does (`node scripts/start.ts`), on its own port and data folder, and waits until
 * `/` answers 200. The build must exist already (the test runner builds once), so no test pays for a build.
 */
export async function startPortal({
  port,
  env = {},
  dataDir,
  timeoutMs = 180_000,
}: StartOptions): Promise<RunningPortal> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'hotro-data-'));
  const keyDir = mkdtempSync(join(tmpdir(), 'hotro-keys-'));
  let output = '';
  // PORTAL_CPU_PROF=<folder>: each portal started here writes a V8 CPU profile there when it exits (see CONTRIBUTING,
  // Benchmarks), to see where a request's time goes under the bench's load.
  const profile = process.env.PORTAL_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PORTAL_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, join(repoRoot, 'scripts/start.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      KEY_FILE: join(keyDir, 'intake.key'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`The portal exited with ${child.exitCode} before answering:\n${output}`);
    try {
      const response = await fetch(`${url}/`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The portal did not answer within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const cleanup = () => {
    if (!dataDir) rmSync(dir, { recursive: true, force: true });
    rmSync(keyDir, { recursive: true, force: true });
  };
  return {
    url,
    port,
    dataDir: dir,
    process: child,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      cleanup();
      return code;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
      cleanup();
    },
  };
}
