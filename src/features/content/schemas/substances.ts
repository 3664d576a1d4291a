import { z } from 'astro/zod';
import { serviceTypes } from '#src/features/lists/index.ts';
import { criminalCodeSubstanceOf } from '../substances/criminal-code.ts';
import { checkCitedInEntry, checkEntry, entryFields } from './entry.ts';
import { calendarDate, sourceId, summaryLines, text, textList, type ContentSchemaContext } from './fields.ts';

/**
 * A drug page (`content/substances/{vi,en}/*.md`), listed A–Z at `/ma-tuy-a-z`. Its shape is the working agreement
 * `content/SUBSTANCE-PAGES.md`; change that file in the same commit as this one.
 * The body's eleven sections are checked by the content lint (rule `sections`).
 */

/** The kind of substance: the shared dangerous-mixes table names groups, and the A–Z list can filter by them. */
export const substanceGroups = [
  'stimulant',
  'depressant',
  'opioid',
  'hallucinogen',
  'dissociative',
  'cannabinoid',
  'inhalant',
  'medicine',
  'nicotine',
  'alcohol',
  'mixed',
] as const;
export type SubstanceGroup = (typeof substanceGroups)[number];

/** How a substance is taken, for the timeline. */
export const intakeRoutes = [
  'smoked',
  'snorted',
  'swallowed',
  'injected',
  'vaped',
  'inhaled',
  'chewed',
  'under-the-tongue',
] as const;
export type IntakeRoute = (typeof intakeRoutes)[number];

/**
 * What the page can say about the substance under Vietnamese law:
 * - `criminal-code`: the Criminal Code names it (Art. 248–252);
 * - `listed`: it is in the lists of Decree 28/2026/NĐ-CP;
 * - `medicine`: a controlled medicine, lawful on prescription;
 * - `not-listed`: the lists were read and it is not in them;
 * - `not-confirmed`: not settled yet, saying what is pending and when it was checked.
 */
export const legalStatuses = ['criminal-code', 'listed', 'medicine', 'not-listed', 'not-confirmed'] as const;
export type LegalStatus = (typeof legalStatuses)[number];

/** A span of time `[from, to]`, e.g. `[5, 10]`. */
function range(what: string, unit: string) {
  return z
    .tuple([z.number().nonnegative(), z.number().nonnegative()], {
      error: `Write ${what} as [from, to] in ${unit}, e.g. [5, 10].`,
    })
    .refine(([from, to]) => from <= to, { error: `${what}: the first number (from) must not be larger than the second (to).` });
}

/** One way of taking the substance and how its effects unfold, from the timeline's source. */
const timelineRouteSchema = z.object({
  route: z.enum(intakeRoutes, { error: `Write route as one of: ${intakeRoutes.join(', ')}.` }),
  /** Minutes until the effects start. */
  onset: range('onset', 'minutes'),
  /** Minutes until the effects are strongest; optional. */
  peak: range('peak', 'minutes').optional(),
  /** Hours the main effects last. */
  duration: range('duration', 'hours'),
  /** Hours of after-effects or come-down; optional. */
  after: range('after', 'hours').optional(),
});

/** The timeline drawing's data, only where a source gives the figures. */
function timelineSchema(context: ContentSchemaContext) {
  return z.object(
    {
      /** The source of every figure below; it must also be in the entry's `sources`. */
      source: sourceId(context),
      routes: z
        .array(timelineRouteSchema, { error: 'Write timeline.routes as a list of { route, onset, duration }.' })
        .min(1, { error: 'List at least one route under timeline.routes, or leave out the whole timeline.' }),
    },
    { error: 'Write timeline as { source, routes }, or leave it out when no source gives the figures.' },
  );
}

/** The page's legal status, shown in the facts table and the legal box under “Pháp luật nói gì”. */
function legalSchema(context: ContentSchemaContext) {
  return z.object(
    {
      status: z.enum(legalStatuses, { error: `Write legal.status as one of: ${legalStatuses.join(', ')}.` }),
      /** The articles the page relies on, as written in the law, e.g. "Điều 249". */
      articles: z.array(text('an article'), { error: 'Write legal.articles as a list, e.g. ["Điều 249"].' }).default([]),
      /** The source of the status; it must also be in the entry's `sources`. */
      source: sourceId(context),
      /** The day the status was checked against that source. */
      checkedOn: calendarDate('Required: legal.checkedOn, the day the status was checked, written YYYY-MM-DD.'),
      /** One or two plain sentences for the legal box (which list, what is a crime); optional. */
      note: text('legal.note').optional(),
      /** Only with `not-confirmed`: what is pending, in one plain sentence. */
      pending: text('legal.pending').optional(),
    },
    {
      error: (issue) =>
        issue.input === undefined
          ? 'Required: legal, with status, articles, source and checkedOn (see content/SUBSTANCE-PAGES.md).'
          : 'Write legal as an object.',
    },
  );
}

