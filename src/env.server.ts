import { isAbsolute, relative, resolve, sep } from 'node:path';
import { z } from 'astro/zod';
import { EnvError, type EnvIssue } from '#src/lib/errors.ts';
import type { LogLevel } from '#src/lib/log.ts';
import { findProjectRoot } from '#src/lib/project-root.server.ts';

/** Log levels, least to most severe (the logger's own levels). */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const satisfies readonly LogLevel[];

/** NODE_ENV values the portal accepts. */
export const NODE_ENVS = ['development', 'production', 'test'] as const;
/** A NODE_ENV value. */
export type NodeEnv = (typeof NODE_ENVS)[number];

/** The validated, frozen configuration read from the environment at boot. Paths are absolute. */
export interface Env {
  /** PostgreSQL connection string; unset means the embedded PGlite database in `dataDir`. */
  readonly databaseUrl: string | undefined;
  /** Absolute folder for the embedded database, the lock file and outgoing mail files. */
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  /** The public origin (scheme, host, port), without a trailing slash; unset means "not configured". */
  readonly siteUrl: string | undefined;
  /** Demo mode: load the generated demo directory. */
  readonly demo: boolean;
  readonly logLevel: LogLevel;
  readonly nodeEnv: NodeEnv;
  /** Absolute path of the generated encryption key file; never inside `dataDir`. */
  readonly keyFile: string;
  /** Base64 of a 32-byte AES-256 key; when set it is used instead of `keyFile`. */
  readonly intakeEncryptionKey: string | undefined;
  readonly resendApiKey: string | undefined;
  readonly resendBaseUrl: string | undefined;
  readonly redisUrl: string | undefined;
}

/** What the README and the tests show about one environment variable. */
export interface EnvVariableInfo {
  readonly name: string;
  /** The default as written by a person (paths before resolving), or undefined when unset means "off". */
  readonly default: string | undefined;
  readonly meaning: string;
  /** A secret is never echoed back in an error message. */
  readonly secret: boolean;
}

// How a value is shown in an error: secrets never, URLs without their password, everything on one line.
type Display = 'plain' | 'url' | 'secret';

interface VariableSpec extends EnvVariableInfo {
  readonly display: Display;
  readonly schema: z.ZodType;
}

const isUrl = (value: string, protocols: readonly string[], needsHost = true): boolean => {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return protocols.includes(url.protocol) && (!needsHost || url.hostname !== '');
};

const optionalText = z.string().optional();

