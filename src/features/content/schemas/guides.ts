import { z } from 'astro/zod';
import { serviceTypes } from '#src/features/lists/index.ts';
import { checkEntry, entryFields } from './entry.ts';
import { summaryLines, text, type ContentSchemaContext } from './fields.ts';

/** One step of a pathway, in the order a person takes it. */
const stepSchema = z.object({
  /** A short imperative heading, e.g. "Hỏi trước, không cần nêu tên". */
  title: text('a step title'),
  /** What to do and what to expect, in one short paragraph. */
  text: text('a step text'),
});

/** A guide to one pathway of help (`content/guides/{vi,en}/*.md`), listed at `/huong-dan`. */
export function guideSchema(context: ContentSchemaContext) {
  return z
    .object({
      ...entryFields(context),
      /** Three or four short sentences shown at the top, so a reader on a phone gets the point before scrolling. */
      summary: summaryLines(),
      /**
       * The service type this pathway leads to: a code of the shared `serviceTypes` list. Absent for a guide about a
       * situation rather than a service (the commune police asking, being under 18).
       */
      pathway: z
        .enum(serviceTypes.codes, { error: `Write pathway as one of: ${serviceTypes.codes.join(', ')}.` })
        .optional(),
      /** Where the guide stands in the list at `/huong-dan` (smallest first); guides without one come last, by title. */
      order: z.number({ error: 'Write order as a whole number, e.g. 3.' }).int().positive().optional(),
      /** The steps, in order; at least one. */
      steps: z
        .array(stepSchema, { error: 'Required: steps, a list of { title, text }.' })
        .min(1, { error: 'List at least one step.' }),
      /** What the page cannot confirm yet (e.g. a detailing decree), said plainly; shown in its own box. */
      unconfirmed: z.array(text('an unconfirmed point')).default([]),
    })
    .superRefine(checkEntry);
}
