/** Small formatting helpers of the administration views. */
import { formatDate } from '#src/lib/clock.ts';
import type { Lang } from '#src/i18n/index.ts';

/** A stored calendar date (YYYY-MM-DD, Vietnam) as a reader writes it, or undefined. */
export function formatDay(day: string | null, lang: Lang): string | undefined {
  if (day === null || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  return formatDate(new Date(`${day}T12:00:00+07:00`), lang);
}
