/**
 * "Open now", in Vietnam's time (Asia/Ho_Chi_Minh), from weekly hours, closures and the public holiday list.
 * Pure: the caller passes the instant (from its injected clock).
 */
import type { Closure, OpeningHours } from '#src/features/directory/types.ts';
import { TIME_ZONE } from '#src/lib/clock.ts';
import { isPublicHoliday } from '#src/lib/holidays.ts';

/** An instant as local calendar facts, computed once and reused for every point of a search. */
export interface LocalMoment {
  /** Local date, YYYY-MM-DD. */
  readonly date: string;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  /** Minutes since local midnight. */
  readonly minutes: number;
  /** The local date is a public day off (src/lib/holidays.ts). */
  readonly holiday: boolean;
}

/**
 * The local facts of an instant. Computed once per search (not per point); the formatter is made once and the last
 * minute's answer is kept, as building an `Intl.DateTimeFormat` costs about 0.1 ms, more than a whole search.
 */
export function localMoment(date: Date): LocalMoment {
  const minute = Math.floor(date.getTime() / 60_000);
  if (lastMoment !== undefined && lastMoment.minute === minute) return lastMoment.moment;
  const parts = localFormatter().formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '';
  const local = `${get('year')}-${get('month')}-${get('day')}`;
  const moment: LocalMoment = {
    date: local,
    weekday: WEEKDAY_INDEX[get('weekday')] ?? Number.NaN,
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
    holiday: isPublicHoliday(local),
  };
  lastMoment = { minute, moment };
  return moment;
}

const WEEKDAY_INDEX: Readonly<Record<string, number>> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
let formatter: Intl.DateTimeFormat | undefined;
let lastMoment: { minute: number; moment: LocalMoment } | undefined;

// The same fields as `localDateString` and `localWeekdayAndMinutes` in src/lib/clock.ts, in one formatter.
function localFormatter(): Intl.DateTimeFormat {
  formatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return formatter;
}

/**
 * Whether a place with these weekly hours and closures is open at `date`.
 *
 * - No hours at all means we do not know, and "open now" is never claimed on a guess.
 * - A closure covering the local date closes it all day.
 * - On a public holiday, a place whose hours cover all seven days of the week (a residential rehab facility, a
 *   methadone clinic dispensing every day, a 24/7 line) keeps its hours: such services do not stop for holidays.
 *   A place open on fewer days (a commune health station, an office-hours point) is taken as closed, as public bodies
 *   are. The schema has no "open on holidays" flag; this rule stands in for it.
 * - Otherwise it is open when an entry for the weekday covers the minute (opening inclusive, closing exclusive), and
 *   the entry's seasonal bounds (validFrom/validTo) include the date.
 */
export function isOpenAt(hours: readonly OpeningHours[], closures: readonly Closure[], date: Date): boolean {
  return isOpenAtMoment(hours, closures, localMoment(date));
}

/** {@link isOpenAt} for an instant already turned into local facts (the hot path of a search). */
export function isOpenAtMoment(
  hours: readonly OpeningHours[],
  closures: readonly Closure[],
  moment: LocalMoment,
): boolean {
  if (hours.length === 0) return false;
  if (isClosedOn(closures, moment.date)) return false;
  if (moment.holiday && !isOpenEveryDay(hours, moment.date)) return false;
  for (const entry of hours) {
    if (
      entry.weekday === moment.weekday &&
      entry.opens <= moment.minutes &&
      moment.minutes < entry.closes &&
      appliesOn(entry, moment.date)
    ) {
      return true;
    }
  }
  return false;
}

/** True when one of the closures covers the local date (YYYY-MM-DD; both ends inclusive). */
export function isClosedOn(closures: readonly Closure[], date: string): boolean {
  for (const closure of closures) {
    if (closure.startsOn <= date && date <= closure.endsOn) return true;
  }
  return false;
}

/** True when the hours in force on `date` open on every day of the week (the holiday rule above). */
export function isOpenEveryDay(hours: readonly OpeningHours[], date: string): boolean {
  let days = 0;
  for (const entry of hours) {
    if (appliesOn(entry, date)) days |= 1 << entry.weekday;
  }
  return days === 0b111_1111;
}

function appliesOn(entry: OpeningHours, date: string): boolean {
  return (
    (entry.validFrom === undefined || entry.validFrom <= date) && (entry.validTo === undefined || date <= entry.validTo)
  );
}
