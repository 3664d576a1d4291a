/**
 * The image as the Dockerfile describes it (CI cannot pull base images, so the file itself is checked, and its start
 * command is run by read-only-start.test.ts): Node of the version the project pins, a non-root user in the final
 * stage, no dev dependency and no build there, and the compose file with every part of the install.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copiesFromStages, readDockerfile, startCommand, stageEnv } from '../../setup/dockerfile.ts';
import { repoRoot } from '../../setup/portal-process.ts';

const stages = readDockerfile(repoRoot);
const final = stages.at(-1);
const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string }>;
};
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};

describe('the Dockerfile', () => {
  it('builds every stage on the node image of the version the project pins', () => {
    const pinned = lock.packages['node_modules/node']?.version ?? '';
    expect(pinned).toMatch(/^24\.\d+\.\d+$/);
    expect(pkg.devDependencies['node']).toBe(`^${pinned}`);
    expect(pkg.engines.node).toBe(`>=${pinned.split('.')[0] ?? ''}`);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    // node:<pinned> or node:<pinned>-<variant>: the exact release, not a moving major tag.
    const exact = new RegExp(`^node:${pinned.replaceAll('.', '\\.')}(?:-[a-z0-9.-]+)?$`);
    expect(stages.map((stage) => stage.image).filter((image) => !exact.test(image))).toEqual([]);
  });

  it('runs the final stage as an unprivileged user', () => {
    const users = final?.instructions.filter((entry) => entry.keyword === 'USER').map((entry) => entry.args) ?? [];
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(?:root|0)(?::|$)/);
    // Nothing after USER may switch back.
    const afterUser = final?.instructions.slice(final.instructions.findIndex((entry) => entry.keyword === 'USER'));
    expect(afterUser?.filter((entry) => entry.keyword === 'RUN' || entry.keyword === 'USER')).toHaveLength(1);
  });

  it('builds in an earlier stage, never in the final one, and takes its dependencies from a production-only install', () => {
    const runs = final?.instructions.filter((entry) => entry.keyword === 'RUN').map((entry) => entry.args) ?? [];
    expect(runs.filter((args) => /\b(?:npm|astro|pagefind|npx)\b/.test(args))).toEqual([]);
    const copies = final === undefined ? [] : copiesFromStages(final);
    const modules = copies.find((copy) => /node_modules\/?$/.test(copy.source));
    const depsStage = stages.find((stage) => stage.name === modules?.from);
    const installs = depsStage?.instructions.filter((entry) => entry.keyword === 'RUN').map((entry) => entry.args);
    expect(installs).toEqual([expect.stringMatching(/^npm (?:ci|install) .*--omit=dev\b/)]);
    // The site is built in the stage the final one copies dist/ from.
    const buildStage = stages.find(
      (stage) => stage.name === copies.find((copy) => /\/dist\/?$/.test(copy.source))?.from,
    );
    expect(buildStage?.instructions.some((entry) => entry.keyword === 'RUN' && /npm run build/.test(entry.args))).toBe(
      true,
    );
  });

  it('starts Node itself on the start script, in production, never building, with its state in /var/lib/hotro', () => {
    expect(final === undefined ? [] : startCommand(final)).toEqual(['node', 'scripts/start.ts']);
    expect(final === undefined ? {} : stageEnv(final)).toMatchObject({
      NODE_ENV: 'production',
      BUILD_ON_START: '0',
      DATA_DIR: expect.stringMatching(/^\/var\/lib\/hotro\//),
      KEY_FILE: expect.stringMatching(/^\/var\/lib\/hotro\//),
    });
  });

  it('keeps local state, keys and earlier builds out of the build context', () => {
    const ignored = readFileSync(join(repoRoot, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.data', '.keys', '.env', 'backups']));
  });
});

describe('compose.yaml', () => {
  const compose = readFileSync(join(repoRoot, 'compose.yaml'), 'utf8');
  const services = [...compose.matchAll(/^ {2}([a-z-]+):\s*$/gm)].map((match) => match[1]);

  it('runs the portal, the worker, PostgreSQL, Redis and the TLS proxy', () => {
    expect(services).toEqual(expect.arrayContaining(['portal', 'worker', 'postgres', 'redis', 'proxy']));
    expect(compose).toMatch(/command: \['node', 'scripts\/worker\.ts'\]/);
  });

  it("mounts a proxy configuration that exists and keeps clients' addresses out of its log", () => {
    const mounted = /- \.\/(\S+\.conf):\/etc\/nginx\/conf\.d\/default\.conf:ro/.exec(compose)?.[1] ?? '';
    const config = readFileSync(join(repoRoot, mounted), 'utf8');
    expect(config).toMatch(/proxy_pass http:\/\/hotro_portal;/);
    expect(config).toMatch(/server portal:4321;/);
    expect(config).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
    const formats = [...config.matchAll(/log_format \S+ '([^']*)'/g)].map((match) => match[1] ?? '');
    expect(formats.length).toBeGreaterThan(0);
    expect(formats.join(' ')).not.toMatch(
      /remote_addr|http_user_agent|http_referer|http_cookie|request_uri|\$request\b|\$args|query_string/,
    );
  });

  it('keeps the application read-only and the metrics port behind a token', () => {
    expect(compose).toMatch(/read_only: true/);
    expect(compose).toMatch(/METRICS_HOST: 0\.0\.0\.0\n\s+METRICS_TOKEN: \$\{METRICS_TOKEN:\?/);
  });
});
