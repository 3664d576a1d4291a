import type { Lang } from '#src/i18n/index.ts';
import { localeOf } from '#src/i18n/index.ts';

/** The portal's time zone: every date a person sees, "open now", working days and digests use it. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Where "now" comes from. Code takes a Clock instead of calling `new Date()`, so tests can fix time. */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant (tests, builds that must be reproducible). */
export function fixedClock(instant: Date | string): Clock {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) throw new RangeError(`fixedClock: not a date: ${String(instant)}`);
  return { now: () => new Date(at) };
}

/** Formats a date (day, month, year) for a reader, in Vietnam's time zone. */
export function formatDate(date: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(localeOf(lang), {
    timeZone: TIME_ZONE,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}

/** Formats a date and time (to the minute) for a reader, in Vietnam's time zone. */
export function formatDateTime(date: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(localeOf(lang), {
    timeZone: TIME_ZONE,
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** The calendar date (YYYY-MM-DD) of an instant in Vietnam, e.g. for `reviewedOn` comparisons and daily digests. */
export function localDateString(date: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}

/** The weekday (0 = Sunday … 6 = Saturday) and minutes since midnight of an instant in Vietnam, for opening hours. */
export function localWeekdayAndMinutes(date: Date): { weekday: number; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { weekday, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}
