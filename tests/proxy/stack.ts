/**
 * The production-like stack of tests/proxy/, as docs/deployment.md builds it, on this machine: two portals
 * (`npm start`) and a mail worker (`npm run worker`) on a fresh PostgreSQL database and a Redis key prefix
 * (tests/setup/scale-cluster.ts), behind Debian's nginx running docs/deploy/nginx.conf, which terminates TLS on a
 * loopback port with a key and certificate made for this run (openssl; never kept). The public address,
 * `https://hotro.test:<port>`, is given to the portals only when they start: the build never saw it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScaleCluster, type ScaleCluster } from '../setup/scale-cluster.ts';
import { repoRoot } from '../setup/portal-process.ts';

export const TEST_HOST = 'hotro.test';
export const HTTPS_PORT = Number(process.env['PROXY_SUITE_PORT'] ?? 4443);
export const HTTP_PORT = HTTPS_PORT - 1;
export const SITE_URL = `https://${TEST_HOST}:${HTTPS_PORT}`;
/** What the specs read: where the stack's parts are. */
export const STATE_FILE = join(repoRoot, '.tmp/proxy-suite.json');

export interface StackState {
  siteUrl: string;
  databaseUrl: string;
  redisUrl: string | undefined;
  redisPrefix: string;
  mailDir: string;
  accessLog: string;
  errorLog: string;
  certificate: string;
  portals: string[];
}

/** docs/deploy/nginx.conf with the example name, ports, paths and portal replaced; each must be found. */
export function configUnderTest(portals: readonly string[], dir: string): string {
  let config = readFileSync(join(repoRoot, 'docs/deploy/nginx.conf'), 'utf8');
  const replace = (from: string, to: string) => {
    if (!config.includes(from)) throw new Error(`docs/deploy/nginx.conf no longer has "${from}"`);
    config = config.replaceAll(from, to);
  };
  replace('listen 443 ssl;', `listen 127.0.0.1:${HTTPS_PORT} ssl;`);
  replace('listen [::]:443 ssl;', '');
  replace('listen 80;', `listen 127.0.0.1:${HTTP_PORT};`);
  replace('listen [::]:80;', '');
  replace('/etc/letsencrypt/live/hotro.example.gov.vn/fullchain.pem', join(dir, 'cert.pem'));
  replace('/etc/letsencrypt/live/hotro.example.gov.vn/privkey.pem', join(dir, 'key.pem'));
  replace('server_name hotro.example.gov.vn;', `server_name ${TEST_HOST};`);
  replace('/var/log/nginx/hotro-access.log', join(dir, 'access.log'));
  replace('/var/log/nginx/hotro-error.log', join(dir, 'error.log'));
  replace('server 127.0.0.1:4321;', portals.map((portal) => `server ${new URL(portal).host};`).join('\n    '));
  return config;
}

/** The `http` block around the site file, as Debian's /etc/nginx/nginx.conf would hold it (no default access log). */
function mainConfig(dir: string): string {
  const temp = (name: string) => join(dir, 'temp', name);
  return [
    'worker_processes 1;',
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${join(dir, 'main-error.log')} crit;`,
    'events { worker_connections 256; }',
    'http {',
    '  access_log off;',
    `  client_body_temp_path ${temp('body')};`,
    `  proxy_temp_path ${temp('proxy')};`,
    `  fastcgi_temp_path ${temp('fastcgi')};`,
    `  uwsgi_temp_path ${temp('uwsgi')};`,
    `  scgi_temp_path ${temp('scgi')};`,
    `  include ${join(dir, 'hotro.conf')};`,
    '}',
    '',
  ].join('\n');
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr || result.error?.message}`);
}

export interface RunningStack {
  state: StackState;
  stop(): Promise<void>;
}

export async function startStack(): Promise<RunningStack> {
  const dir = mkdtempSync(join(tmpdir(), 'hotro-proxy-'));
  let cluster: ScaleCluster | undefined;
  let nginx: ChildProcess | undefined;
  const stop = async () => {
    if (nginx !== undefined && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx?.once('exit', resolve));
      nginx.kill('SIGQUIT');
      await exited;
    }
    await cluster?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // A key and a certificate for this run only, for the test host.
    run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${TEST_HOST}`,
      '-addext',
      `subjectAltName=DNS:${TEST_HOST}`,
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]);
    cluster = await createScaleCluster({ env: { SITE_URL, LOG_LEVEL: 'warn' } });
    // One after the other: the first migrates the fresh database and writes the demo directory.
    const first = await cluster.startPortal();
    const second = await cluster.startPortal();
    await cluster.startWorker();
    const portals = [first.url, second.url];

    // nginx's workers run as an unprivileged user when started as root: they need the temp folders open to them.
    for (const name of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'])
      mkdirSync(join(dir, 'temp', name), { recursive: true });
    chmodSync(dir, 0o755);
    for (const name of ['', 'body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) chmodSync(join(dir, 'temp', name), 0o777);
    writeFileSync(join(dir, 'hotro.conf'), configUnderTest(portals, dir));
    writeFileSync(join(dir, 'nginx.conf'), mainConfig(dir));
    const binary = process.env['NGINX_PATH'] ?? '/usr/sbin/nginx';
    run(binary, ['-t', '-q', '-p', dir, '-c', join(dir, 'nginx.conf')]);
    let output = '';
    nginx = spawn(binary, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    nginx.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    nginx.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const deadline = Date.now() + 15_000;
    while (!(await answers(HTTP_PORT))) {
      if (nginx.exitCode !== null || Date.now() > deadline) throw new Error(`nginx did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const state: StackState = {
      siteUrl: SITE_URL,
      databaseUrl: cluster.databaseUrl,
      redisUrl: cluster.redisUrl,
      redisPrefix: cluster.redisPrefix,
      mailDir: cluster.mailDir,
      accessLog: join(dir, 'access.log'),
      errorLog: join(dir, 'error.log'),
      certificate: readFileSync(join(dir, 'cert.pem'), 'utf8'),
      portals,
    };
    mkdirSync(join(repoRoot, '.tmp'), { recursive: true });
    writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);
    return { state, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** True once something answers HTTP on the loopback port (nginx's redirect server). */
async function answers(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' });
    return true;
  } catch {
    return false;
  }
}

export function readState(): StackState {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as StackState;
}
