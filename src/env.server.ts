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
  /** Absolute folder `npm run backup` writes to and rotates; never holds the key file. */
  readonly backupDir: string;
  /** Absolute path of the generated encryption key file; never inside `dataDir` nor `backupDir`. */
  readonly keyFile: string;
  /** Base64 of a 32-byte AES-256 key; when set it is used instead of `keyFile`. */
  readonly intakeEncryptionKey: string | undefined;
  readonly resendApiKey: string | undefined;
  readonly resendBaseUrl: string | undefined;
  /** Sender of every e-mail, `Name <address>` or a bare address. */
  readonly mailFrom: string;
  /** Send attempts before an outbox row becomes a dead letter. */
  readonly outboxMaxAttempts: number;
  /** Shortest and longest wait before an outbox retry (exponential backoff with jitter between them), ms. */
  readonly outboxRetryBaseMs: number;
  readonly outboxRetryMaxMs: number;
  /** How long a worker's claim on outbox rows lasts before another worker may take them, ms. */
  readonly outboxLeaseMs: number;
  /** How often an idle outbox worker looks for due rows, ms. */
  readonly outboxPollMs: number;
  /** Run the mail worker inside the server: undefined means "on with PGlite, off with PostgreSQL". */
  readonly outboxInProcess: boolean | undefined;
  /** Days after a case closes (or is withdrawn) before its encrypted content is purged. */
  readonly retentionDaysAfterClose: number;
  /** Days after creation before a case's encrypted content is purged, closed or not. */
  readonly retentionMaxAgeDays: number;
  /** Working days a new request may wait for acknowledgement before it is flagged and put in the daily digest. */
  readonly escalationWorkingDays: number;
  readonly redisUrl: string | undefined;
  readonly redisPrefix: string;
  /** Reverse proxies in front of the app whose X-Forwarded-For entries are trusted (0: use the socket address). */
  readonly trustProxy: number;
  /** Where security problems are reported (`mailto:`, `https:` or `tel:` URIs): the `Contact` lines of security.txt. */
  readonly securityContacts: readonly string[];
  /** Who runs the site, for the "about and contact" page; undefined until OPERATOR_NAME is set. */
  readonly operator: Operator | undefined;
  /** Help lines the site offers, as configured (HELPLINES): never invented, never a police reporting line. */
  readonly helplines: readonly Helpline[];
  /** Highest secret counter of a proof-of-work challenge (attempts a browser needs, about ¾ of it on average). */
  readonly altchaComplexity: number;
  /** PBKDF2 iterations per proof-of-work attempt. */
  readonly altchaCost: number;
  /** The operator port serving Prometheus metrics; undefined means no metrics listener. */
  readonly metricsPort: number | undefined;
  /** Address the metrics listener binds to (loopback unless a token guards it). */
  readonly metricsHost: string;
  /** Bearer token every scrape must send; required when the metrics listener is not on loopback. */
  readonly metricsToken: string | undefined;
  /** Whether `npm start` builds the site when the build is missing or stale (never in the container image). */
  readonly buildOnStart: boolean;
}

/** What the README and the tests show about one environment variable. */
/** The body that runs the site, as configured at run time. */
export interface Operator {
  readonly name: string;
  readonly address: string | undefined;
  readonly contact: string | undefined;
  /**
   * Absolute path of the operator's emblem (OPERATOR_EMBLEM: a .png, .svg or .webp file), shown on the about page with
   * the name printed beside it; its content is checked and read once when the portal starts
   * (`features/site/operator-emblem.server.ts`). Undefined: no emblem, none is made up.
   */
  readonly emblemFile?: string;
}

/** One help line: its number as dialled and what it is, in the operator's words. */
export interface Helpline {
  readonly number: string;
  readonly label: string;
}

/**
 * C04's line (Cục Cảnh sát điều tra tội phạm về ma túy, 0769.04.04.04) is for reporting drug crime: offering it as
 * help would send a person asking for help to the police. Refused in HELPLINES however it is written.
 */
