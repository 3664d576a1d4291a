/**
 * Scaled mode as an operator runs it, on this machine: one fresh PostgreSQL database and one Redis key prefix of its
 * own, any number of portals (`npm start`) and mail workers (`npm run worker`) as child processes sharing them and one
 * encryption key. Used by the scale tests (tests/scale/) and the fault-runs benchmark; everything is removed by
 * `close()` (processes ended, database dropped, Redis keys deleted, folders removed).
 *
 *   const cluster = await createScaleCluster();
 *   const a = await cluster.startPortal();
 *   const worker = await cluster.startWorker();
 *   ...
 *   await cluster.close();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { loadKeyring, type Keyring } from '#src/features/crypto/keyring.server.ts';
import { buildIsStale } from '../../scripts/build-if-needed.ts';
import { repoRoot, startPortal, type RunningPortal } from './portal-process.ts';
import { FAST_POW_ENV } from './solve-pow.ts';

export interface RunningWorker {
  output(): string;
  /** SIGTERM, then the exit code (SIGKILL after 20 s). */
  stop(): Promise<number | null>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

export interface ScaleCluster {
  readonly databaseUrl: string;
  readonly redisUrl: string | undefined;
  readonly redisPrefix: string;
  /** Where the workers write their `.eml` files (`$DATA_DIR/mail` of every worker). */
  readonly mailDir: string;
  /** The key every process shares, for reading what they sealed (receipt hashes). */
  readonly keyring: Keyring;
  /** Starts a portal (on `port`, or a free one) and waits until it answers. */
  startPortal(port?: number, env?: Record<string, string | undefined>): Promise<RunningPortal>;
  /** Starts a mail worker and waits until it polls. */
  startWorker(): Promise<RunningWorker>;
  /** A query on the cluster's database (a connection of its own per call). */
  query<T extends Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  /** `pg_terminate_backend` on every connection to the cluster's database; how many were ended. */
  terminateBackends(): Promise<number>;
  /** Output of every process started so far, killed ones included. */
  outputs(): { portals: string[]; workers: string[] };
  close(): Promise<void>;
}

export interface ScaleClusterOptions {
  /** Server holding the test databases (default TEST_PG_URL, else the local server). */
  adminUrl?: string;
  /** Redis for shared limits (default TEST_REDIS_URL, else redis://127.0.0.1:6379); `null` runs without Redis. */
  redisUrl?: string | null;
  /** Extra environment for every portal and worker. */
  env?: Record<string, string | undefined>;
}

const defaultAdminUrl = () => process.env['TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function createScaleCluster(options: ScaleClusterOptions = {}): Promise<ScaleCluster> {
  // Each `npm start` builds when dist/ is stale: several starting at once would build over one another.
  if (buildIsStale(repoRoot))
    throw new Error('createScaleCluster: dist/ is missing or older than the sources; run `npm run build` first');
  const adminUrl = options.adminUrl ?? defaultAdminUrl();
  const redisUrl =
    options.redisUrl === null
      ? undefined
      : (options.redisUrl ?? process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  const suffix = randomBytes(5).toString('hex');
  const name = `hotro_scale_${suffix}`;
  const redisPrefix = `hotro:test:${suffix}:`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const scratch = mkdtempSync(join(tmpdir(), 'hotro-scale-'));
  const key = randomBytes(32).toString('base64');
  const keyring = loadKeyring({ keyFile: join(scratch, 'unused.key'), intakeEncryptionKey: key });

  const shared: Record<string, string | undefined> = {
    NODE_ENV: 'production',
    // Production needs its public address (links in pages and e-mails); the tests reach each portal on its own port.
    SITE_URL: 'https://hotro.example.test',
    DEMO: '1',
    ...FAST_POW_ENV,
    // Every simulated client sends its own X-Forwarded-For (see tests/scale/scenario.ts).
    TRUST_PROXY: '1',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    INTAKE_ENCRYPTION_KEY: key,
    RESEND_API_KEY: undefined,
    RESEND_BASE_URL: undefined,
    // Mail goes to the workers: a portal on PostgreSQL sends none itself.
    OUTBOX_IN_PROCESS: '0',
    // A short lease and poll: rows a killed worker held are taken over within seconds, not a minute.
    OUTBOX_LEASE_MS: '3000',
    OUTBOX_POLL_MS: '200',
    OUTBOX_RETRY_BASE_MS: '500',
    OUTBOX_RETRY_MAX_MS: '2000',
    ...options.env,
  };

  const portals = new Set<RunningPortal>();
  const workers = new Set<RunningWorker>();
  const portalOutputs: Array<() => string> = [];
  const workerOutputs: Array<() => string> = [];

  const cluster: ScaleCluster = {
    databaseUrl,
    redisUrl,
    redisPrefix,
    mailDir: join(scratch, 'worker-data', 'mail'),
    keyring,

    async startPortal(port, env = {}) {
      const portal = await startPortal({
        port: port ?? (await freePort()),
        // A first start on a fresh database migrates and writes the demo directory; a busy machine needs a while.
        timeoutMs: 180_000,
        env: { LOG_LEVEL: 'warn', ...shared, ...env },
      });
      portals.add(portal);
      portalOutputs.push(() => portal.output());
      portal.process.once('exit', () => portals.delete(portal));
      return portal;
    },

    async startWorker() {
      const worker = await startWorker({ ...shared, LOG_LEVEL: 'info', DATA_DIR: join(scratch, 'worker-data') });
      workers.add(worker);
      workerOutputs.push(() => worker.output());
      return worker;
    },

    async query<T extends Record<string, unknown>>(text: string, values: unknown[] = []) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        return (await client.query<T>(text, values)).rows;
      } finally {
        await client.end();
      }
    },

    async terminateBackends() {
      // From the server's admin database, so overlapping cuts never end each other's connection.
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ ended: boolean }>(
          'select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = $1',
          [name],
        );
        return rows.filter((row) => row.ended).length;
      } finally {
        await client.end();
      }
    },

    outputs: () => ({ portals: portalOutputs.map((read) => read()), workers: workerOutputs.map((read) => read()) }),

    async close() {
      await Promise.allSettled([...portals].map((portal) => stopWithin(portal.stop(), () => portal.kill())));
      await Promise.allSettled([...workers].map((worker) => worker.stop()));
      try {
        await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
        if (redisUrl !== undefined) await deleteRedisKeys(redisUrl, redisPrefix);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    },
  };
  return cluster;
}

/** A free TCP port on the loopback interface (free when asked; tests use it at once). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function stopWithin(stopping: Promise<unknown>, kill: () => Promise<void>): Promise<void> {
  const late = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 20_000).unref());
  if ((await Promise.race([stopping, late])) === 'late') await kill();
}

/** `node scripts/worker.ts` (what `npm run worker` runs), ready once it says it polls. */
async function startWorker(env: Record<string, string | undefined>): Promise<RunningWorker> {
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [join(repoRoot, 'scripts/worker.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 120_000;
  while (!output.includes('outbox.worker_started')) {
    if (child.exitCode !== null)
      throw new Error(`The worker exited with ${child.exitCode} before starting:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The worker did not start within 120 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    output: () => output,
    async stop() {
      if (!running()) return child.exitCode;
      child.kill('SIGTERM');
      await stopWithin(exited, async () => {
        child.kill('SIGKILL');
        await exited;
      });
      return child.exitCode;
    },
    async kill() {
      if (!running()) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Deletes every key under `prefix` (SCAN, never KEYS: the server may be shared). */
async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
