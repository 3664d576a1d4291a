import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OpeningHours } from '#src/features/directory/types.ts';
import { isOpenAt, isOpenEveryDay, localMoment } from '#src/features/locator/opening-hours.ts';
import { localDateString, localWeekdayAndMinutes } from '#src/lib/clock.ts';
import { ALWAYS, DAILY_CLINIC, OFFICE, OFFICE_AND_SATURDAY } from '../../fixtures/directory/fixture-points.ts';

// Instants written in Vietnam's time (UTC+7, no daylight saving).
const vn = (local: string) => new Date(`${local}+07:00`);
const noClosures = [] as const;

describe('isOpenAt', () => {
  it('is open during weekday office hours, from the opening minute to just before closing', () => {
    expect(isOpenAt(OFFICE, noClosures, vn('2026-03-17T07:30:00'))).toBe(true);
    expect(isOpenAt(OFFICE, noClosures, vn('2026-03-17T11:29:00'))).toBe(true);
    expect(isOpenAt(OFFICE, noClosures, vn('2026-03-17T11:30:00'))).toBe(false);
    expect(isOpenAt(OFFICE, noClosures, vn('2026-03-17T07:29:00'))).toBe(false);
  });

  it('is closed during the lunch break and after 17:00', () => {
    expect(isOpenAt(OFFICE, noClosures, vn('2026-03-17T12:00:00'))).toBe(false);
    expect(isOpenAt(OFFICE, noClosures, vn('2026-03-17T13:30:00'))).toBe(true);
    expect(isOpenAt(OFFICE, noClosures, vn('2026-03-17T17:00:00'))).toBe(false);
  });

  it('uses Vietnam time, not the server clock: 01:00 UTC on Monday is 08:00 in Hà Nội', () => {
    expect(isOpenAt(OFFICE, noClosures, new Date('2026-03-16T01:00:00Z'))).toBe(true);
    // 23:30 UTC on Sunday is already Monday 06:30 in Vietnam: not yet open, but a Monday.
    expect(localMoment(new Date('2026-03-15T23:30:00Z'))).toMatchObject({
      date: '2026-03-16',
      weekday: 1,
      minutes: 390,
    });
  });

  it('is closed on Sunday, and on Saturday unless Saturday hours are listed', () => {
    expect(isOpenAt(OFFICE, noClosures, vn('2026-03-15T09:00:00'))).toBe(false);
    expect(isOpenAt(OFFICE, noClosures, vn('2026-03-14T09:00:00'))).toBe(false);
    expect(isOpenAt(OFFICE_AND_SATURDAY, noClosures, vn('2026-03-14T09:00:00'))).toBe(true);
  });

  it('closes office-hours points on a public holiday that falls on a weekday', () => {
    // 17 February 2026 (Tuesday) is mùng 1 Tết; 27 April 2026 (Monday) is the day off for the Hùng Kings' day.
    expect(isOpenAt(OFFICE, noClosures, vn('2026-02-17T09:00:00'))).toBe(false);
    expect(isOpenAt(OFFICE, noClosures, vn('2026-04-27T09:00:00'))).toBe(false);
    expect(isOpenAt(OFFICE, noClosures, vn('2026-04-28T09:00:00'))).toBe(true);
  });

  it('keeps places open every day of the week open on public holidays', () => {
    expect(isOpenAt(ALWAYS, noClosures, vn('2026-02-17T03:00:00'))).toBe(true);
    expect(isOpenAt(DAILY_CLINIC, noClosures, vn('2026-09-02T08:00:00'))).toBe(true);
    expect(isOpenEveryDay(DAILY_CLINIC, '2026-09-02')).toBe(true);
    expect(isOpenEveryDay(OFFICE_AND_SATURDAY, '2026-09-02')).toBe(false);
  });

  it('is open round the clock with 00:00–24:00, up to 23:59', () => {
    expect(isOpenAt(ALWAYS, noClosures, vn('2026-03-15T00:00:00'))).toBe(true);
    expect(isOpenAt(ALWAYS, noClosures, vn('2026-03-15T23:59:00'))).toBe(true);
  });

  it('is closed on every day of a closure, both ends included', () => {
    const closures = [{ startsOn: '2026-03-10', endsOn: '2026-03-11', description: 'Tập huấn' }];
    expect(isOpenAt(OFFICE, closures, vn('2026-03-09T09:00:00'))).toBe(true);
    expect(isOpenAt(OFFICE, closures, vn('2026-03-10T09:00:00'))).toBe(false);
    expect(isOpenAt(OFFICE, closures, vn('2026-03-11T16:00:00'))).toBe(false);
    expect(isOpenAt(OFFICE, closures, vn('2026-03-12T09:00:00'))).toBe(true);
    // A closure closes even a round-the-clock place.
    expect(isOpenAt(ALWAYS, closures, vn('2026-03-10T02:00:00'))).toBe(false);
  });

  it('applies a seasonal timetable only between its dates', () => {
    const summer: OpeningHours[] = [
      { weekday: 6, opens: 480, closes: 720, validFrom: '2026-06-01', validTo: '2026-08-31' },
    ];
    expect(isOpenAt(summer, noClosures, vn('2026-07-04T09:00:00'))).toBe(true);
    expect(isOpenAt(summer, noClosures, vn('2026-09-05T09:00:00'))).toBe(false);
    expect(isOpenAt(summer, noClosures, vn('2026-05-30T09:00:00'))).toBe(false);
  });

  it('never claims "open" for a place with no known hours', () => {
    expect(isOpenAt([], noClosures, vn('2026-03-17T09:00:00'))).toBe(false);
  });
});

describe('localMoment', () => {
  it('agrees with the clock helpers for any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) => {
        const date = new Date(ms);
        const { weekday, minutes } = localWeekdayAndMinutes(date);
        expect(localMoment(date)).toMatchObject({ date: localDateString(date), weekday, minutes });
      }),
    );
  });
});
