/**
 * Vietnam's public holidays (ngày nghỉ lễ, Tết) as explicit dates, for "open now" and working days.
 *
 * THE LIST MUST BE EXTENDED EVERY YEAR. Tết and the Hùng Kings' day follow the lunar calendar, and each year the
 * government decides which days around Tết and National Day are taken and which working days are swapped, so no rule
 * can compute them. `holidayListGaps()` names the years still missing or only provisional: from 30 days before a year
 * turns, operators see it (metric `hotro_holiday_list_gap`, log event `holidays.list_due`), and a unit test fails when
 * the year 30 days ahead is missing or the current year is missing or provisional: add the new year's dates from the
 * government's announcement (Bộ Nội vụ / Văn phòng Chính phủ, usually published in October–November).
 *
 * What is listed: the statutory holidays of the Labour Code 2019, art. 112 (even when they fall on a weekend), the
 * compensatory days off when one falls on a weekly rest day (art. 111(3)), and the working days the government swapped
 * into a holiday for the public sector. Commune health stations and most consultation points are public bodies, so their
 * days off are the civil service's. Not listed: the Saturdays worked in exchange for a swapped day (few points open
 * then), and weekends inside a long break (weekly hours already say whether a point opens on a Saturday).
 *
 * Not yet a holiday: the Vietnam Culture Day (24 November), which the Politburo chose as a paid day off; it needs an
 * amendment of the Labour Code (in preparation in 2026). Add it once enacted.
 */
import type { Lang } from '#src/i18n/index.ts';
import { type Clock, localDateString } from './clock.ts';

/** Why a date is a day off. */
export type HolidayKind = 'statutory' | 'compensatory' | 'swapped';

/** One day off, by its local date in Vietnam. */
export interface PublicHoliday {
  /** YYYY-MM-DD, local date (Asia/Ho_Chi_Minh). */
  readonly date: string;
  readonly kind: HolidayKind;
  readonly name: Readonly<Record<Lang, string>>;
}

const newYear = { vi: 'Tết Dương lịch', en: "New Year's Day" };
const tet = { vi: 'Tết Nguyên đán', en: 'Lunar New Year (Tết)' };
const hungKings = {
  vi: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
  en: "Hùng Kings' Commemoration (10th day of the 3rd lunar month)",
};
const reunification = { vi: 'Ngày Chiến thắng (30/4)', en: 'Reunification Day (30 April)' };
const labour = { vi: 'Ngày Quốc tế Lao động (1/5)', en: "International Workers' Day (1 May)" };
const nationalDay = { vi: 'Quốc khánh (2/9)', en: 'National Day (2 September)' };

const day = (date: string, kind: HolidayKind, name: Record<Lang, string>): PublicHoliday =>
  Object.freeze({ date, kind, name: Object.freeze(name) });

/**
 * The days off, by year. A year is listed only once all its days are known (or, for the year ahead, provisionally
 * from the Labour Code, as marked below).
 */
