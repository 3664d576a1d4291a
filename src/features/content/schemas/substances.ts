import { z } from 'astro/zod';
import { checkCitedInEntry, checkEntry, entryFields } from './entry.ts';
import { sourceId, text, textList, type ContentSchemaContext } from './fields.ts';

/** What the portal can say about a substance's place in Vietnam's lists of narcotics. */
export const legalStatuses = ['listed', 'not-listed', 'not-confirmed'] as const;
export type LegalStatus = (typeof legalStatuses)[number];

/** A substance's legal status in Vietnam, only as far as a source confirms it. */
function legalStatusSchema(context: ContentSchemaContext) {
  return z.object(
    {
      /**
       * `listed`: a source shows it in the Government's lists of narcotics; `not-listed`: a source shows it is not;
       * `not-confirmed`: no source seen settles it (the page says so).
       */
      status: z.enum(legalStatuses, { error: `Write legalStatus.status as one of: ${legalStatuses.join(', ')}.` }),
      /** One or two sentences a reader needs: which list or decree, or what is not confirmed and why. */
      note: text('legalStatus.note'),
      /** The source of this statement; it must also be in the entry's `sources`. */
      source: sourceId(context),
    },
    {
      error: (issue) =>
        issue.input === undefined
          ? 'Required: legalStatus, with status, note and source.'
          : 'Write legalStatus as an object.',
    },
  );
}

/** A substance (`content/substances/{vi,en}/*.md`), listed A–Z at `/ma-tuy-a-z`. */
export function substanceSchema(context: ContentSchemaContext) {
  return z
    .object({
      ...entryFields(context),
      /** The name the A–Z list sorts by (e.g. "Ma túy đá"); the title may add the chemical name. */
      name: text('name'),
      /**
       * Names people use for it, as heard; shown so a reader can recognise it, and searched by the A–Z filter (so list
       * here the names a reader might type, with or without accents: the filter folds them).
       */
      streetNames: textList('streetNames'),
      /** What it is, in one short plain paragraph: the form it comes in, how it is taken, where people meet it. */
      whatItIs: text('whatItIs'),
      /** What people feel and what the body does soon after taking it, one plain sentence each. */
      effects: textList('effects'),
      /** Whether Vietnam lists it as a narcotic, and the source that says so. */
      legalStatus: legalStatusSchema(context),
      /** Health risks, one plain sentence each, without scare words. */
      risks: textList('risks'),
      /** What changes when it is taken with alcohol or other drugs, one plain sentence each. */
      mixing: textList('mixing'),
      /** Signs that mean "call 115 now"; optional, shown in an emergency box. */
      emergencySigns: z.array(text('an emergency sign')).optional(),
    })
    .superRefine((entry, ctx) => {
      checkEntry(entry, ctx);
      checkCitedInEntry(entry, entry.legalStatus.source, ['legalStatus', 'source'], ctx);
    });
}
