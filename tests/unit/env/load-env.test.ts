import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES, loadEnv } from '#src/env.server.ts';
import { AppError, EnvError } from '#src/lib/errors.ts';
import { findProjectRoot } from '#src/lib/project-root.server.ts';

const root = findProjectRoot(import.meta.url);
const KEY_32 = Buffer.alloc(32, 7).toString('base64');

/** The EnvError message loadEnv throws for `source`, or fails the test when it does not throw one. */
function envErrorFor(source: Record<string, string>): string {
  try {
    loadEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).message;
  }
  throw new Error('loadEnv accepted a bad environment');
}

describe('loadEnv defaults', () => {
  it('uses port 4321 when PORT is unset', () => {
    expect(loadEnv({}).port).toBe(4321);
    expect(loadEnv({}).redisPrefix).toBe('hotro:aa:');
  });

  it('uses localhost when HOST is unset', () => {
    expect(loadEnv({}).host).toBe('localhost');
  });

  it('puts DATA_DIR in .data under the project root when unset', () => {
    expect(loadEnv({}).dataDir).toBe(join(root, '.data'));
  });

  it('puts KEY_FILE in .keys/intake.key under the project root when unset', () => {
    expect(loadEnv({}).keyFile).toBe(join(root, '.keys', 'intake.key'));
  });

  it('uses the embedded database when DATABASE_URL is unset', () => {
    expect(loadEnv({}).databaseUrl).toBeUndefined();
  });

  it('turns demo mode off when DEMO is unset', () => {
    expect(loadEnv({}).demo).toBe(false);
  });

  it('logs at info when LOG_LEVEL is unset', () => {
    expect(loadEnv({}).logLevel).toBe('info');
  });

  it('counts an unset NODE_ENV as production', () => {
    expect(loadEnv({}).nodeEnv).toBe('production');
  });

  it('treats an empty value as unset', () => {
    expect(loadEnv({ PORT: '', DATABASE_URL: '  ' })).toMatchObject({ port: 4321, databaseUrl: undefined });
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadEnv({}))).toBe(true);
  });
});