export const POLICE_REPORTING_DIGITS = '0769040404';

function parseHelplines(value: string): Helpline[] {
  return value
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const [number = '', ...label] = entry.split('|');
      return { number: number.trim(), label: label.join('|').trim() };
    });
}

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

/** A whole number from `min` to `max`, with a default (all given as written in the environment). */
const wholeNumber = (fallback: string, min: number, max: number) =>
  z
    .string()
    .default(fallback)
    .refine((v) => /^[0-9]{1,10}$/.test(v) && Number(v) >= min && Number(v) <= max, {
      error: `must be a whole number from ${min} to ${max}`,
    })
    .transform(Number);

const DEFAULT_MAIL_FROM = 'Hỗ trợ cai nghiện <no-reply@example.invalid>';
const HOUR_MS = 3_600_000;

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
    meaning:
      'The public origin, e.g. https://hotro.example.gov.vn: every absolute address in pages, the sitemap, feeds, share cards, posters and e-mails, and the origin forms are accepted from. Read when the portal starts (the build does not need it). Required in production (NODE_ENV=production, or DATABASE_URL or RESEND_API_KEY without DEMO=1); unset: the address each request came in on.',
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
    name: 'SECURITY_CONTACT',
    default: undefined,
    meaning:
      'Where people report security problems, published in /.well-known/security.txt: an e-mail address or a mailto:, https: or tel: URI; several separated by commas, preferred first. Unset: security.txt answers 404.',
    secret: false,
    display: 'plain',
    schema: optionalText
      .refine((v) => v === undefined || v.split(',').every((item) => securityContact(item.trim()) !== undefined), {
        error: 'must be e-mail addresses or mailto:, https: or tel: URIs, separated by commas',
      })
      .transform((v) =>
        v === undefined ? [] : v.split(',').map((item) => securityContact(item.trim()) ?? item.trim()),
      ),
  },
  {
    name: 'OPERATOR_NAME',
    default: undefined,
    meaning:
      'The body that runs the site, shown on the "about and contact" page (/gioi-thieu, /en/about). Unset: the page says no operator is named yet.',
    secret: false,
    display: 'plain',
    schema: optionalText,
  },
  {
    name: 'OPERATOR_ADDRESS',
    default: undefined,
    meaning: "The operator's postal address, on the about page.",
    secret: false,
    display: 'plain',
    schema: optionalText,
  },
  {
    name: 'OPERATOR_CONTACT',
    default: undefined,
    meaning: 'How to reach the operator (an e-mail address or a phone number), on the about page.',
    secret: false,
    display: 'plain',
    schema: optionalText,
  },
  {
    name: 'OPERATOR_EMBLEM',
    default: undefined,
    meaning:
      "An image file of the operator's emblem or logo, shown on the about page beside OPERATOR_NAME (required with it): PNG, SVG or WebP, at most 200 KB, read when the portal starts; a missing, larger or other file stops the start. Relative paths are resolved against the project root. Unset: no emblem is shown.",
    secret: false,
    display: 'plain',
    schema: optionalText.refine((v) => v === undefined || /\.(?:png|svg|webp)$/i.test(v), {
      error: 'must name a .png, .svg or .webp file',
    }),
  },
  {
    name: 'HELPLINES',
    default: undefined,
    meaning:
      'Help lines the site offers, as "number|what it is" separated by semicolons, e.g. "111|Tổng đài quốc gia bảo vệ trẻ em". Only lines the operator has checked; the police reporting line 0769.04.04.04 is refused.',
    secret: false,
    display: 'plain',
    schema: optionalText
      .refine(
        (v) =>
          v === undefined ||
          parseHelplines(v).every((line) => /^\+?[\d .()-]{3,20}$/.test(line.number) && line.label !== ''),
        {
          error: 'must be "number|what it is" entries separated by semicolons',
        },
      )
      .refine(
        (v) =>
          v === undefined ||
          parseHelplines(v).every((line) => line.number.replace(/\D/g, '') !== POLICE_REPORTING_DIGITS),
        {
          error: 'must not offer 0769.04.04.04: it is the police line for reporting drug crime, not help',
        },
      )
      .transform((v) => (v === undefined ? [] : parseHelplines(v))),
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
    name: 'BACKUP_DIR',
    default: './backups',
    meaning:
      'Folder `npm run backup` writes to; backups older than the shorter retention period are deleted from it, the newest one always kept (docs/backups.md). Relative paths are resolved against the project root.',
    secret: false,
    display: 'plain',
    schema: z.string().default('./backups'),
  },
  {
    name: 'KEY_FILE',
    default: './.keys/intake.key',
    meaning:
      'File holding the encryption key generated on first start (mode 0600) when INTAKE_ENCRYPTION_KEY is unset. Must not be inside DATA_DIR or BACKUP_DIR, so that no backup carries the key.',
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
      error:
        'must be base64 of exactly 32 bytes (e.g. from `openssl rand -base64 32`), or several such keys separated by commas',
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
    name: 'MAIL_FROM',
    default: DEFAULT_MAIL_FROM,
    meaning: 'Sender of every e-mail: "Name <address>" or a bare address (with Resend, on a verified domain).',
    secret: false,
    display: 'plain',
    schema: z
      .string()
      .default(DEFAULT_MAIL_FROM)
      .refine((v) => /^(?:[^<>@\r\n"]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/.test(v), {
        error: 'must be "Name <address@domain>" or "address@domain"',
      }),
  },
  {
    name: 'OUTBOX_MAX_ATTEMPTS',
    default: '8',
    meaning: 'Send attempts for one e-mail before it is kept as a dead letter the console shows.',
    secret: false,
    display: 'plain',
    schema: wholeNumber('8', 1, 100),
  },
  {
    name: 'OUTBOX_RETRY_BASE_MS',
    default: '30000',
    meaning: 'Shortest wait before sending a failed e-mail again, in ms; waits double per attempt, with jitter.',
    secret: false,
    display: 'plain',
    schema: wholeNumber('30000', 1, 24 * HOUR_MS),
  },
  {
    name: 'OUTBOX_RETRY_MAX_MS',
    default: String(6 * HOUR_MS),
    meaning: 'Longest wait before sending a failed e-mail again, in ms (default 6 hours).',
    secret: false,
    display: 'plain',
    schema: wholeNumber(String(6 * HOUR_MS), 1, 7 * 24 * HOUR_MS),
  },
  {
    name: 'OUTBOX_LEASE_MS',
    default: '60000',
    meaning:
      'How long a mail worker holds the e-mails it took before another worker may take them, in ms; longer than a send may take.',
    secret: false,
    display: 'plain',
    schema: wholeNumber('60000', 100, HOUR_MS),
  },
  {
    name: 'OUTBOX_POLL_MS',
    default: '2000',
    meaning: 'How often an idle mail worker looks for e-mails to send, in ms.',
    secret: false,
    display: 'plain',
    schema: wholeNumber('2000', 1, HOUR_MS),
  },
  {
    name: 'OUTBOX_IN_PROCESS',
    default: undefined,
    meaning:
      'Whether the server sends mail itself: 1 or 0. Unset: yes with the embedded database (one process), no with PostgreSQL (run `npm run worker`; 1 suits a single-machine PostgreSQL install).',
    secret: false,
    display: 'plain',
    schema: z
      .enum(['0', '1'], { error: 'must be 1 or 0' })
      .optional()
      .transform((v) => (v === undefined ? undefined : v === '1')),
  },
  {
    name: 'RETENTION_DAYS_AFTER_CLOSE',
    default: '90',
    meaning: 'Days after a request is closed or withdrawn before its message, contact details and replies are purged.',
    secret: false,
    display: 'plain',
    schema: wholeNumber('90', 1, 3650),
  },
  {
    name: 'RETENTION_MAX_AGE_DAYS',
    default: '365',
    meaning:
      'Days after a request was sent before its message, contact details and replies are purged, even if never closed.',
    secret: false,
    display: 'plain',
    schema: wholeNumber('365', 1, 3650),
  },
  {
    name: 'ESCALATION_WORKING_DAYS',
    default: '2',
    meaning:
      "Working days (Monday to Friday, public holidays excluded) a new request may wait for a point to acknowledge it before it is flagged as overdue and counted in the province administrators' daily digest.",
    secret: false,
    display: 'plain',
    schema: wholeNumber('2', 1, 30),
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
  {
    name: 'REDIS_PREFIX',
    default: 'hotro:aa:',
    meaning:
      'Prefix of every Redis key the portal writes (rate limits, used proofs, the daily address secret). All instances of one portal use the same prefix, so they count together; another portal or a test on the same Redis server needs a different one. Letters, digits and : _ . - only.',
    secret: false,
    display: 'plain',
    schema: z
      .string()
      .default('hotro:aa:')
      .refine((v) => /^[A-Za-z0-9:_.-]{1,64}$/.test(v), {
        error: 'must be 1 to 64 letters, digits or : _ . -',
      }),
  },
  {
    name: 'TRUST_PROXY',
    default: '0',
    meaning:
      'Number of reverse proxies in front of the portal whose X-Forwarded-For entries are trusted for rate limits (0: the connecting address; 1: one proxy such as nginx). Too high lets clients choose their own rate-limit bucket.',
    secret: false,
    display: 'plain',
    schema: wholeNumber('0', 0, 10),
  },
  {
    name: 'ALTCHA_COMPLEXITY',
    default: '2000',
    meaning:
      'Proof of work on forms: the highest secret counter a browser must find (it tries about ¾ of it on average). Higher costs robots and slow phones more.',
    secret: false,
    display: 'plain',
    schema: wholeNumber('2000', 1, 1_000_000),
  },
  {
    name: 'ALTCHA_COST',
    default: '1000',
    meaning:
      'Proof of work on forms: PBKDF2-SHA-256 iterations per attempt (default: about 1–3 s on a low-end phone with ALTCHA_COMPLEXITY 2000).',
    secret: false,
    display: 'plain',
    schema: wholeNumber('1000', 1, 100_000),
  },
  {
    name: 'METRICS_PORT',
    default: undefined,
    meaning:
      'Port of the operator listener serving Prometheus metrics at /metrics (e.g. 9464), apart from the public port, which answers /metrics with 404. Unset: no metrics listener.',
    secret: false,
    display: 'plain',
    schema: optionalText
      .refine((v) => v === undefined || (/^[0-9]{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= 65_535), {
        error: 'must be a whole number from 1 to 65535',
      })
      .transform((v) => (v === undefined ? undefined : Number(v))),
  },
  {
    name: 'METRICS_HOST',
    default: '127.0.0.1',
    meaning:
      'Address the metrics listener binds to. Loopback by default, for a Prometheus on the same machine; any other address (e.g. 0.0.0.0 in a container) requires METRICS_TOKEN.',
    secret: false,
    display: 'plain',
    schema: z
      .string()
      .default('127.0.0.1')
      .refine((v) => /^\S+$/.test(v), { error: 'must be a host name or address without spaces' }),
  },
  {
    name: 'METRICS_TOKEN',
    default: undefined,
    meaning:
      'Bearer token Prometheus must send (`authorization: { credentials: … }` in its scrape config) to read /metrics; at least 32 characters, e.g. from `openssl rand -hex 32`.',
    secret: true,
    display: 'secret',
    schema: optionalText.refine((v) => v === undefined || /^[\x21-\x7e]{32,512}$/.test(v), {
      error: 'must be 32 to 512 printable characters without spaces (e.g. from `openssl rand -hex 32`)',
    }),
  },
  {
    name: 'BUILD_ON_START',
    default: '1',
    meaning:
      '1: `npm start` builds the site first when the build is missing or older than the sources. 0: never; a missing build stops the start (the container image sets 0: its build is made with the image, and its application folder is read-only).',
    secret: false,
    display: 'plain',
    schema: z
      .enum(['0', '1'], { error: 'must be 1 or 0' })
      .default('1')
      .transform((v) => v === '1'),
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
  const backupDir = resolve(root, get<string>('BACKUP_DIR'));
  if (isInside(keyFile, dataDir)) {
    throw new EnvError([
      {
        variable: 'KEY_FILE',
        message: `KEY_FILE must not be inside DATA_DIR, so that a backup of DATA_DIR never carries the key (got "${keyFile}" inside "${dataDir}")`,
      },
    ]);
  }
  if (isInside(keyFile, backupDir)) {
    throw new EnvError([
      {
        variable: 'KEY_FILE',
        message: `KEY_FILE must not be inside BACKUP_DIR, so that backups never carry the key (got "${keyFile}" inside "${backupDir}")`,
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

  const outboxRetryBaseMs = get<number>('OUTBOX_RETRY_BASE_MS');
  const outboxRetryMaxMs = get<number>('OUTBOX_RETRY_MAX_MS');
  if (outboxRetryMaxMs < outboxRetryBaseMs) {
    throw new EnvError([
      {
        variable: 'OUTBOX_RETRY_MAX_MS',
        message: `OUTBOX_RETRY_MAX_MS must not be less than OUTBOX_RETRY_BASE_MS (got ${outboxRetryMaxMs} < ${outboxRetryBaseMs})`,
      },
    ]);
  }

  const operatorName = get<string | undefined>('OPERATOR_NAME');
  const emblem = get<string | undefined>('OPERATOR_EMBLEM');
  if (emblem !== undefined && operatorName === undefined) {
    throw new EnvError([
      {
        variable: 'OPERATOR_EMBLEM',
        message:
          'OPERATOR_EMBLEM needs OPERATOR_NAME, the name shown with the emblem: set OPERATOR_NAME, or unset OPERATOR_EMBLEM',
      },
    ]);
  }

  const port = get<number>('PORT');
  const metricsPort = get<number | undefined>('METRICS_PORT');
  const metricsHost = get<string>('METRICS_HOST');
  const metricsToken = get<string | undefined>('METRICS_TOKEN');
  if (metricsPort === port) {
    throw new EnvError([
      {
        variable: 'METRICS_PORT',
        message: `METRICS_PORT must differ from PORT: metrics are never served on the public port (got ${metricsPort} for both)`,
      },
    ]);
  }
  // Off loopback, anyone who reaches the address could read the metrics: a token must guard them.
  if (metricsPort !== undefined && !isLoopback(metricsHost) && metricsToken === undefined) {
    throw new EnvError([
      {
        variable: 'METRICS_TOKEN',
        message: `METRICS_TOKEN must be set when METRICS_HOST is not a loopback address (got METRICS_HOST ${JSON.stringify(metricsHost)}); or keep METRICS_HOST at 127.0.0.1`,
      },
    ]);
  }

  return Object.freeze({
    databaseUrl: get<string | undefined>('DATABASE_URL'),
    dataDir,
    port,
    host: get<string>('HOST'),
    siteUrl: get<string | undefined>('SITE_URL'),
    demo,
    logLevel: get<LogLevel>('LOG_LEVEL'),
    nodeEnv: get<NodeEnv>('NODE_ENV'),
    backupDir,
    keyFile,
    intakeEncryptionKey: get<string | undefined>('INTAKE_ENCRYPTION_KEY'),
    resendApiKey,
    resendBaseUrl,
    redisUrl: get<string | undefined>('REDIS_URL'),
    redisPrefix: get<string>('REDIS_PREFIX'),
    trustProxy: get<number>('TRUST_PROXY'),
    escalationWorkingDays: get<number>('ESCALATION_WORKING_DAYS'),
    securityContacts: get<readonly string[]>('SECURITY_CONTACT'),
    operator: operatorOf(
      operatorName,
      get<string | undefined>('OPERATOR_ADDRESS'),
      get<string | undefined>('OPERATOR_CONTACT'),
      emblem === undefined ? undefined : resolve(root, emblem),
    ),
    helplines: get<readonly Helpline[]>('HELPLINES'),
    altchaComplexity: get<number>('ALTCHA_COMPLEXITY'),
    altchaCost: get<number>('ALTCHA_COST'),
    mailFrom: get<string>('MAIL_FROM'),
    outboxMaxAttempts: get<number>('OUTBOX_MAX_ATTEMPTS'),
    outboxRetryBaseMs,
    outboxRetryMaxMs,
    outboxLeaseMs: get<number>('OUTBOX_LEASE_MS'),
    outboxPollMs: get<number>('OUTBOX_POLL_MS'),
    outboxInProcess: get<boolean | undefined>('OUTBOX_IN_PROCESS'),
    retentionDaysAfterClose: get<number>('RETENTION_DAYS_AFTER_CLOSE'),
    retentionMaxAgeDays: get<number>('RETENTION_MAX_AGE_DAYS'),
    metricsPort,
    metricsHost,
    metricsToken,
    buildOnStart: get<boolean>('BUILD_ON_START'),
  });
}

/** Loopback names and addresses: reachable from this machine only. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(?:\.[0-9]{1,3}){3}$/.test(host);
}

/**
 * True when the environment is a production one: NODE_ENV=production set explicitly (the systemd unit and the
 * container set it; unset NODE_ENV only makes defaults strict), or a real database or mail service configured outside
 * demo mode.
 */
export function isProduction(
  env: Pick<Env, 'databaseUrl' | 'resendApiKey' | 'demo'>,
  source: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  return (
    source['NODE_ENV'] === 'production' ||
    ((env.databaseUrl !== undefined || env.resendApiKey !== undefined) && !env.demo)
  );
}

/**
 * Stops a production start without SITE_URL: pages, feeds, posters and e-mails would otherwise name whatever address
 * a request came in on. A demo or a laptop may leave it unset (links then name the address the portal was reached at).
 */
export function requireSiteUrlInProduction(
  env: Env,
  source: Readonly<Record<string, string | undefined>> = process.env,
): void {
  if (env.siteUrl !== undefined || !isProduction(env, source)) return;
  throw new EnvError([
    {
      variable: 'SITE_URL',
      message:
        'SITE_URL must be set in production (NODE_ENV=production, or DATABASE_URL or RESEND_API_KEY without DEMO=1): the public address people reach the portal at, e.g. SITE_URL=https://hotro.example.gov.vn',
    },
  ]);
}

function isFakeResend(baseUrl: string | undefined): boolean {
  if (baseUrl === undefined) return false;
  const host = new URL(baseUrl).hostname;
  return host !== 'resend.com' && !host.endsWith('.resend.com');
}

/** A security contact as a URI (a bare e-mail address becomes `mailto:`), or undefined when it is not one. */
function securityContact(value: string): string | undefined {
  const email = /^[^\s<>@,]+@[^\s<>@,]+\.[^\s<>@,]+$/;
  if (email.test(value)) return `mailto:${value}`;
  if (value.startsWith('mailto:')) return email.test(value.slice('mailto:'.length)) ? value : undefined;
  if (value.startsWith('tel:')) return /^tel:\+?[0-9][0-9 ().-]{2,}$/.test(value) ? value : undefined;
  return isUrl(value, ['https:']) ? value : undefined;
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

function operatorOf(
  name: string | undefined,
  address: string | undefined,
  contact: string | undefined,
  emblemFile: string | undefined,
): Operator | undefined {
  if (name === undefined) return undefined;
  return emblemFile === undefined ? { name, address, contact } : { name, address, contact, emblemFile };
}
