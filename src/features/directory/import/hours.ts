/**
 * Weekly opening hours as people write them in a spreadsheet, and back:
 *
 *   T2-T6 07:30-11:30, 13:30-17:00; T7 07:30-11:30
 *   Mon-Fri 7:30-11:30, 13:30-17:00; Sat 7h30-11h30
 *   Thứ 2, Thứ 4 08:00-12:00; CN 08:00-11:00
 *   Hằng ngày 00:00-24:00        (also "24/7")
 *
 * Groups are separated by `;` or a line break; each group is days then one or more time ranges separated by `,`.
 * Days: T2…T7, CN, "Thứ 2"… "Thứ Bảy", "Chủ nhật", Mon…Sun (or Monday, Mo…), a range of them with `-`, several with
 * `,` or `/`, or "hằng ngày" / "daily". Times: 07:30, 7:30, 7h30, 7h; closing at 24:00 means midnight.
 */
import { toAscii } from '#src/features/admin-units/index.ts';
import type { Parsed } from './values.ts';

/** RFC 5545 day codes, Monday first (the order rows are stored and written in). */
export const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type DayCode = (typeof DAY_CODES)[number];

/** One weekly opening: on these days (canonical order), from `opens` to `closes` (minutes since local midnight). */
export interface WeeklyRange {
  readonly days: readonly DayCode[];
  readonly opens: number;
  readonly closes: number;
}

const VI_DAY_LABEL: Readonly<Record<DayCode, string>> = {
  MO: 'T2',
  TU: 'T3',
  WE: 'T4',
  TH: 'T5',
  FR: 'T6',
  SA: 'T7',
  SU: 'CN',
};

// Keys are folded: no accents, lower case, no spaces or dots ("Thứ 2" → "thu2", "Chủ nhật" → "chunhat").
const DAY_WORDS: ReadonlyMap<string, number> = new Map(
  (
    [
      [0, ['t2', 'thu2', 'thuhai', 'mo', 'mon', 'monday']],
      [1, ['t3', 'thu3', 'thuba', 'tu', 'tue', 'tues', 'tuesday']],
      [2, ['t4', 'thu4', 'thutu', 'we', 'wed', 'wednesday']],
      [3, ['t5', 'thu5', 'thunam', 'th', 'thu', 'thur', 'thurs', 'thursday']],
      [4, ['t6', 'thu6', 'thusau', 'fr', 'fri', 'friday']],
      [5, ['t7', 'thu7', 'thubay', 'sa', 'sat', 'saturday']],
      [6, ['cn', 'chunhat', 'su', 'sun', 'sunday']],
    ] as const
  ).flatMap(([index, words]) => words.map((word) => [word, index] as const)),
);

const EVERY_DAY = new Set(['hangngay', 'moingay', 'tatcacacngay', 'cacngay', 'daily', 'everyday']);

const foldDay = (text: string): string => toAscii(text).toLowerCase().replace(/[\s.]/g, '');

// A time starts with digits not glued to a letter ("T2" is a day, "7h30" and "07:30" are times).
const TIME_START = /(?<![\p{L}\d])\d{1,2}[:h]/u;

/** Reason codes of {@link parseHours}, turned into sentences by the messages module. */
export type HoursProblem =
  | 'hours-no-days'
  | 'hours-bad-day'
  | 'hours-day-order'
  | 'hours-no-times'
  | 'hours-bad-time'
  | 'hours-closes-before-opens'
  | 'hours-overlap';

/** Parses a whole hours cell. An empty cell is no hours (unknown), not an error. */
export function parseHours(raw: string): Parsed<WeeklyRange[]> & { detail?: string } {
  const text = raw
    .normalize('NFC')
    .replace(/[\u2010-\u2015]/g, '-')
    .trim();
  if (text === '') return { ok: true, value: [] };
  const ranges: WeeklyRange[] = [];
  for (const rawGroup of text.split(/[;\n\r]+/)) {
    const group = rawGroup.trim();
    if (group === '') continue;
    if (/^24\s*\/\s*7$/.test(group)) {
      ranges.push({ days: DAY_CODES, opens: 0, closes: 24 * 60 });
      continue;
    }
    const start = TIME_START.exec(group);
    if (!start) return problem('hours-no-times', group);
    const days = parseDays(group.slice(0, start.index));
    if (!days.ok) return { ok: false, reason: days.reason, detail: group.slice(0, start.index).trim() || group };
    for (const piece of group.slice(start.index).split(/,|&|\s+và\s+|\s+and\s+/)) {
      if (piece.trim() === '') continue;
      const range = parseTimeRange(piece);
      if (!range.ok) return { ok: false, reason: range.reason, detail: piece.trim() };
      ranges.push({ days: days.value, ...range.value });
    }
  }
  const unique = dedupe(ranges);
  const overlap = findOverlap(unique);
  if (overlap !== undefined) return problem('hours-overlap', overlap);
  return { ok: true, value: unique };
}

function problem(reason: HoursProblem, detail: string): { ok: false; reason: string; detail: string } {
  return { ok: false, reason, detail };
}

