import { z } from 'astro/zod';
import { checkEntry, entryFields } from './entry.ts';
import { text, type ContentSchemaContext } from './fields.ts';

/** The longest share text: with the address the page appends, it still fits a message preview without cutting. */
export const SHARE_TEXT_MAX = 200;
/** The longest poster line: three of them must fit one A4 page in large type beside the slogan. */
export const POSTER_LINE_MAX = 90;
/** The longest reusable text: a school newsletter paragraph or a noticeboard note, not an article. */
export const REUSE_TEXT_MAX = 900;

/** A campaign (`content/campaigns/{vi,en}/*.md`): a message people pass on. */
export function campaignSchema(context: ContentSchemaContext) {
  return z
    .object({
      ...entryFields(context),
      /** The campaign's line, shown large; a few words. */
      slogan: text('slogan').max(80, { error: 'Keep the slogan under 80 characters.' }),
      /**
       * Ready-to-paste text for Zalo, Facebook or a message, without an address: the page appends the full address of
       * "ask for help" in the same language. Shown in a read-only text box, so copying needs no JavaScript.
       */
      shareText: text('shareText').max(SHARE_TEXT_MAX, { error: `Keep shareText to ${SHARE_TEXT_MAX} characters.` }),
      /**
       * Two or three short lines printed under the slogan on the A4 poster (the page's print style). Each line is one
       * idea a passer-by can read from a few steps away.
       */
      posterLines: z
        .array(
          text('posterLines').max(POSTER_LINE_MAX, {
            error: `Keep each poster line to ${POSTER_LINE_MAX} characters.`,
          }),
          {
            error: (issue) =>
              issue.input === undefined
                ? 'Required: posterLines, two or three short lines for the printed poster.'
                : 'Write posterLines as a list.',
          },
        )
        .min(2, { error: 'Write at least two poster lines.' })
        .max(3, { error: 'Write at most three poster lines: the poster is one A4 page.' }),
      /**
       * A short text schools and partners may copy into a newsletter, a noticeboard or a class message. The page adds the
       * attribution and the licence (CC BY 4.0) after it. Paragraphs are separated by a blank line.
       */
      reuseText: text('reuseText').max(REUSE_TEXT_MAX, {
        error: `Keep reuseText to ${REUSE_TEXT_MAX} characters: it is a short notice, not an article.`,
      }),
    })
    .superRefine(checkEntry);
}
