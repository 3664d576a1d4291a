/**
 * The production-like stack of tests/proxy/, as docs/deployment.md builds it, on this machine: two portals
 * (`npm start`) and a mail worker (`npm run worker`) on a fresh PostgreSQL database and a Redis key prefix
 * (tests/setup/scale-cluster.ts), behind BOTH reverse proxies the guide offers, each terminating TLS with a key and
 * certificate made for this run (openssl; never kept): Debian's nginx running docs/deploy/nginx.conf and Debian's Caddy
 * running docs/deploy/Caddyfile. Both listen on the same port of the public address, `https://hotro.test:<port>`, each
 * on its own loopback address (the browser of each Playwright project maps the test host to one of them), so the one
 * SITE_URL the portals are given at start (the build never saw it) is right behind either. Between each proxy and each
 * portal a relay writes down the X-Forwarded-* headers the portal received (tests/proxy/header-tap.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScaleCluster, type ScaleCluster } from '../setup/scale-cluster.ts';
import { repoRoot } from '../setup/portal-process.ts';
import { startHeaderTap, type HeaderTap } from './header-tap.ts';

export const TEST_HOST = 'hotro.test';
export const HTTPS_PORT = Number(process.env['PROXY_SUITE_PORT'] ?? 4443);
export const HTTP_PORT = HTTPS_PORT - 1;
export const SITE_URL = `https://${TEST_HOST}:${HTTPS_PORT}`;
/**
 * The proxies under test, one Playwright project each: where each listens (the browser's test host maps there), and
 * the loopback address the specs' own requests come from through it (a fresh rate-limit bucket per proxy, and an
 * address that is no proxy's or portal's, so that finding it in a log means the client's address was written).
 */
export const PROXIES = [
  { name: 'nginx', listen: '127.0.0.1', client: '127.0.0.11' },
  { name: 'caddy', listen: '127.0.0.2', client: '127.0.0.12' },
] as const;
export type ProxyName = (typeof PROXIES)[number]['name'];
/** What the specs read: where the stack's parts are. */
export const STATE_FILE = join(repoRoot, '.tmp/proxy-suite.json');

export interface StackState {
  siteUrl: string;
  databaseUrl: string;
  redisUrl: string | undefined;
  redisPrefix: string;
  mailDir: string;
  /** Per proxy: its access log (none for Caddy, whose documented config writes none) and its error output. */
  logs: Record<ProxyName, { accessLog: string | undefined; errorLog: string }>;
  /** One JSON line per request a portal received (tests/proxy/header-tap.ts). */
  tapFile: string;
  certificate: string;
  portals: string[];
}

/** Replaces each example in a documented config; each must be found (the docs must not drift from the test). */
function replacer(file: string): { replace(from: string, to: string): void; text(): string } {
  let config = readFileSync(join(repoRoot, file), 'utf8');
  return {
    replace(from, to) {
      if (!config.includes(from)) throw new Error(`${file} no longer has "${from}"`);
      config = config.replaceAll(from, to);
    },
    text: () => config,
  };
}

/** docs/deploy/nginx.conf with the example name, ports, paths and portal replaced. */
function nginxConfigUnderTest(portals: readonly string[], dir: string, listen: string): string {
  const { replace, text } = replacer('docs/deploy/nginx.conf');
  replace('listen 443 ssl;', `listen ${listen}:${HTTPS_PORT} ssl;`);
  replace('listen [::]:443 ssl;', '');
  replace('listen 80;', `listen ${listen}:${HTTP_PORT};`);
  replace('listen [::]:80;', '');
  replace('/etc/letsencrypt/live/hotro.example.gov.vn/fullchain.pem', join(dir, 'cert.pem'));
  replace('/etc/letsencrypt/live/hotro.example.gov.vn/privkey.pem', join(dir, 'key.pem'));
  replace('server_name hotro.example.gov.vn;', `server_name ${TEST_HOST};`);
  replace('/var/log/nginx/hotro-access.log', join(dir, 'access.log'));
  replace('/var/log/nginx/hotro-error.log', join(dir, 'error.log'));
  replace('server 127.0.0.1:4321;', portals.map((portal) => `server ${portal};`).join('\n    '));
  return text();
}

/**
 * docs/deploy/Caddyfile with the example name and portal replaced, and this run's certificate instead of Let's Encrypt
 * (`tls <cert> <key>`). Global options keep it on the suite's own ports and address (not 80, 443, or the admin API's
 * 2019, which Debian's caddy.service would use) and its state in the run's folder.
 */