describe('loadEnv accepts', () => {
  it('a postgresql:// DATABASE_URL', () => {
    const url = 'postgresql://app:secret@db.internal:5432/hotro';
    expect(loadEnv({ DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it('DEMO=1 as demo mode on', () => {
    expect(loadEnv({ DEMO: '1' }).demo).toBe(true);
  });

  it('DEMO=0 as demo mode off', () => {
    expect(loadEnv({ DEMO: '0' }).demo).toBe(false);
  });

  it('SITE_URL with a trailing slash, keeping only the origin', () => {
    expect(loadEnv({ SITE_URL: 'https://hotro.example.gov.vn/' }).siteUrl).toBe('https://hotro.example.gov.vn');
  });

  it('the operator and the help lines as configured, none when unset', () => {
    expect(loadEnv({}).operator).toBeUndefined();
    expect(loadEnv({}).helplines).toEqual([]);
    const env = loadEnv({
      OPERATOR_NAME: 'Sở Y tế tỉnh Thái Nguyên',
      OPERATOR_CONTACT: 'lienhe@example.gov.vn',
      HELPLINES: '111|Tổng đài quốc gia bảo vệ trẻ em; 1800 1234 | Tư vấn',
    });
    expect(env.operator).toEqual({
      name: 'Sở Y tế tỉnh Thái Nguyên',
      address: undefined,
      contact: 'lienhe@example.gov.vn',
    });
    expect(env.helplines).toEqual([
      { number: '111', label: 'Tổng đài quốc gia bảo vệ trẻ em' },
      { number: '1800 1234', label: 'Tư vấn' },
    ]);
  });

  it('OPERATOR_EMBLEM as a path under the project root, none when unset', () => {
    expect(loadEnv({ OPERATOR_NAME: 'Sở Y tế' }).operator?.emblemFile).toBeUndefined();
    const env = loadEnv({ OPERATOR_NAME: 'Sở Y tế', OPERATOR_EMBLEM: 'branding/emblem.svg' });
    expect(env.operator?.emblemFile).toBe(join(root, 'branding/emblem.svg'));
  });

  it('SECURITY_CONTACT as URIs, a bare e-mail address as mailto:, preferred first', () => {
    expect(
      loadEnv({ SECURITY_CONTACT: 'security@hotro.example.gov.vn, https://hotro.example.gov.vn/bao-mat' })
        .securityContacts,
    ).toEqual(['mailto:security@hotro.example.gov.vn', 'https://hotro.example.gov.vn/bao-mat']);
    expect(loadEnv({}).securityContacts).toEqual([]);
  });

  it('a base64 INTAKE_ENCRYPTION_KEY of 32 bytes', () => {
    expect(loadEnv({ INTAKE_ENCRYPTION_KEY: KEY_32 }).intakeEncryptionKey).toBe(KEY_32);
  });

  it('demo mode with RESEND_API_KEY when RESEND_BASE_URL points at a local fake', () => {
    const env = loadEnv({ DEMO: '1', RESEND_API_KEY: 're_test', RESEND_BASE_URL: 'http://127.0.0.1:9999' });
    expect(env.demo).toBe(true);
  });

  it('a relative DATA_DIR resolved against the project root, whatever the working directory', () => {
    const before = process.cwd();
    process.chdir('/tmp');
    try {
      expect(loadEnv({ DATA_DIR: 'var/data' }).dataDir).toBe(join(root, 'var', 'data'));
    } finally {
      process.chdir(before);
    }
  });

  it('an absolute DATA_DIR as it is', () => {
    expect(loadEnv({ DATA_DIR: '/srv/hotro/data' }).dataDir).toBe('/srv/hotro/data');
  });

  it('a KEY_FILE beside DATA_DIR whose name starts with the same letters', () => {
    expect(loadEnv({ DATA_DIR: '/srv/data', KEY_FILE: '/srv/data-keys/intake.key' }).keyFile).toBe(
      '/srv/data-keys/intake.key',
    );
  });
});

describe('loadEnv refuses', () => {
  it('a DATABASE_URL that is not a postgres:// URL, naming the variable and the value', () => {
    expect(envErrorFor({ DATABASE_URL: 'foo' })).toBe('DATABASE_URL is not a valid postgres:// URL (got "foo")');
  });

  it('a DATABASE_URL of another scheme without showing its password', () => {
    const message = envErrorFor({ DATABASE_URL: 'mysql://app:hunter2@db/hotro' });
    expect(message).not.toContain('hunter2');
  });

  it('PORT 0', () => {
    expect(envErrorFor({ PORT: '0' })).toBe('PORT must be a whole number from 1 to 65535 (got "0")');
  });

  it('PORT above 65535', () => {
    expect(envErrorFor({ PORT: '65536' })).toMatch(/^PORT /);
  });

  it('a PORT that is not a number', () => {
    expect(envErrorFor({ PORT: '80a' })).toMatch(/^PORT /);
  });

  it('a KEY_FILE inside DATA_DIR', () => {
    expect(envErrorFor({ DATA_DIR: '/srv/data', KEY_FILE: '/srv/data/keys/intake.key' })).toMatch(
      /^KEY_FILE must not be inside DATA_DIR/,
    );
  });

  it('a relative KEY_FILE that resolves inside DATA_DIR', () => {
    expect(envErrorFor({ KEY_FILE: './.data/intake.key' })).toMatch(/^KEY_FILE must not be inside DATA_DIR/);
  });

  it('a DEMO value other than 1 or 0', () => {
    expect(envErrorFor({ DEMO: 'yes' })).toBe('DEMO must be 1 or 0 (got "yes")');
  });

  it('an unknown LOG_LEVEL', () => {
    expect(envErrorFor({ LOG_LEVEL: 'verbose' })).toBe(
      'LOG_LEVEL must be one of debug, info, warn, error (got "verbose")',
    );
  });

  it('an unknown NODE_ENV', () => {
    expect(envErrorFor({ NODE_ENV: 'staging' })).toMatch(/^NODE_ENV must be one of/);
  });

  it('a SITE_URL that is not http(s)', () => {
    expect(envErrorFor({ SITE_URL: 'ftp://example.org' })).toMatch(/^SITE_URL is not a valid http\(s\):\/\/ URL/);
  });

  it('a SECURITY_CONTACT that is neither an e-mail address nor a mailto:, https: or tel: URI', () => {
    expect(envErrorFor({ SECURITY_CONTACT: 'http://example.org/security' })).toMatch(
      /^SECURITY_CONTACT must be e-mail addresses or mailto:, https: or tel: URIs/,
    );
    expect(envErrorFor({ SECURITY_CONTACT: 'security team' })).toMatch(/^SECURITY_CONTACT /);
  });

  // Issue 19, item 7: help lines are configuration, never invented, never the police reporting line.
  it("HELPLINES offering C04's reporting line 0769.04.04.04, however written", () => {
    for (const number of ['0769.04.04.04', '0769 040 404', '0769040404'])
      expect(envErrorFor({ HELPLINES: `111|Tổng đài 111; ${number}|Đường dây nóng` })).toMatch(
        /^HELPLINES must not offer 0769\.04\.04\.04/,
      );
    expect(envErrorFor({ HELPLINES: 'call us' })).toMatch(/^HELPLINES must be "number\|what it is" entries/);
  });

  it('an OPERATOR_EMBLEM that is not a .png, .svg or .webp file, or without OPERATOR_NAME (shown with it)', () => {
    expect(envErrorFor({ OPERATOR_NAME: 'Sở Y tế', OPERATOR_EMBLEM: 'logo.jpg' })).toMatch(
      /^OPERATOR_EMBLEM must name a \.png, \.svg or \.webp file \(got "logo\.jpg"\)/,
    );
    expect(envErrorFor({ OPERATOR_EMBLEM: 'logo.png' })).toMatch(/^OPERATOR_EMBLEM needs OPERATOR_NAME/);
  });

  it('a SITE_URL with a path', () => {
    expect(envErrorFor({ SITE_URL: 'https://example.org/portal' })).toMatch(/^SITE_URL must be an origin only/);
  });

  it('an INTAKE_ENCRYPTION_KEY of the wrong length without showing it', () => {
    const key = Buffer.alloc(16, 7).toString('base64');
    const message = envErrorFor({ INTAKE_ENCRYPTION_KEY: key });
    expect(message).toMatch(/^INTAKE_ENCRYPTION_KEY must be base64 of exactly 32 bytes/);
    expect(message).not.toContain(key);
  });

  it('a RESEND_API_KEY not shaped like re_… without showing it', () => {
    const message = envErrorFor({ RESEND_API_KEY: 'sk_live_abc' });
    expect(message).toMatch(/^RESEND_API_KEY /);
    expect(message).not.toContain('sk_live_abc');
  });

  it('a RESEND_BASE_URL that is not a URL', () => {
    expect(envErrorFor({ RESEND_BASE_URL: 'localhost:3000' })).toMatch(/^RESEND_BASE_URL /);
  });

  it('a REDIS_URL that is not redis://', () => {
    expect(envErrorFor({ REDIS_URL: 'http://cache:6379' })).toMatch(/^REDIS_URL is not a valid redis:\/\//);
  });

  it('a REDIS_PREFIX with a space or a wildcard', () => {
    expect(envErrorFor({ REDIS_PREFIX: 'hotro aa:' })).toMatch(/^REDIS_PREFIX must be 1 to 64 letters/);
    expect(envErrorFor({ REDIS_PREFIX: 'hotro:*' })).toMatch(/^REDIS_PREFIX must be 1 to 64 letters/);
  });

  it('demo mode with a real RESEND_API_KEY', () => {
    expect(envErrorFor({ DEMO: '1', RESEND_API_KEY: 're_live_key' })).toMatch(
      /^DEMO=1 cannot be used with a real RESEND_API_KEY/,
    );
  });

  it('several bad variables in one line naming each', () => {
    const message = envErrorFor({ PORT: '0', LOG_LEVEL: 'loud' });
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(/PORT .*; LOG_LEVEL /);
  });

  it('a value with a line break, still in one line', () => {
    expect(envErrorFor({ HOST: 'a\nb' }).split('\n')).toHaveLength(1);
  });
});

describe('EnvError', () => {
  it('is an AppError named EnvError', () => {
    const error = new EnvError([{ variable: 'PORT', message: 'PORT is wrong' }]);
    expect([error instanceof AppError, error.name]).toEqual([true, 'EnvError']);
  });

  it('lists the variables concerned', () => {
    try {
      loadEnv({ PORT: '0', DEMO: '2' });
    } catch (error) {
      expect((error as EnvError).issues.map((issue) => issue.variable)).toEqual(['PORT', 'DEMO']);
      return;
    }
    throw new Error('loadEnv accepted a bad environment');
  });
});

describe('ENV_VARIABLES', () => {
  it('describes every variable loadEnv reads, and no other', () => {
    const read = new Set<string>();
    const recording = new Proxy<Record<string, string | undefined>>(
      {},
      {
        get(_target, name) {
          if (typeof name === 'string') read.add(name);
          return undefined;
        },
      },
    );
    loadEnv(recording);
    expect(ENV_VARIABLES.map((variable) => variable.name).sort()).toEqual([...read].sort());
  });

  it('gives every variable a meaning', () => {
    expect(ENV_VARIABLES.filter((variable) => variable.meaning.length < 10)).toEqual([]);
  });

  it('marks the two keys and the metrics token as secrets', () => {
    expect(ENV_VARIABLES.filter((variable) => variable.secret).map((variable) => variable.name)).toEqual([
      'INTAKE_ENCRYPTION_KEY',
      'RESEND_API_KEY',
      'METRICS_TOKEN',
    ]);
  });
});

describe('BUILD_ON_START', () => {
  it('builds at start unless told not to (the container image)', () => {
    expect([loadEnv({}).buildOnStart, loadEnv({ BUILD_ON_START: '0' }).buildOnStart]).toEqual([true, false]);
    expect(envErrorFor({ BUILD_ON_START: 'no' })).toMatch(/^BUILD_ON_START must be 1 or 0/);
  });
});

describe('the metrics listener', () => {
  const TOKEN = 'f'.repeat(64);

  it('is off unless METRICS_PORT is set, and on loopback by default', () => {
    expect([loadEnv({}).metricsPort, loadEnv({}).metricsHost]).toEqual([undefined, '127.0.0.1']);
    expect(loadEnv({ METRICS_PORT: '9464' })).toMatchObject({ metricsPort: 9464, metricsToken: undefined });
  });

  it('may leave loopback only behind a token', () => {
    expect(envErrorFor({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' })).toMatch(
      /^METRICS_TOKEN must be set when METRICS_HOST is not a loopback address/,
    );
    expect(loadEnv({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0', METRICS_TOKEN: TOKEN })).toMatchObject({
      metricsHost: '0.0.0.0',
      metricsToken: TOKEN,
    });
    for (const host of ['localhost', '::1', '127.0.0.2'])
      expect(loadEnv({ METRICS_PORT: '9464', METRICS_HOST: host }).metricsHost).toBe(host);
  });

  it('never shares the public port', () => {
    expect(envErrorFor({ PORT: '8080', METRICS_PORT: '8080' })).toMatch(/^METRICS_PORT must differ from PORT/);
  });

  it('refuses a short token, and never echoes it', () => {
    const message = envErrorFor({ METRICS_PORT: '9464', METRICS_TOKEN: 'short-secret-123' });
    expect(message).toMatch(/^METRICS_TOKEN must be 32 to 512 printable characters/);
    expect(message).not.toContain('short-secret-123');
    expect(envErrorFor({ METRICS_PORT: '99999' })).toMatch(/^METRICS_PORT must be a whole number from 1 to 65535/);
  });
});
