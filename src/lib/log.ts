/**
 * The portal's logger: one line per event, `time level event key=value…`. Callers pass only operational facts
 * (counts, durations, ids of our own rows). Never a client address, a user agent, a query string, free text or contact
 * details: tests scan the logs for them.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// The level lives on globalThis: this module is loaded twice in the running app (by Node from src/ and bundled in
// dist/server), and the start script's setting must reach the routes' copy too.
const LEVEL_KEY = Symbol.for('hotro.logLevel');
const shared = globalThis as typeof globalThis & { [LEVEL_KEY]?: LogLevel };

/** Sets the lowest level written (from LOG_LEVEL at boot), for every copy of this module in the process. */
export function setLogLevel(level: LogLevel): void {
  shared[LEVEL_KEY] = level;
}

type Fields = Record<string, string | number | boolean | null | undefined>;

function write(level: LogLevel, event: string, fields?: Fields): void {
  if (order[level] < order[shared[LEVEL_KEY] ?? 'info']) return;
  const parts = [new Date().toISOString(), level, event];
  for (const [key, value] of Object.entries(fields ?? {})) {
    if (value !== undefined)
      parts.push(`${key}=${typeof value === 'string' && /\s/.test(value) ? JSON.stringify(value) : String(value)}`);
  }
  const line = `${parts.join(' ')}\n`;
  if (order[level] >= order.warn) process.stderr.write(line);
  else process.stdout.write(line);
}

export const log = {
  debug: (event: string, fields?: Fields) => write('debug', event, fields),
  info: (event: string, fields?: Fields) => write('info', event, fields),
  warn: (event: string, fields?: Fields) => write('warn', event, fields),
  error: (event: string, fields?: Fields) => write('error', event, fields),
};