function caddyConfigUnderTest(portals: readonly string[], dir: string, listen: string): string {
  const { replace, text } = replacer('docs/deploy/Caddyfile');
  replace(
    "{\n\t# Caddy's error log",
    [
      '{',
      '\tadmin off',
      `\tdefault_bind ${listen}`,
      `\thttp_port ${HTTP_PORT}`,
      `\thttps_port ${HTTPS_PORT}`,
      `\tstorage file_system ${join(dir, 'caddy-data')}`,
      "\t# Caddy's error log",
    ].join('\n'),
  );
  replace(
    'hotro.example.gov.vn {',
    `${TEST_HOST}:${HTTPS_PORT} {\n\ttls ${join(dir, 'cert.pem')} ${join(dir, 'key.pem')}`,
  );
  replace('reverse_proxy 127.0.0.1:4321 {', `reverse_proxy ${portals.join(' ')} {`);
  return text();
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

function run(command: string, args: string[], env?: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { encoding: 'utf8', env });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')}: ${result.stderr || result.stdout || result.error?.message}`);
}

export interface RunningStack {
  state: StackState;
  stop(): Promise<void>;
}

/** Starts a proxy in the foreground and waits until its plain-HTTP port answers (the redirect to HTTPS). */
async function startProxy(
  name: ProxyName,
  command: string,
  args: string[],
  options: { listen: string; env?: NodeJS.ProcessEnv; outputFile?: string },
): Promise<ChildProcess> {
  const output = options.outputFile === undefined ? undefined : openSync(options.outputFile, 'a');
  const child = spawn(command, args, {
    stdio: ['ignore', output ?? 'pipe', output ?? 'pipe'],
    env: options.env,
  });
  if (output !== undefined) closeSync(output);
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const deadline = Date.now() + 15_000;
  while (!(await answers(options.listen, HTTP_PORT))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const logged = options.outputFile === undefined ? text : readFileSync(options.outputFile, 'utf8');
      child.kill('SIGKILL');
      throw new Error(`${name} did not start:\n${logged}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return child;
}

async function stopProcess(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

export async function startStack(): Promise<RunningStack> {
  const dir = mkdtempSync(join(tmpdir(), 'hotro-proxy-'));
  let cluster: ScaleCluster | undefined;
  let nginx: ChildProcess | undefined;
  let caddy: ChildProcess | undefined;
  const taps: HeaderTap[] = [];
  const stop = async () => {
    await stopProcess(nginx, 'SIGQUIT');
    await stopProcess(caddy, 'SIGTERM');
    for (const tap of taps) await tap.close();
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
    const tapFile = join(dir, 'tap.jsonl');
    for (const portal of portals) taps.push(await startHeaderTap(new URL(portal).host, tapFile));
    const upstreams = taps.map((tap) => tap.host);
    const [nginxAt, caddyAt] = PROXIES;

    // nginx's workers run as an unprivileged user when started as root: they need the temp folders open to them.
    for (const name of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'])
      mkdirSync(join(dir, 'temp', name), { recursive: true });
    chmodSync(dir, 0o755);
    for (const name of ['', 'body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) chmodSync(join(dir, 'temp', name), 0o777);
    writeFileSync(join(dir, 'hotro.conf'), nginxConfigUnderTest(upstreams, dir, nginxAt.listen));
    writeFileSync(join(dir, 'nginx.conf'), mainConfig(dir));
    const nginxBinary = process.env['NGINX_PATH'] ?? '/usr/sbin/nginx';
    run(nginxBinary, ['-t', '-q', '-p', dir, '-c', join(dir, 'nginx.conf')]);
    nginx = await startProxy('nginx', nginxBinary, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
      listen: nginxAt.listen,
    });

    // Caddy as caddy.service runs it (`caddy run`), its home and state in the run's folder; what it logs (stderr, per
    // the documented config) goes to a file the specs read.
    writeFileSync(join(dir, 'Caddyfile'), caddyConfigUnderTest(upstreams, dir, caddyAt.listen));
    const caddyBinary = process.env['CADDY_PATH'] ?? '/usr/bin/caddy';
    const caddyEnv = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: dir,
      XDG_CONFIG_HOME: join(dir, 'caddy-config'),
      XDG_DATA_HOME: join(dir, 'caddy-data'),
    };
    const caddyArgs = ['--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'];
    run(caddyBinary, ['validate', ...caddyArgs], caddyEnv);
    caddy = await startProxy('caddy', caddyBinary, ['run', ...caddyArgs], {
      listen: caddyAt.listen,
      env: caddyEnv,
      outputFile: join(dir, 'caddy.log'),
    });

    const state: StackState = {
      siteUrl: SITE_URL,
      databaseUrl: cluster.databaseUrl,
      redisUrl: cluster.redisUrl,
      redisPrefix: cluster.redisPrefix,
      mailDir: cluster.mailDir,
      logs: {
        nginx: { accessLog: join(dir, 'access.log'), errorLog: join(dir, 'error.log') },
        caddy: { accessLog: undefined, errorLog: join(dir, 'caddy.log') },
      },
      tapFile,
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

/** True once something answers HTTP on the loopback address and port (the proxy's redirect to HTTPS). */
async function answers(address: string, port: number): Promise<boolean> {
  try {
    await fetch(`http://${address}:${port}/`, { redirect: 'manual' });
    return true;
  } catch {
    return false;
  }
}

export function readState(): StackState {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as StackState;
}
