import { spawn } from 'node:child_process';
import type { DatabaseEnv } from '#src/db/client.server.ts';
import { findProjectRoot } from '#src/lib/project-root.server.ts';

const root = findProjectRoot(import.meta.url);

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of the project's commands as npm does (Node on the .ts file, from the project folder) against a test
 * database: DATA_DIR and DATABASE_URL from `env`, demo mode off, anything in `extraEnv` on top; `stdin` is written
 * to its standard input and closed.
 */
export function runScript(
  script: string,
  env: DatabaseEnv,
  args: readonly string[],
  options: { extraEnv?: Record<string, string>; stdin?: string } = {},
): Promise<ScriptRun> {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: env.dataDir,
    INIT_CWD: root,
    DEMO: '0',
    ...options.extraEnv,
  };
  delete childEnv['DATABASE_URL'];
  if (env.databaseUrl !== undefined) childEnv['DATABASE_URL'] = env.databaseUrl;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: root, env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
