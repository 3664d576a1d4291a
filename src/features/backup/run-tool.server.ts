import { spawn } from 'node:child_process';
import { BackupError } from './backup-error.ts';

/**
 * Runs an external program (pg_dump, pg_restore, tar) to the end. Resolves when it exits with 0; otherwise rejects with
 * a `BackupError` holding the program's last line of error output, or saying the program is missing.
 */
export function runTool(
  program: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; missingHint: string },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => {
      const missing = 'code' in error && error.code === 'ENOENT';
      reject(
        new BackupError(
          missing
            ? `${program} was not found: ${options.missingHint}`
            : `${program} could not start (${error.message})`,
        ),
      );
    });
    child.on('close', (code) => {
      if (code === 0) return resolve(stdout);
      const lines = stderr
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '');
      reject(new BackupError(`${program} failed (exit ${code}): ${lines.at(-1) ?? 'no message'}`));
    });
  });
}