function parseDays(raw: string): Parsed<DayCode[]> {
  const text = raw.trim().replace(/:$/, '').trim();
  if (text === '') return { ok: false, reason: 'hours-no-days' };
  if (EVERY_DAY.has(foldDay(text))) return { ok: true, value: [...DAY_CODES] };
  const chosen = new Set<number>();
  for (const item of text.split(/[,/&]|\s+và\s+|\s+and\s+/)) {
    if (item.trim() === '') continue;
    const ends = item.split('-').map((part) => part.trim());
    if (ends.length > 2) return { ok: false, reason: 'hours-bad-day' };
    const indexes = ends.map((end) => DAY_WORDS.get(foldDay(end)));
    if (indexes.some((index) => index === undefined)) return { ok: false, reason: 'hours-bad-day' };
    const from = indexes[0];
    const to = indexes[indexes.length - 1];
    if (from === undefined || to === undefined || to < from) return { ok: false, reason: 'hours-day-order' };
    for (let day = from; day <= to; day += 1) chosen.add(day);
  }
  if (chosen.size === 0) return { ok: false, reason: 'hours-no-days' };
  return { ok: true, value: DAY_CODES.filter((_, index) => chosen.has(index)) };
}

function parseTimeRange(raw: string): Parsed<{ opens: number; closes: number }> {
  const ends = raw.split(/-|\s+đến\s+|\s+to\s+/).map((part) => part.trim());
  if (ends.length !== 2) return { ok: false, reason: 'hours-bad-time' };
  const opens = parseTime(ends[0] ?? '');
  const closes = parseTime(ends[1] ?? '');
  if (opens === undefined || closes === undefined || opens === 24 * 60) return { ok: false, reason: 'hours-bad-time' };
  if (closes <= opens) return { ok: false, reason: 'hours-closes-before-opens' };
  return { ok: true, value: { opens, closes } };
}

/** Minutes since midnight of "07:30", "7:30", "7h30", "7h" or "07:30:00"; 24:00 allowed (as a closing time). */
export function parseTime(raw: string): number | undefined {
  const match = /^(\d{1,2})(?:[:h](\d{2})?(?::00)?)$/i.exec(raw.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = match[2] === undefined ? 0 : Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return undefined;
  return hours * 60 + minutes;
}

function dedupe(ranges: readonly WeeklyRange[]): WeeklyRange[] {
  const seen = new Map<string, WeeklyRange>();
  for (const range of ranges) seen.set(`${range.days.join(',')}|${range.opens}|${range.closes}`, range);
  return [...seen.values()];
}

function findOverlap(ranges: readonly WeeklyRange[]): string | undefined {
  for (const day of DAY_CODES) {
    const today = ranges.filter((range) => range.days.includes(day)).sort((a, b) => a.opens - b.opens);
    for (let index = 1; index < today.length; index += 1) {
      const previous = today[index - 1];
      const current = today[index];
      if (previous && current && current.opens < previous.closes) {
        return `${VI_DAY_LABEL[day]} ${formatTime(previous.opens)}-${formatTime(previous.closes)}, ${formatTime(current.opens)}-${formatTime(current.closes)}`;
      }
    }
  }
  return undefined;
}

/** "07:30" from minutes since midnight ("24:00" for midnight at the end of a day). */
export function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The database's `time` value ("07:30:00") of minutes since midnight. */
export function toDbTime(minutes: number): string {
  return `${formatTime(minutes)}:00`;
}

/** Minutes since midnight of a database `time` value ("07:30:00"); undefined if unreadable. */
export function fromDbTime(value: string): number | undefined {
  const match = /^(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/**
 * Writes hours in the template's Vietnamese form, grouping ranges that share the same days:
 * "T2-T6 07:30-11:30, 13:30-17:00; T7 07:30-11:30". {@link parseHours} reads it back to the same ranges.
 */
export function formatHours(ranges: readonly WeeklyRange[]): string {
  const groups = new Map<string, { days: readonly DayCode[]; times: { opens: number; closes: number }[] }>();
  for (const range of ranges) {
    const days = DAY_CODES.filter((day) => range.days.includes(day));
    const key = days.join(',');
    const group = groups.get(key) ?? { days, times: [] };
    group.times.push({ opens: range.opens, closes: range.closes });
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => firstDay(a.days) - firstDay(b.days) || a.days.length - b.days.length)
    .map((group) => {
      const times = [...group.times].sort((a, b) => a.opens - b.opens || a.closes - b.closes);
      return `${formatDays(group.days)} ${times.map((t) => `${formatTime(t.opens)}-${formatTime(t.closes)}`).join(', ')}`;
    })
    .join('; ');
}

const firstDay = (days: readonly DayCode[]): number => (days[0] === undefined ? 7 : DAY_CODES.indexOf(days[0]));

function formatDays(days: readonly DayCode[]): string {
  const indexes = days.map((day) => DAY_CODES.indexOf(day));
  const runs: string[] = [];
  let start = 0;
  while (start < indexes.length) {
    let end = start;
    while (end + 1 < indexes.length && indexes[end + 1] === (indexes[end] ?? 0) + 1) end += 1;
    const from = DAY_CODES[indexes[start] ?? 0] ?? 'MO';
    const to = DAY_CODES[indexes[end] ?? 0] ?? 'MO';
    runs.push(start === end ? VI_DAY_LABEL[from] : `${VI_DAY_LABEL[from]}-${VI_DAY_LABEL[to]}`);
    start = end + 1;
  }
  return runs.join(', ');
}

/** Canonical RFC 5545 `byday` of a set of days ("MO,TU,WE,TH,FR"). */
export function toByday(days: readonly DayCode[]): string {
  return DAY_CODES.filter((day) => days.includes(day)).join(',');
}

/** The days of a stored `byday` value, or undefined when it holds something else. */
export function fromByday(byday: string): DayCode[] | undefined {
  const parts = byday.split(',').map((part) => part.trim().toUpperCase());
  if (!parts.every((part): part is DayCode => (DAY_CODES as readonly string[]).includes(part))) return undefined;
  return DAY_CODES.filter((day) => parts.includes(day));
}
