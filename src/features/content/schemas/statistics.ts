import { z } from 'astro/zod';
import { checkCitedInEntry, checkEntry, entryFields } from './entry.ts';
import { calendarDate, slug, sourceId, text, type ContentSchemaContext } from './fields.ts';

/** What area a figure covers: one province (as named then), the whole country, or a province the source does not name. */
export const placeScopes = ['province', 'country', 'unnamed-province'] as const;

/**
 * Where a figure was counted. Provinces were merged in 2025, so the place is kept as the source named it, with the
 * code of the province or city that holds it now (GSO code, `src/features/admin-units`). The content lint checks the
 * old name, the code and the current name against the admin data.
 */
const placeSchema = z
  .object({
    /** `province` (the default), `country`, or `unnamed-province` when the source does not say which province. */
    scope: z.enum(placeScopes, { error: `Write place.scope as one of: ${placeScopes.join(', ')}.` }).default('province'),
    /** The area as the source named it then, e.g. "Tỉnh Đồng Nai", "Cả nước", "Một tỉnh (nguồn không ghi tên)". */
    asNamed: text('place.asNamed'),
    /** For a province: the two-digit code of the province or city that holds the area now, e.g. "75". */
    provinceCode: z
      .string({ error: 'Write place.provinceCode as two digits, e.g. "75".' })
      .regex(/^\d{2}$/, { error: 'Write place.provinceCode as two digits, e.g. "75".' })
      .optional(),
    /** For a province: the current name of that province or city, for readers, e.g. "Thành phố Đồng Nai". */
    nowNamed: text('place.nowNamed').optional(),
  })
  .superRefine((place, ctx) => {
    const needsProvince = place.scope === 'province';
    for (const field of ['provinceCode', 'nowNamed'] as const) {
      if (needsProvince && place[field] === undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: `Required for a province: place.${field}.` });
      }
      if (!needsProvince && place[field] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `Leave out place.${field} when place.scope is ${place.scope}: there is no province to name.`,
        });
      }
    }
  });

/** How exact a published number is: as printed, or "about" / "more than" it. */
export const qualifiers = ['exact', 'about', 'more-than'] as const;

/** One published figure. */
function figureSchema(context: ContentSchemaContext) {
  return z.object({
    /** A short id charts refer to, e.g. `in-facilities`; needed only when a chart shows the figure. */
    key: slug('a figure key').optional(),
    /** What was counted, in plain person-first words. */
    label: text('a figure label'),
    /** The number as published (a percentage as 40.5, not 0.405). */
    value: z.number({ error: 'Write value as a number, e.g. 3379 or 40.5.' }),
    /** The unit shown after the number, e.g. "người", "%". */
    unit: text('a figure unit'),
    /** `about` or `more-than` when the source says "khoảng" / "hơn", "trên"; shown with the number. */
    qualifier: z.enum(qualifiers, { error: `Write qualifier as one of: ${qualifiers.join(', ')}.` }).default('exact'),
    /** The day the figure refers to ("as of"), written YYYY-MM-DD. */
    date: calendarDate('Required: date, the day the figure refers to, written YYYY-MM-DD.'),
    /** The place counted. */
    place: placeSchema,
    /** The source id; it must also be in the entry's `sources`. */
    source: sourceId(context),
  });
}

/** A bar chart of some of the entry's figures, drawn at build as SVG beside a table of the same figures. */
const chartSchema = z.object({
  /** The chart's title: its caption and its SVG `<title>`. */
  title: text('a chart title'),
  /** The `key`s of the figures it shows, in order; at least two, all in the same unit. */
  figures: z
    .array(slug('a figure key'), { error: 'Write chart figures as a list of figure keys.' })
    .min(2, { error: 'A chart compares at least two figures.' }),
});

/**
 * A set of published figures from one report (`content/statistics/{vi,en}/*.md`), shown on `/so-lieu` as charts, each
 * with its table, and a table of the figures no chart shows.
 */
export function statisticsSchema(context: ContentSchemaContext) {
  return z
    .object({
      ...entryFields(context),
      /** The figures, in the order the tables show them. */
      figures: z
        .array(figureSchema(context), { error: 'Required: figures, a list.' })
        .min(1, { error: 'List at least one figure.' }),
      /** Charts of some figures; optional. */
      charts: z.array(chartSchema, { error: 'Write charts as a list of { title, figures }.' }).default([]),
    })
    .superRefine((entry, ctx) => {
      checkEntry(entry, ctx);
      entry.figures.forEach((figure, index) =>
        checkCitedInEntry(entry, figure.source, ['figures', index, 'source'], ctx),
      );
      const byKey = new Map<string, (typeof entry.figures)[number]>();
      entry.figures.forEach((figure, index) => {
        if (figure.key === undefined) return;
        if (byKey.has(figure.key)) {
          ctx.addIssue({
            code: 'custom',
            path: ['figures', index, 'key'],
            message: `Figure key "${figure.key}" is used twice in this entry.`,
          });
        }
        byKey.set(figure.key, figure);
      });
      entry.charts.forEach((chart, chartIndex) => {
        const units = new Set<string>();
        chart.figures.forEach((key, keyIndex) => {
          const figure = byKey.get(key);
          if (figure) units.add(figure.unit);
          else {
            ctx.addIssue({
              code: 'custom',
              path: ['charts', chartIndex, 'figures', keyIndex],
              message: `No figure has key "${key}": add key: ${key} to the figure this chart should show.`,
            });
          }
        });
        // Bars in different units (people, %, times) on one scale would mislead.
        if (units.size > 1) {
          ctx.addIssue({
            code: 'custom',
            path: ['charts', chartIndex, 'figures'],
            message: `A chart's figures must share one unit; these have ${[...units].join(', ')}.`,
          });
        }
      });
    });
}
