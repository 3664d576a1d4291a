import { z } from 'astro/zod';
import { audiences } from '#src/features/lists/index.ts';

/**
 * Small field factories shared by every content schema. Each returns a zod schema whose error messages say what to
 * write, because Astro prints them as they are, after the file and the field path (see `tests/unit/content/`).
 */

/** Where the content schemas look up what they cannot know alone: the ids of the source registry. */
export interface ContentSchemaContext {
  /** Every `id` in `content/sources.json`. */
  sourceIds: readonly string[];
}

/** A required, non-empty line of text. `what` describes the field in the error message. */
export function text(what: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `Required: ${what}.` : `Write ${what} as text.`) })
    .trim()
    .min(1, { error: `Write ${what}: it must not be empty.` });
}

/** A non-empty list of non-empty texts. */
export function textList(what: string) {
  return z
    .array(text(what), {
      error: (issue) => (issue.input === undefined ? `Required: ${what}, as a list.` : `Write ${what} as a list.`),
    })
    .min(1, { error: `List at least one: ${what}.` });
}

/** The longest line of a page's summary: one short sentence a phone shows on two or three lines. */
export const SUMMARY_LINE_MAX = 200;

/**
 * The three or four short plain sentences shown at the top of a page (drug pages, articles, guides), so a reader on a
 * phone gets the point before scrolling.
 */
export function summaryLines() {
  return z
    .array(
      text('a summary line').max(SUMMARY_LINE_MAX, {
        error: `Keep each summary line under ${SUMMARY_LINE_MAX} characters: one short sentence.`,
      }),
      {
        error: (issue) =>
          issue.input === undefined
            ? 'Required: summary, three or four short sentences shown at the top of the page.'
            : 'Write summary as a list of three or four short sentences.',
      },
    )
    .min(3, { error: 'Write at least three summary lines.' })
    .max(4, { error: 'Write at most four summary lines: the summary must fit a phone screen.' });
}

/**
 * A calendar date written `YYYY-MM-DD` (YAML reads it as a date; JSON gives a string). `missing` is the whole message
 * shown when the field is absent.
 */
export function calendarDate(missing: string) {
  return z.preprocess(
    (value) =>
      typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : value,
    z.date({
      error: (issue) => (issue.input === undefined ? missing : 'Write a real date as YYYY-MM-DD, e.g. 2026-11-23.'),
    }),
  );
}

/** A lowercase ASCII slug (`words-joined-by-hyphens`). */
export function slug(what: string) {
  return text(what).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: `Write ${what} in lowercase ASCII letters, digits and hyphens, e.g. talking-with-children.`,
  });
}

/** The id of one source in the registry; an id the registry does not hold fails with the id in the message. */
export function sourceId(context: ContentSchemaContext) {
  const known = new Set(context.sourceIds);
  return z.string({ error: 'Write a source id (a string) from content/sources.json.' }).refine((id) => known.has(id), {
    error: (issue) => `Unknown source id "${String(issue.input)}": add it to content/sources.json, or fix the id.`,
    // Stops the entry's cross-field checks, which would only repeat this problem in other words.
    abort: true,
  });
}

/** The sources a page's facts come from: at least one id from the registry. */
export function sourceIds(context: ContentSchemaContext) {
  return z
    .array(sourceId(context), {
      error: (issue) =>
        issue.input === undefined
          ? "Required: sources, the ids (from content/sources.json) of what this page's facts come from."
          : 'Write sources as a list of ids from content/sources.json.',
    })
    .min(1, { error: 'List at least one source id from content/sources.json.' });
}

/** Who the entry is written for: codes of the shared `audiences` list. */
export function audienceCodes() {
  return z
    .array(
      z.enum(audiences.codes, {
        error: (issue) => `Unknown audience "${String(issue.input)}": use one of ${audiences.codes.join(', ')}.`,
      }),
      {
        error: (issue) =>
          issue.input === undefined
            ? `Required: audiences, a list of ${audiences.codes.join(', ')}.`
            : 'Write audiences as a list.',
      },
    )
    .min(1, { error: 'List at least one audience.' });
}
