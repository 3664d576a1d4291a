import { z } from 'astro/zod';
import { audienceCodes, calendarDate, slug, sourceIds, text, type ContentSchemaContext } from './fields.ts';

/**
 * The fields every content entry has, in every collection. The language is not a field: it is the entry's folder
 * (`content/<collection>/vi/…` or `…/en/…`), and the two languages of one text share a `translationKey`.
 */
export function entryFields(context: ContentSchemaContext) {
  return {
    /** The page's title: the `<h1>` and, with the site name, the `<title>`. */
    title: text('title'),
    /** One or two plain sentences: the page's meta description and its summary in lists. */
    description: text('description'),
    /**
     * Pairs the Vietnamese and English versions of the same text: both files carry the same key, and the build fails
     * when a key is missing in one language. File names (and so URLs) may differ between languages.
     */
    translationKey: slug('translationKey'),
    /** Who the text is written for: codes of the shared `audiences` list (`src/features/lists/index.ts`). */
    audiences: audienceCodes(),
    /**
     * Ids of the sources the page's facts come from, each recorded once in `content/sources.json`. At least one; an id
     * the registry does not hold fails the build.
     */
    sources: sourceIds(context),
    /**
     * The day a person last checked every fact on the page against its sources. Required: the page shows it as
     * "Xem lại lần cuối".
     */
    reviewedOn: calendarDate(
      "Required: reviewedOn, the day a person last checked this page's facts, written YYYY-MM-DD.",
    ),
    /** The day the page was first published. */
    publishedOn: calendarDate('Required: publishedOn, the day the page was first published, written YYYY-MM-DD.'),
    /** A draft is built in development only and never published. */
    draft: z.boolean({ error: 'Write draft as true or false.' }).default(false),
  };
}

/** What every entry's cross-field check can read. */
interface CheckedEntry {
  publishedOn: Date;
  reviewedOn: Date;
  sources: readonly string[];
}

/** Checks that involve more than one field, common to every collection. */
export function checkEntry(entry: CheckedEntry, ctx: z.RefinementCtx): void {
  if (entry.reviewedOn.getTime() < entry.publishedOn.getTime()) {
    ctx.addIssue({ code: 'custom', path: ['reviewedOn'], message: 'reviewedOn cannot be earlier than publishedOn.' });
  }
}

/**
 * Reports a source id used by one fact (a figure, a legal status) that the entry's own `sources` list lacks, so the
 * page's list of sources is always complete.
 */
export function checkCitedInEntry(
  entry: CheckedEntry,
  id: string,
  path: (string | number)[],
  ctx: z.RefinementCtx,
): void {
  if (!entry.sources.includes(id)) {
    ctx.addIssue({
      code: 'custom',
      path,
      message: `Source "${id}" is cited here but missing from this entry's sources list: add it there.`,
    });
  }
}
