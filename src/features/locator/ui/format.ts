/**
 * How the locator shows a point's facts: distances, hours, dates, costs, languages, ages and direction links. Pure
 * functions of a point and a language (and an instant for "today"), shared by the results list and the point page.
 */
import { localeOf, useTranslations, type Lang, type MessageKey } from '#src/i18n/index.ts';
import { costKinds, type CostKind } from '#src/features/lists/index.ts';
import type { Closure, DirectoryPoint, OpeningHours, PointService } from '#src/features/directory/types.ts';
import { formatDate } from '#src/lib/clock.ts';
import { isClosedOn, localMoment } from '#src/features/locator/opening-hours.ts';
import { LOCATOR_LANGUAGES } from '#src/features/locator/search-params.ts';

/** "2,3 km" / "2.3 km": one decimal, in the reader's number format. */
export function formatKm(km: number, lang: Lang): string {
  return new Intl.NumberFormat(localeOf(lang), {
    maximumFractionDigits: 1,
    minimumFractionDigits: km < 10 ? 1 : 0,
  }).format(km < 10 ? Math.round(km * 10) / 10 : Math.round(km));
}

/** Minutes since midnight as "7:30" (24-hour clock in both languages, as Vietnamese notices write it). */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  // 24:00 is the end of the day; writing it as 0:00 would read as midnight at the start.
  if (minutes === 24 * 60) return '24:00';
  return `${h}:${String(m).padStart(2, '0')}`;
}

/** "7:30–11:30, 13:30–17:00" for the entries of one weekday, in order; empty when closed all day. */
export function formatDayHours(hours: readonly OpeningHours[], weekday: number, date?: string): string {
  return hours
    .filter((entry) => entry.weekday === weekday && appliesOn(entry, date))
    .sort((a, b) => a.opens - b.opens)
    .map((entry) => `${formatMinutes(entry.opens)}–${formatMinutes(entry.closes)}`)
    .join(', ');
}

function appliesOn(entry: OpeningHours, date: string | undefined): boolean {
  if (date === undefined) return true;
  return (
    (entry.validFrom === undefined || entry.validFrom <= date) && (entry.validTo === undefined || date <= entry.validTo)
  );
}

/** What a person needs to know about today: hours, or "closed today" (a closure or no hours that day), or unknown. */
export function todayLine(point: Pick<DirectoryPoint, 'hours' | 'closures'>, now: Date, lang: Lang): string {
  const t = useTranslations(lang);
  if (point.hours.length === 0) return t('locator.result.hoursUnknown');
  const moment = localMoment(now);
  if (isClosedOn(point.closures, moment.date)) return t('locator.result.todayClosed');
  const hours = formatDayHours(point.hours, moment.weekday, moment.date);
  return hours === '' ? t('locator.result.todayClosed') : t('locator.result.today', { hours });
}

/** Monday first, as Vietnamese and British calendars start the week. */
export const WEEKDAY_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

/** The weekday's name in the reader's language ("Thứ Hai", "Monday"). */
export function weekdayName(weekday: number, lang: Lang): string {
  // 2024-01-07 was a Sunday: day 7 + weekday is that weekday, at noon UTC (the same date in Vietnam).
  const date = new Date(Date.UTC(2024, 0, 7 + weekday, 12));
  return new Intl.DateTimeFormat(localeOf(lang), { weekday: 'long', timeZone: 'UTC' }).format(date);
}

