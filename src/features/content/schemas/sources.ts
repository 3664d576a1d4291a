import { z } from 'astro/zod';
import { calendarDate, slug, text } from './fields.ts';

/** How a source was checked: only sources someone actually opened may be cited. */
const checkedViaSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({
      /** A stored copy of a public page, opened through the project's search tool. */
      kind: z.literal('stored-copy'),
      /** The day the stored copy was opened. */
      openedOn: calendarDate('Required: checkedVia.openedOn, the day the stored copy was opened, written YYYY-MM-DD.'),
    }),
    z.object({
      /** A document in the project's shared folder (seeds, facts). */
      kind: z.literal('shared-document'),
      /** Its path from the workspace, e.g. "shared/seeds/000_8bb004b04ac465a9.txt". */
      document: text('checkedVia.document').regex(/^shared\//, {
        error: 'Write checkedVia.document as a path starting with shared/.',
      }),
    }),
  ],
  { error: 'Write checkedVia as { kind: stored-copy, openedOn } or { kind: shared-document, document }.' },
);

/** One source in the registry `content/sources.json`: recorded once, cited by id from any entry. */
export const sourceSchema = z.object({
  /** The id entries cite, e.g. "vnexpress-2025-12-10-luat-sua-doi". */
  id: slug('id'),
  /** The title as published. */
  title: text('title'),
  /** Who published it (agency, newspaper, portal). */
  publisher: text('publisher'),
  /** The day it was published, or `null` when the source shows no date. */
  date: calendarDate(
    'Required: date, the day it was published (YYYY-MM-DD), or null when the source shows none.',
  ).nullable(),
  /** Its public address, where one exists. */
  url: z.url({ error: 'Write url as a full address starting with https:// or http://.' }).optional(),
  /** The language it is written in. */
  language: z.enum(['vi', 'en'], { error: 'Write language as vi or en.' }),
  /** How it was checked. */
  checkedVia: checkedViaSchema,
  /** Anything a reader or editor should know about the source (e.g. how the publisher was identified). */
  note: text('note').optional(),
});

export type Source = z.infer<typeof sourceSchema>;
