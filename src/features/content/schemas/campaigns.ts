import { z } from 'astro/zod';
import { checkEntry, entryFields } from './entry.ts';
import { text, type ContentSchemaContext } from './fields.ts';

/** The longest share text: with the address the page appends, it still fits a message preview without cutting. */
export const SHARE_TEXT_MAX = 200;

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
    })
    .superRefine(checkEntry);
}