const HOLIDAYS_BY_YEAR: Readonly<Record<number, readonly PublicHoliday[]>> = {
  // 2026: as decided by the Prime Minister (Văn phòng Chính phủ, 13 October 2025 for Tết and National Day;
  // 25 December 2025 for New Year). Tết Bính Ngọ: mùng 1 = 17 February; Hùng Kings: 10/3 âm lịch = 26 April.
  2026: [
    day('2026-01-01', 'statutory', newYear),
    day('2026-01-02', 'swapped', newYear),
    day('2026-02-16', 'statutory', tet), // 29 tháng Chạp, the last day of the year Ất Tỵ
    day('2026-02-17', 'statutory', tet), // mùng 1 Tết
    day('2026-02-18', 'statutory', tet),
    day('2026-02-19', 'statutory', tet),
    day('2026-02-20', 'statutory', tet), // mùng 4
    day('2026-04-26', 'statutory', hungKings), // a Sunday
    day('2026-04-27', 'compensatory', hungKings),
    day('2026-04-30', 'statutory', reunification),
    day('2026-05-01', 'statutory', labour),
    day('2026-08-31', 'swapped', nationalDay), // worked on Saturday 22 August instead
    day('2026-09-01', 'statutory', nationalDay),
    day('2026-09-02', 'statutory', nationalDay),
  ],
  // 2027, PROVISIONAL: the Labour Code's days, before the government's decision on Tết and National Day; replace
  // with the decided dates once published. Tết Đinh Mùi: mùng 1 = 6 February (a Saturday); Hùng Kings: 16 April.
  2027: [
    day('2027-01-01', 'statutory', newYear),
    day('2027-02-05', 'statutory', tet), // 29 tháng Chạp, the last day of the year Bính Ngọ
    day('2027-02-06', 'statutory', tet), // mùng 1 Tết, a Saturday
    day('2027-02-07', 'statutory', tet), // a Sunday
    day('2027-02-08', 'statutory', tet),
    day('2027-02-09', 'statutory', tet), // mùng 4
    day('2027-02-10', 'compensatory', tet), // for Saturday 6 February
    day('2027-02-11', 'compensatory', tet), // for Sunday 7 February
    day('2027-04-16', 'statutory', hungKings),
    day('2027-04-30', 'statutory', reunification),
    day('2027-05-01', 'statutory', labour), // a Saturday
    day('2027-05-03', 'compensatory', labour),
    day('2027-09-02', 'statutory', nationalDay),
    day('2027-09-03', 'statutory', nationalDay), // the adjacent day; the government may choose 1 September instead
  ],
};

/** Every listed day off, oldest first. */
export const PUBLIC_HOLIDAYS: readonly PublicHoliday[] = Object.freeze(
  Object.values(HOLIDAYS_BY_YEAR)
    .flat()
    .sort((a, b) => (a.date < b.date ? -1 : 1)),
);

/** The years the list covers. */
export const HOLIDAY_YEARS: readonly number[] = Object.freeze(Object.keys(HOLIDAYS_BY_YEAR).map(Number));

const byDate = new Map(PUBLIC_HOLIDAYS.map((holiday) => [holiday.date, holiday]));

/** The day off on this local date (YYYY-MM-DD), if it is one. A year missing from the list has none. */
export function publicHoliday(localDate: string): PublicHoliday | undefined {
  return byDate.get(localDate);
}

/** True when this local date (YYYY-MM-DD) is a public day off. */
export function isPublicHoliday(localDate: string): boolean {
  return byDate.has(localDate);
}

/**
 * Years listed from the Labour Code alone, before the government's decision on Tết and National Day: their dates may
 * still move. Take a year off this list when its decided dates replace the provisional ones.
 */
export const PROVISIONAL_HOLIDAY_YEARS: readonly number[] = Object.freeze([2027]);

/** How long before a year turns its decided list is due. */
export const HOLIDAY_LIST_DUE_DAYS = 30;

/** A year the list should cover by now and does not, or covers only provisionally. */
export interface HolidayListGap {
  readonly year: number;
  readonly problem: 'missing' | 'provisional';
}

/**
 * What is wrong with the list by the clock's "now": the current year (in Vietnam) and the year 30 days ahead must be
 * listed with their decided dates, so the update is due a month before the year turns. Empty when all is well.
 */
export function holidayListGaps(clock: Clock): HolidayListGap[] {
  const now = clock.now();
  const yearOf = (date: Date) => Number(localDateString(date).slice(0, 4));
  const ahead = new Date(now.getTime() + HOLIDAY_LIST_DUE_DAYS * 24 * 60 * 60 * 1000);
  const years = [...new Set([yearOf(now), yearOf(ahead)])];
  return years.flatMap((year): HolidayListGap[] =>
    !HOLIDAY_YEARS.includes(year)
      ? [{ year, problem: 'missing' }]
      : PROVISIONAL_HOLIDAY_YEARS.includes(year)
        ? [{ year, problem: 'provisional' }]
        : [],
  );
}

/** The years the list should cover by the clock's "now" (the current one and the one 30 days ahead) but does not. */
export function missingHolidayYears(clock: Clock): number[] {
  return holidayListGaps(clock)
    .filter((gap) => gap.problem === 'missing')
    .map((gap) => gap.year);
}
