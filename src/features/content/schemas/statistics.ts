import { z } from 'astro/zod';
import { checkCitedInEntry, checkEntry, entryFields } from './entry.ts';
import { calendarDate, sourceId, text, type ContentSchemaContext } from './fields.ts';

/**
 * Where a figure was counted. Provinces were merged in 2025, so the place is kept as the source named it, with the
 * code of the province or city that holds it now (GSO code, `shared/data/vn-admin-2025/provinces.json`).
 */
const placeSchema = z.object({
  /** The unit as the source named it then, e.g. "Tỉnh Đồng Nai". */
  asNamed: text('place.asNamed'),
  /** The two-digit code of the province or city that holds the area now, e.g. "75". */
  provinceCode: z
    .string({ error: 'Required: place.provinceCode, two digits.' })
    .regex(/^\d{2}$/, { error: 'Write place.provinceCode as two digits, e.g. "75".' }),
  /** The current name of that province or city, for readers, e.g. "Thành phố Đồng Nai". */
  nowNamed: text('place.nowNamed'),
});

/** One published figure. */
function figureSchema(context: ContentSchemaContext) {
  return z.object({
    /** What was counted, in plain person-first words. */
    label: text('a figure label'),
    /** The number as published (a percentage as 40.5, not 0.405). */
    value: z.number({ error: 'Write value as a number, e.g. 3379 or 40.5.' }),
    /** The unit shown after the number, e.g. "người", "%". */
    unit: text('a figure unit'),
    /** The day the figure refers to ("as of"), written YYYY-MM-DD. */
    date: calendarDate('Required: date, the day the figure refers to, written YYYY-MM-DD.'),
    /** The place counted. */
    place: placeSchema,
    /** The source id; it must also be in the entry's `sources`. */
    source: sourceId(context),
  });
}

/** A set of published figures from one report (`content/statistics/{vi,en}/*.md`), shown as a table on `/so-lieu`. */
export function statisticsSchema(context: ContentSchemaContext) {
  return z
    .object({
      ...entryFields(context),
      /** The figures, in the order the table shows them. */
      figures: z
        .array(figureSchema(context), { error: 'Required: figures, a list.' })
        .min(1, { error: 'List at least one figure.' }),
    })
    .superRefine((entry, ctx) => {
      checkEntry(entry, ctx);
      entry.figures.forEach((figure, index) =>
        checkCitedInEntry(entry, figure.source, ['figures', index, 'source'], ctx),
      );
    });
}