/** The fields both shapes share. */
function sharedFields(context: ContentSchemaContext) {
  return {
    ...entryFields(context),
    /** The name the A–Z list sorts by (e.g. "Ma túy đá"); the title may add the chemical name. */
    name: text('name'),
    /**
     * Names people use for it, as heard; shown so a reader can recognise it, and searched by the A–Z filter (so list
     * here the names a reader might type, with or without accents: the filter folds them).
     */
    streetNames: textList('streetNames'),
    /** Signs that mean "call 115 now"; optional, shown in an emergency box. */
    emergencySigns: z.array(text('an emergency sign')).optional(),
  };
}

/** A drug page in the shape of `content/SUBSTANCE-PAGES.md`: the rest of the page is the body's eleven sections. */
export function substanceSchema(context: ContentSchemaContext) {
  return z
    .object({
      ...sharedFields(context),
      /** Three or four short plain sentences shown at the top: what it is, the main risk, the law, where to get help. */
      summary: summaryLines(),
      /** The kind of substance (the mixes table and the A–Z filter use it). */
      group: z.enum(substanceGroups, { error: `Write group as one of: ${substanceGroups.join(', ')}.` }),
      /** Onset and duration per route, drawn as a small timeline; only when a source gives the figures. */
      timeline: timelineSchema(context).optional(),
      legal: legalSchema(context),
      /** The locator's service type the “Hỗ trợ nào phù hợp” box links to (`/tim-ho-tro?service=<code>`). */
      helpFilter: z.enum(serviceTypes.codes, {
        error: `Write helpFilter as one of the locator's service types: ${serviceTypes.codes.join(', ')}.`,
      }),
    })
    .superRefine((entry, ctx) => {
      checkEntry(entry, ctx);
      checkCitedInEntry(entry, entry.legal.source, ['legal', 'source'], ctx);
      if (entry.timeline) checkCitedInEntry(entry, entry.timeline.source, ['timeline', 'source'], ctx);
      entry.timeline?.routes.forEach((route, index) => {
        if (entry.timeline?.routes.findIndex((other) => other.route === route.route) !== index) {
          ctx.addIssue({
            code: 'custom',
            path: ['timeline', 'routes', index, 'route'],
            message: `Route "${route.route}" is listed twice in the timeline: give each route once.`,
          });
        }
      });
      checkLegal(entry, ctx);
    });
}

/** The rules of `legal` that involve more than one field, and the Criminal Code's substances. */
function checkLegal(
  entry: { translationKey: string; legal: { status: LegalStatus; articles: string[]; pending?: string | undefined } },
  ctx: z.RefinementCtx,
): void {
  const { legal } = entry;
  if (legal.status === 'not-confirmed' && legal.pending === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['legal', 'pending'],
      message: 'legal.status is not-confirmed: say under legal.pending what is pending (and keep checkedOn the day you looked).',
    });
  }
  if (legal.status !== 'not-confirmed' && legal.pending !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['legal', 'pending'],
      message: `Leave out legal.pending when legal.status is ${legal.status}: nothing is pending.`,
    });
  }
  if (legal.status === 'criminal-code' && legal.articles.length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['legal', 'articles'],
      message: 'legal.status is criminal-code: list the articles the page relies on, e.g. ["Điều 249", "Điều 251"].',
    });
  }
  const named = criminalCodeSubstanceOf(entry.translationKey);
  if (named !== undefined && legal.status !== 'criminal-code') {
    ctx.addIssue({
      code: 'custom',
      path: ['legal', 'status'],
      message: `The Criminal Code names ${named} (Articles 248–252): write legal.status: criminal-code, with the articles and their source.`,
    });
  }
}

export type SubstanceData = z.output<ReturnType<typeof substanceSchema>>;
