import { localDateString, localWeekdayAndMinutes } from './clock.ts';
import { isPublicHoliday } from './holidays.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether a moment falls on a working day in Vietnam: Monday to Friday, and not a public holiday. */
export function isWorkingDay(at: Date): boolean {
  const { weekday } = localWeekdayAndMinutes(at);
  return weekday >= 1 && weekday <= 5 && !isPublicHoliday(localDateString(at));
}

/**
 * The moment `days` working days after `from`: each step moves 24 hours and counts only when it lands on a working
 * day, so a request sent on Friday afternoon with 2 working days is due on Tuesday afternoon, and Tết adds its days.
 */
export function addWorkingDays(from: Date, days: number): Date {
  let at = new Date(from);
  let counted = 0;
  while (counted < days) {
    at = new Date(at.getTime() + DAY_MS);
    if (isWorkingDay(at)) counted += 1;
  }
  return at;
}
