import { describe, expect, it } from 'vitest';
import { fixedClock, localDateString, systemClock } from '#src/lib/clock.ts';
import {
  holidayListGaps,
  HOLIDAY_YEARS,
  isPublicHoliday,
  missingHolidayYears,
  PUBLIC_HOLIDAYS,
  publicHoliday,
} from '#src/lib/holidays.ts';

describe('public holidays', () => {
  it('cover the current year (and, from 1 December, the next): extend src/lib/holidays.ts when this fails', () => {
    // This runs on the real clock on purpose: it starts failing when the year turns (or a month before) without the
    // new year's days in the list.
    expect(missingHolidayYears(systemClock)).toEqual([]);
  });

  it('hold decided dates for the current year: a provisional list is tolerated only before the year begins', () => {
    // The month before, operators are told (the hotro_holiday_list_gap metric, the holidays.list_due log line); once
    // the year has begun, provisional dates fail the suite. Replace them with the government's decided dates.
    const thisYear = Number(localDateString(systemClock.now()).slice(0, 4));
    expect(holidayListGaps(systemClock).filter((gap) => gap.year <= thisYear)).toEqual([]);
  });

  // Issue 19, item 7: a test must fail 30 days before a year whose list is missing or provisional.
  it('name, 30 days before the year turns, a year that is missing or only provisional', () => {
    expect(holidayListGaps(fixedClock('2026-06-01T00:00:00+07:00'))).toEqual([]);
    // 1 December + 30 days is still this year; 2 December + 30 days is 1 January.
    expect(holidayListGaps(fixedClock('2026-12-01T12:00:00+07:00'))).toEqual([]);
    expect(holidayListGaps(fixedClock('2026-12-02T12:00:00+07:00'))).toEqual([{ year: 2027, problem: 'provisional' }]);
    expect(holidayListGaps(fixedClock('2027-03-01T12:00:00+07:00'))).toEqual([{ year: 2027, problem: 'provisional' }]);
    expect(holidayListGaps(fixedClock('2027-12-02T12:00:00+07:00'))).toEqual([
      { year: 2027, problem: 'provisional' },
      { year: 2028, problem: 'missing' },
    ]);
  });

  it('name the years that are missing, by the injected clock', () => {
    expect(missingHolidayYears(fixedClock('2026-06-01T00:00:00+07:00'))).toEqual([]);
    expect(missingHolidayYears(fixedClock('2027-12-01T00:00:00+07:00'))).toEqual([]);
    expect(missingHolidayYears(fixedClock('2027-12-02T12:00:00+07:00'))).toEqual([2028]);
    expect(missingHolidayYears(fixedClock('2028-03-01T00:00:00+07:00'))).toEqual([2028]);
    // 31 December 2027 at 20:00 UTC is already 1 January 2028 in Vietnam.
    expect(missingHolidayYears(fixedClock('2027-12-31T20:00:00Z'))).toEqual([2028]);
  });

  it('include Tết by the lunar calendar', () => {
    // Tết Bính Ngọ: mùng 1 = 17 February 2026, the five days 16–20 February; Tết Đinh Mùi: mùng 1 = 6 February 2027.
    for (const date of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2027-02-06']) {
      expect(publicHoliday(date)?.name.en).toBe('Lunar New Year (Tết)');
    }
    expect(isPublicHoliday('2026-02-23')).toBe(false);
  });

  it("include the Hùng Kings' day (10th day of the 3rd lunar month) and its day off in lieu", () => {
    expect(publicHoliday('2026-04-26')?.kind).toBe('statutory'); // a Sunday
    expect(publicHoliday('2026-04-27')?.kind).toBe('compensatory');
    expect(publicHoliday('2027-04-16')?.kind).toBe('statutory');
  });

  it('include the fixed-date holidays of each listed year', () => {
    for (const year of HOLIDAY_YEARS) {
      for (const monthDay of ['01-01', '04-30', '05-01', '09-02'])
        expect(isPublicHoliday(`${year}-${monthDay}`)).toBe(true);
    }
  });

  it('are dated, sorted and unique', () => {
    const dates = PUBLIC_HOLIDAYS.map((holiday) => holiday.date);
    expect(dates.every((date) => /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(date)))).toBe(true);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
  });
});
