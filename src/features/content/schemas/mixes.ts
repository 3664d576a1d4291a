import { z } from 'astro/zod';
import { slug, sourceId, text, type ContentSchemaContext } from './fields.ts';
import { substanceGroups } from './substances.ts';

/**
 * The shared dangerous-mixes table (`content/mixes.json`): one row per pair of substances or groups, in both languages,
 * each with its source. A drug page shows, under its section “Pha trộn nguy hiểm”, the rows that name its
 * `translationKey` or its `group` (`group:<group>`).
 */

/** How serious a mix is: `danger` can kill or put a person in hospital; `caution` makes harm more likely. */
export const mixLevels = ['danger', 'caution'] as const;

/** The most words a sentence of a row may have: rows repeat on many pages, and no page may repeat a long sentence. */
export const MIX_SENTENCE_MAX_WORDS = 11;

const GROUP_PREFIX = 'group:';

/** One side of a pair: a drug page's `translationKey`, or `group:<group>`. */
const sideSchema = z
  .string({ error: 'Write each side of pair as a translationKey or group:<group>.' })
  .refine(
    (side) =>
      side.startsWith(GROUP_PREFIX)
        ? (substanceGroups as readonly string[]).includes(side.slice(GROUP_PREFIX.length))
        : /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(side),
    {
      error: (issue) =>
        `"${String(issue.input)}" is neither a drug page's translationKey nor group:<group> with one of ${substanceGroups.join(', ')}.`,
    },
  );

/** A row's text in one language: short sentences, each under the repeated-sentence limit. */
function rowText(what: string) {
  return text(what).refine(
    (value) =>
      value
        .split(/(?<=[.!?…])\s+/u)
        .every((sentence) => sentence.split(/\s+/).filter(Boolean).length <= MIX_SENTENCE_MAX_WORDS),
    {
      error: `Keep each sentence of ${what} to ${MIX_SENTENCE_MAX_WORDS} words or fewer: the row is shown on many pages.`,
    },
  );
}

/** One row of the dangerous-mixes table. */
export function mixSchema(context: ContentSchemaContext) {
  return z
    .object({
      /** A stable id, e.g. `opioid-alcohol`. */
      id: slug('id'),
      /** The two things mixed. */
      pair: z.tuple([sideSchema, sideSchema], { error: 'Write pair as [one, other], e.g. ["group:opioid", "alcohol"].' }),
      level: z.enum(mixLevels, { error: `Write level as one of: ${mixLevels.join(', ')}.` }),
      /** What happens, in Vietnamese. */
      vi: rowText('vi'),
      /** What happens, in English. */
      en: rowText('en'),
      /** Where it is said; shown in the page's source list. */
      source: sourceId(context),
    })
    .refine((row) => row.pair[0] !== row.pair[1], { error: 'A pair names two different things.', path: ['pair'] });
}

export type MixRow = z.output<ReturnType<typeof mixSchema>>;

/** Whether a row concerns a page with this `translationKey` and `group`. */
export function mixConcerns(row: Pick<MixRow, 'pair'>, translationKey: string, group: string): boolean {
  return row.pair.some((side) => side === translationKey || side === `${GROUP_PREFIX}${group}`);
}

/** The side of a row that is not the page's own (for a row about two of the page's own, the second one). */
export function otherSide(row: Pick<MixRow, 'pair'>, translationKey: string, group: string): string {
  const [first, second] = row.pair;
  return first === translationKey || first === `${GROUP_PREFIX}${group}` ? second : first;
}

/** The group a side names, or `undefined` for a translationKey. */
export function sideGroup(side: string): string | undefined {
  return side.startsWith(GROUP_PREFIX) ? side.slice(GROUP_PREFIX.length) : undefined;
}
