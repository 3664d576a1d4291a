/**
 * The log is one JSON object per line with `time`, `level` and a stable `event` name first, so a collector reads it
 * without a parser of ours; what a field holds can never break a line or hide the event.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLogLine } from '#src/lib/log.ts';
import { repoRoot } from '../../setup/portal-process.ts';

describe('a log line', () => {
  it('is one JSON object: time, level, event, then the fields as their own types', () => {
    const line = formatLogLine(
      'info',
      'outbox.sent',
      { id: 'c0ffee', attempts: 2, ok: true, none: null, skipped: undefined },
      new Date('2026-12-06T01:02:03.004Z'),
    );
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      time: '2026-12-06T01:02:03.004Z',
      level: 'info',
      event: 'outbox.sent',
      id: 'c0ffee',
      attempts: 2,
      ok: true,
      none: null,
    });
    expect(Object.keys(JSON.parse(line) as object).slice(0, 3)).toEqual(['time', 'level', 'event']);
  });

  it('stays one line whatever a field holds, and a field cannot replace the event', () => {
    const line = formatLogLine('warn', 'db.idle_connection_error', {
      problem: 'first line\nsecond line\r\u0000\u2028',
      event: 'forged.event',
      level: 'debug',
      ms: Number.NaN,
    });
    expect(line.split('\n')).toHaveLength(2);
    expect(JSON.parse(line)).toMatchObject({
      level: 'warn',
      event: 'db.idle_connection_error',
      field_event: 'forged.event',
      field_level: 'debug',
      problem: 'first line\nsecond line\r\u0000\u2028',
      ms: null,
    });
  });
});

describe('event names', () => {
  it('are written out where they are logged, as dotted names, so dashboards and alerts can rely on them', () => {
    const files = ['src', 'scripts'].flatMap((folder) =>
      readdirSync(join(repoRoot, folder), { recursive: true, encoding: 'utf8' })
        .filter((file) => /\.(ts|astro)$/.test(file))
        .map((file) => join(repoRoot, folder, file)),
    );
    const calls: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\blog\.(?:debug|info|warn|error)\(\s*([^,)]*)/g)) calls.push(match[1] ?? '');
    }
    expect(calls.length).toBeGreaterThan(30);
    expect(calls.filter((name) => !/^'[a-z][a-z_-]*(?:\.[a-z][a-z_-]*)+'$/.test(name))).toEqual([]);
  });
});
