import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '#src/db/client.server.ts';
import { acquireDataDirLock, LOCK_FILE_NAME } from '#src/db/data-dir-lock.server.ts';
import type { DatabaseHandle } from '#src/db/types.ts';
import { DataDirError } from '#src/lib/errors.ts';
import { makeTempDir } from '../../setup/db.ts';

// These tests are about the embedded engine's lock, so they open PGlite whatever TEST_DB_ENGINE says.

const lockModule = pathToFileURL(join(import.meta.dirname, '../../../src/db/data-dir-lock.server.ts')).href;

/** Starts another Node process that takes the lock on `dataDir` and holds it until killed. */
async function startLockHolder(dataDir: string): Promise<ChildProcess> {
  const code = `
    const { acquireDataDirLock } = await import(${JSON.stringify(lockModule)});
    acquireDataDirLock(${JSON.stringify(dataDir)});
    process.stdout.write('locked\\n');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`lock holder exited with ${code}: ${errors}`)));
  });
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('the DATA_DIR lock, held by another process', () => {
  const dir = makeTempDir();
  let holder: ChildProcess;
  beforeAll(async () => {
    holder = await startLockHolder(dir.path);
  });
  afterAll(async () => {
    await kill(holder);
    dir.remove();
  });

  it('refuses a second opener, naming the holder’s pid', async () => {
    await expect(openDatabase({ databaseUrl: undefined, dataDir: dir.path })).rejects.toThrow(
      `Another process (pid ${holder.pid}) has DATA_DIR "${dir.path}" open; the embedded database allows only one process`,
    );
  });

  it('is taken over once that process has died', async () => {
    await kill(holder); // SIGKILL: the holder cannot remove its lock
    const lock = acquireDataDirLock(dir.path);
    expect(readFileSync(lock.path, 'utf8').split('\n')[0]).toBe(String(process.pid));
    lock.release();
  });
});

describe('the DATA_DIR lock file', () => {
  const dirs: Array<ReturnType<typeof makeTempDir>> = [];
  const tempDir = (): string => {
    const dir = makeTempDir();
    dirs.push(dir);
    return dir.path;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) dir.remove();
  });

  it('refuses an opener when it names a live pid', () => {
    const dataDir = tempDir();
    // A live pid with no start time: as written by another owner. Our own pid is the one surely alive.
    writeFileSync(join(dataDir, LOCK_FILE_NAME), `${process.pid}\n`);
    expect(() => acquireDataDirLock(dataDir)).toThrow(DataDirError);
  });

  it('is taken over when its pid is dead', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, LOCK_FILE_NAME), '2147483646\n'); // far above any pid_max
    const lock = acquireDataDirLock(dataDir);
    expect(readFileSync(lock.path, 'utf8').startsWith(`${process.pid}\n`)).toBe(true);
    lock.release();
  });

  it('is taken over when it holds no pid at all', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, LOCK_FILE_NAME), '');
    const lock = acquireDataDirLock(dataDir);
    expect(existsSync(lock.path)).toBe(true);
    lock.release();
  });

  it('is taken over when it has our pid but an earlier start, as after a container restart', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, LOCK_FILE_NAME), `${process.pid}\n${Date.now() - 86_400_000}\n`);
    const lock = acquireDataDirLock(dataDir);
    expect(existsSync(lock.path)).toBe(true);
    lock.release();
  });

  it('is removed on release', () => {
    const lock = acquireDataDirLock(tempDir());
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  it('is left alone on release when another process took it over meanwhile', () => {
    const lock = acquireDataDirLock(tempDir());
    writeFileSync(lock.path, '2147483646\n');
    lock.release();
    expect(readFileSync(lock.path, 'utf8')).toBe('2147483646\n');
  });
});

describe('an embedded database open on DATA_DIR', () => {
  const dir = makeTempDir();
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openDatabase({ databaseUrl: undefined, dataDir: dir.path });
  });
  afterAll(async () => {
    await handle.close();
    dir.remove();
  });

  it('holds the lock with this process’s pid', () => {
    expect(readFileSync(join(dir.path, LOCK_FILE_NAME), 'utf8').split('\n')[0]).toBe(String(process.pid));
  });

  it('refuses a second open of the same DATA_DIR in this process', async () => {
    await expect(openDatabase({ databaseUrl: undefined, dataDir: dir.path })).rejects.toThrow(
      /^This process \(pid \d+\) already has DATA_DIR .* open; the embedded database allows only one process/,
    );
  });

  it('frees the lock when closed', async () => {
    await handle.close();
    expect(existsSync(join(dir.path, LOCK_FILE_NAME))).toBe(false);
  });
});
