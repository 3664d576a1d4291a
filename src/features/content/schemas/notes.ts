import { z } from 'astro/zod';
import { checkEntry, entryFields } from './entry.ts';
import type { ContentSchemaContext } from './fields.ts';

/**
 * A note shown inside a list page rather than on a page of its own (`content/notes/{vi,en}/*.md`), e.g. what the
 * statistics do and do not say. It has the common fields, so its facts are sourced and dated like any entry's; the page
 * that shows it finds it by `translationKey`.
 */
export function noteSchema(context: ContentSchemaContext) {
  return z.object({ ...entryFields(context) }).superRefine(checkEntry);
}
