import { describe, expect, it } from 'vitest';
import { fixedClock, formatDate, localDateString, localWeekdayAndMinutes } from '#src/lib/clock.ts';

describe('clock', () => {
  it('shows dates in Vietnam time, where 20:00 UTC is already the next day', () => {
    const lateEvening = new Date('2026-06-30T20:00:00Z');
    expect(localDateString(lateEvening)).toBe('2026-07-01');
    expect(formatDate(lateEvening, 'en')).toBe('1 July 2026');
  });

  it('gives the weekday and minutes of the day in Vietnam', () => {
    // Monday 2026-11-23 01:30 UTC is Monday 08:30 in Hà Nội.
    expect(localWeekdayAndMinutes(new Date('2026-11-23T01:30:00Z'))).toEqual({ weekday: 1, minutes: 8 * 60 + 30 });
  });

  it('can be stopped at a fixed instant for tests', () => {
    const clock = fixedClock('2026-07-01T00:00:00+07:00');
    expect(clock.now().toISOString()).toBe('2026-06-30T17:00:00.000Z');
    expect(() => fixedClock('not a date')).toThrow(RangeError);
  });
});
