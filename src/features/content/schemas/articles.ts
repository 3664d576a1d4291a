import { z } from 'astro/zod';
import { checkEntry, entryFields } from './entry.ts';
import { summaryLines, type ContentSchemaContext } from './fields.ts';

/** An article (`content/articles/{vi,en}/*.md`): a plain text for one or more audiences. */
export function articleSchema(context: ContentSchemaContext) {
  return z
    .object({
      ...entryFields(context),
      /**
       * Three or four short sentences shown at the top. Optional in the schema while issue 18's editor writes them; the
       * content lint requires it of every article not listed in `content/.without-summary.json`.
       */
      summary: summaryLines().optional(),
    })
    .superRefine(checkEntry);
}