/** A YYYY-MM-DD date or an ISO instant as "23 tháng 11, 2026" / "23 November 2026". */
export function formatDay(value: string, lang: Lang): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00+07:00`) : new Date(value);
  return Number.isNaN(date.getTime()) ? value : formatDate(date, lang);
}

/** A directory text as a page of `lang` shows it. */
export interface LocalText {
  readonly text: string;
  /** `"vi"` when the text is Vietnamese on a page in another language (for its element's `lang`); else undefined. */
  readonly lang: 'vi' | undefined;
}

/**
 * A description from the directory in the page's language: its English version on English pages when the directory
 * has one, else the Vietnamese text, marked as Vietnamese so that screen readers read it as such.
 */
export function localText(
  item: { readonly description: string | null; readonly descriptionEn?: string },
  lang: Lang,
): LocalText {
  if (lang === 'vi') return { text: item.description ?? '', lang: undefined };
  if (item.descriptionEn !== undefined) return { text: item.descriptionEn, lang: undefined };
  return { text: item.description ?? '', lang: 'vi' };
}

/**
 * A closure's dates ("Từ 1 tháng 1 đến 3 tháng 1, 2027") and its reason ("Tết") in the page's language when the
 * directory gives it; a Vietnamese reason on an English page comes marked as Vietnamese, as `localText` does.
 */
export function formatClosure(closure: Closure, lang: Lang): { range: string; reason: LocalText | undefined } {
  const t = useTranslations(lang);
  const range =
    closure.startsOn === closure.endsOn
      ? formatDay(closure.startsOn, lang)
      : t('locator.point.closureRange', {
          from: formatDay(closure.startsOn, lang),
          to: formatDay(closure.endsOn, lang),
        });
  const reason = localText(closure, lang);
  return { range, reason: reason.text === '' ? undefined : reason };
}

/** The distinct cost kinds of some services, in the shared list's order, as labels. */
export function costLabels(services: readonly PointService[], lang: Lang): string[] {
  const kinds = new Set<CostKind>(services.flatMap((service) => service.costs));
  return costKinds.codes.filter((code) => kinds.has(code)).map((code) => costKinds.label(code, lang));
}

const LANGUAGE_KEYS: Readonly<Record<(typeof LOCATOR_LANGUAGES)[number], MessageKey>> = {
  vi: 'locator.language.vi',
  en: 'locator.language.en',
  zh: 'locator.language.zh',
  km: 'locator.language.km',
  hmn: 'locator.language.hmn',
  tyz: 'locator.language.tyz',
  nut: 'locator.language.nut',
  blt: 'locator.language.blt',
  rad: 'locator.language.rad',
  jra: 'locator.language.jra',
  sed: 'locator.language.sed',
  kpm: 'locator.language.kpm',
  cjm: 'locator.language.cjm',
};

/** A language code's name: ours for the filter's languages, the browser's Intl name for others, else the code. */
export function languageName(code: string, lang: Lang): string {
  const key = (LANGUAGE_KEYS as Record<string, MessageKey | undefined>)[code];
  if (key !== undefined) return useTranslations(lang)(key);
  try {
    return new Intl.DisplayNames([localeOf(lang)], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A service's languages; none listed means Vietnamese (as the locator's language filter reads it). */
export function serviceLanguages(service: PointService, lang: Lang): string[] {
  const codes = service.languages.length === 0 ? ['vi'] : service.languages;
  return codes.map((code) => languageName(code, lang));
}

/** A service's age range in words. */
export function ageRange(service: Pick<PointService, 'minAge' | 'maxAge'>, lang: Lang): string {
  const t = useTranslations(lang);
  const { minAge: min, maxAge: max } = service;
  if (min !== null && max !== null) return t('locator.point.ageRange', { min, max });
  if (min !== null) return t('locator.point.ageFrom', { min });
  if (max !== null) return t('locator.point.ageTo', { max });
  return t('locator.point.ageAny');
}

/** The phone number as a `tel:` URI: digits and a leading +, nothing else. */
export function telHref(number: string): string {
  const trimmed = number.trim();
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${trimmed.replace(/[^0-9]/g, '')}`;
}

/**
 * Direction links to the map apps people already have: a `geo:` URI (Android and most phone map apps) and Google
 * Maps' documented directions URL. Plain links: nothing is loaded from them until a person follows one.
 */
export function directionLinks(lat: number, lon: number): { geo: string; google: string } {
  const position = `${round6(lat)},${round6(lon)}`;
  return {
    geo: `geo:${position}?q=${position}`,
    google: `https://www.google.com/maps/dir/?api=1&destination=${position}`,
  };
}

function round6(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}
