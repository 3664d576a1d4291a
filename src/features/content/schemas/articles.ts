import { z } from 'astro/zod';
import { checkEntry, entryFields } from './entry.ts';
import { summaryLines, type ContentSchemaContext } from './fields.ts';

/** An article (`content/articles/{vi,en}/*.md`): a plain text for one or more audiences. */
export function articleSchema(context: ContentSchemaContext) {
  return z
    .object({
      ...entryFields(context),
      /** Three or four short sentences shown at the top, so a reader on a phone gets the point before scrolling. */
      summary: summaryLines(),
    })
    .superRefine(checkEntry);
}
