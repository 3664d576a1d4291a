import { localeOf, type Lang } from '#src/i18n/index.ts';

/** How long ago a case came, in words ("3 giờ trước", "2 days ago"), from minutes to days. */
export function caseAge(createdAt: Date, now: Date, lang: Lang): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - createdAt.getTime()) / 60_000));
  const format = new Intl.RelativeTimeFormat(localeOf(lang), { numeric: 'always' });
  if (minutes < 60) return format.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return format.format(-hours, 'hour');
  return format.format(-Math.floor(hours / 24), 'day');
}
