import { z } from 'astro/zod';
import { checkEntry, entryFields } from './entry.ts';
import type { ContentSchemaContext } from './fields.ts';

/** An article (`content/articles/{vi,en}/*.md`): a plain text for one or more audiences, with the common fields only. */
export function articleSchema(context: ContentSchemaContext) {
  return z.object({ ...entryFields(context) }).superRefine(checkEntry);
}