const specs = [
  {
    name: 'DATABASE_URL',
    default: undefined,
    meaning:
      'PostgreSQL connection string (postgres:// or postgresql://). Unset: the embedded PGlite database in DATA_DIR, for trying, demos and very small single-machine installs; production uses PostgreSQL.',
    secret: false,
    display: 'url',
    // No host is allowed: `postgres:///db?host=/var/run/postgresql` reaches a local server through its socket.
    schema: optionalText.refine((v) => v === undefined || isUrl(v, ['postgres:', 'postgresql:'], false), {
      error: 'is not a valid postgres:// URL',
    }),
  },
  {
    name: 'DATA_DIR',
    default: './.data',
    meaning:
      'Folder for the embedded database, its lock file and outgoing mail files (when RESEND_API_KEY is unset). Relative paths are resolved against the project root.',
    secret: false,
    display: 'plain',
    schema: z.string().default('./.data'),
  },
  {
    name: 'PORT',
    default: '4321',
    meaning: 'TCP port the web server listens on (1–65535).',
    secret: false,
    display: 'plain',
    schema: z
      .string()
      .default('4321')
      .refine((v) => /^[0-9]{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= 65_535, {
        error: 'must be a whole number from 1 to 65535',
      })
      .transform(Number),
  },
  {
    name: 'HOST',
    default: 'localhost',
    meaning: 'Address the web server binds to (e.g. 0.0.0.0 behind a reverse proxy).',
    secret: false,
    display: 'plain',
    schema: z
      .string()
      .default('localhost')
      .refine((v) => /^\S+$/.test(v), { error: 'must be a host name or address without spaces' }),
  },
  {
    name: 'SITE_URL',
    default: undefined,
    meaning: 'The public origin, e.g. https://hotro.example.gov.vn, used for links in pages and e-mails.',
    secret: false,
    display: 'url',
    schema: optionalText
      .refine((v) => v === undefined || isUrl(v, ['http:', 'https:']), { error: 'is not a valid http(s):// URL' })
      .refine((v) => v === undefined || !URL.canParse(v) || isOriginOnly(new URL(v)), {
        error: 'must be an origin only, like https://hotro.example.gov.vn (no path, query or fragment)',
      })
      .transform((v) => (v === undefined ? undefined : new URL(v).origin)),
  },
  {
    name: 'DEMO',
    default: undefined,
    meaning: '1 loads the generated demo directory (marked as demo everywhere); 0 or unset does not.',
    secret: false,
    display: 'plain',
    schema: z
      .enum(['0', '1'], { error: 'must be 1 or 0' })
      .optional()
      .transform((v) => v === '1'),
  },
  {
    name: 'LOG_LEVEL',
    default: 'info',
    meaning: 'Least severe log level written: debug, info, warn or error.',
    secret: false,
    display: 'plain',
    schema: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  },
  {
    name: 'NODE_ENV',
    default: 'production',
    meaning: 'development, production or test; unset counts as production so defaults stay strict.',
    secret: false,
    display: 'plain',
    schema: z.enum(NODE_ENVS, { error: `must be one of ${NODE_ENVS.join(', ')}` }).default('production'),
  },
  {
    name: 'KEY_FILE',
    default: './.keys/intake.key',
    meaning:
      'File holding the encryption key generated on first start (mode 0600) when INTAKE_ENCRYPTION_KEY is unset. Must not be inside DATA_DIR, so a backup of DATA_DIR never carries the key.',
    secret: false,
    display: 'plain',
    schema: z.string().default('./.keys/intake.key'),
  },
  {
    name: 'INTAKE_ENCRYPTION_KEY',
    default: undefined,
    meaning:
      'Base64 of a 32-byte key encrypting requests, contacts and replies at rest; overrides KEY_FILE. To rotate, list the new key first and older ones after it, separated by commas: the first encrypts, all decrypt.',
    secret: true,
    display: 'secret',
    schema: optionalText.refine((v) => v === undefined || v.split(',').every((key) => isBase64Key32(key.trim())), {
      error: 'must be base64 of exactly 32 bytes (e.g. from `openssl rand -base64 32`), or several such keys separated by commas',
    }),
  },
  {
    name: 'RESEND_API_KEY',
    default: undefined,
    meaning:
      'Resend API key (re_…); set, mail is sent through Resend; unset, each message is written as an .eml file under DATA_DIR/mail/.',
    secret: true,
    display: 'secret',
    schema: optionalText.refine((v) => v === undefined || /^re_[A-Za-z0-9_-]+$/.test(v), {
      error: 'must look like a Resend API key (re_ followed by letters, digits, _ or -)',
    }),
  },
  {
    name: 'RESEND_BASE_URL',
    default: undefined,
    meaning: "Base URL of the Resend API; tests point it at a local fake. Unset: Resend's own.",
    secret: false,
    display: 'url',
    schema: optionalText.refine((v) => v === undefined || isUrl(v, ['http:', 'https:']), {
      error: 'is not a valid http(s):// URL',
    }),
  },
  {
    name: 'REDIS_URL',
    default: undefined,
    meaning: 'Redis connection string (redis:// or rediss://) for rate limits shared by several app instances.',
    secret: false,
    display: 'url',
    schema: optionalText.refine((v) => v === undefined || isUrl(v, ['redis:', 'rediss:']), {
      error: 'is not a valid redis:// or rediss:// URL',
    }),
  },
] as const satisfies readonly VariableSpec[];

/** Every environment variable the portal reads, with its default and meaning, in the order the README lists them. */
export const ENV_VARIABLES: readonly EnvVariableInfo[] = Object.freeze(
  specs.map(({ name, default: fallback, meaning, secret }) =>
    Object.freeze({ name, default: fallback, meaning, secret }),
  ),
);

type VariableName = (typeof specs)[number]['name'];

/**
 * Reads and validates the environment. Returns a frozen `Env`, or throws an `EnvError` whose message is one line
 * naming each wrongly set variable and what is wrong with it. Empty values count as unset (as `VAR=` in a .env file
 * or compose file means). Relative DATA_DIR and KEY_FILE are resolved against the project root, not the working
 * directory.
 */
export function loadEnv(source: Readonly<Record<string, string | undefined>> = process.env): Env {
  const issues: EnvIssue[] = [];
  const parsed = new Map<VariableName, unknown>();
  for (const spec of specs) {
    const raw = source[spec.name];
    const value = raw === undefined || raw.trim() === '' ? undefined : raw.trim();
    const result = spec.schema.safeParse(value);
    if (result.success) {
      parsed.set(spec.name, result.data);
    } else {
      const problem = result.error.issues[0]?.message ?? 'is not valid';
      issues.push({
        variable: spec.name,
        message: `${spec.name} ${problem} (got ${shown(value ?? '', spec.display)})`,
      });
    }
  }
  if (issues.length > 0) throw new EnvError(issues);

  const get = <T>(name: VariableName): T => parsed.get(name) as T;
  const root = findProjectRoot(import.meta.url);
  const dataDir = resolve(root, get<string>('DATA_DIR'));
  const keyFile = resolve(root, get<string>('KEY_FILE'));
  if (isInside(keyFile, dataDir)) {
    throw new EnvError([
      {
        variable: 'KEY_FILE',
        message: `KEY_FILE must not be inside DATA_DIR, so that a backup of DATA_DIR never carries the key (got "${keyFile}" inside "${dataDir}")`,
      },
    ]);
  }

  const demo = get<boolean>('DEMO');
  const resendApiKey = get<string | undefined>('RESEND_API_KEY');
  const resendBaseUrl = get<string | undefined>('RESEND_BASE_URL');
  // DESIGN: demo points carry made-up @example.invalid addresses; real mail to them would only bounce. A local fake
  // Resend (RESEND_BASE_URL pointing elsewhere than resend.com) stays allowed for tests.
  if (demo && resendApiKey !== undefined && !isFakeResend(resendBaseUrl)) {
    throw new EnvError([
      {
        variable: 'DEMO',
        message:
          'DEMO=1 cannot be used with a real RESEND_API_KEY: demo points have made-up addresses (unset RESEND_API_KEY to write mail to DATA_DIR/mail/ instead)',
      },
    ]);
  }

  return Object.freeze({
    databaseUrl: get<string | undefined>('DATABASE_URL'),
    dataDir,
    port: get<number>('PORT'),
    host: get<string>('HOST'),
    siteUrl: get<string | undefined>('SITE_URL'),
    demo,
    logLevel: get<LogLevel>('LOG_LEVEL'),
    nodeEnv: get<NodeEnv>('NODE_ENV'),
    keyFile,
    intakeEncryptionKey: get<string | undefined>('INTAKE_ENCRYPTION_KEY'),
    resendApiKey,
    resendBaseUrl,
    redisUrl: get<string | undefined>('REDIS_URL'),
  });
}

function isFakeResend(baseUrl: string | undefined): boolean {
  if (baseUrl === undefined) return false;
  const host = new URL(baseUrl).hostname;
  return host !== 'resend.com' && !host.endsWith('.resend.com');
}

function isOriginOnly(url: URL): boolean {
  return url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
}

function isBase64Key32(value: string): boolean {
  // Standard or URL-safe alphabet, padding optional; Buffer.from ignores junk silently, so check the alphabet first.
  return /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32;
}

/** True when `path` is `dir` itself or anywhere below it (compared as resolved paths). */
function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function shown(value: string, display: Display): string {
  if (value === '') return 'nothing';
  if (display === 'secret') return `a value of ${value.length} characters, not shown`;
  let text = value;
  if (display === 'url') {
    // Connection strings carry passwords; an error line ends up in logs, so mask the password part.
    text = text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@/\s]*@/i, '$1***@');
  }
  if (text.length > 80) text = `${text.slice(0, 77)}...`;
  // JSON quoting escapes newlines and control characters, keeping the message on one line.
  return JSON.stringify(text);
}
