/**
 * The portal's logger: one JSON object per line, `{"time":…,"level":…,"event":…, …fields}`, so a log collector
 * (journald, Docker, Loki, Elasticsearch) reads every field without a parser of ours. `event` is a stable dotted name
 * (`server.listening`, `outbox.sent`): dashboards and alerts key on it, so a name is changed only on purpose. Callers
 * pass only operational facts (counts, durations, ids of our own rows). Never a client address, a user agent, a query
 * string, free text or contact details: tests scan the logs for them.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

let lowest: LogLevel = 'info';

/** Sets the lowest level written (from LOG_LEVEL at boot). */
export function setLogLevel(level: LogLevel): void {
  lowest = level;
}

/** A field's value: written as the JSON value it is (a string stays a string, a number a number). */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** The keys every line starts with; a field of the same name is written as `field_<name>` instead of replacing them. */
const RESERVED = new Set(['time', 'level', 'event']);

/** One log line (with its newline) for an event, as {@link log} writes it. */
export function formatLogLine(level: LogLevel, event: string, fields: LogFields = {}, now = new Date()): string {
  const record: Record<string, string | number | boolean | null> = { time: now.toISOString(), level, event };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    // JSON has no NaN or Infinity; null says "no number" without breaking the line for a parser.
    const written = typeof value === 'number' && !Number.isFinite(value) ? null : value;
    record[RESERVED.has(key) ? `field_${key}` : key] = written;
  }
  // JSON.stringify escapes newlines and control characters, so one event is always one line.
  return `${JSON.stringify(record)}\n`;
}

function write(level: LogLevel, event: string, fields?: LogFields): void {
  if (order[level] < order[lowest]) return;
  const line = formatLogLine(level, event, fields);
  if (order[level] >= order.warn) process.stderr.write(line);
  else process.stdout.write(line);
}

export const log = {
  debug: (event: string, fields?: LogFields) => write('debug', event, fields),
  info: (event: string, fields?: LogFields) => write('info', event, fields),
  warn: (event: string, fields?: LogFields) => write('warn', event, fields),
  error: (event: string, fields?: LogFields) => write('error', event, fields),
};
