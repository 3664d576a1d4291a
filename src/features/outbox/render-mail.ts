import type { Lang } from '#src/i18n/index.ts';

/** One block of a notice: a paragraph, a link on its own line, or a short list. */
export type Block = string | { readonly link: string; readonly label: string } | { readonly list: readonly string[] };

/** A notice before it is turned into plain text and HTML. */
export interface Draft {
  readonly subject: string;
  readonly blocks: readonly Block[];
  readonly footer: string;
}

/** A rendered notice, ready for a transport. */
export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** Plain text and a simple HTML version of a draft, with the same words in both. */
export function renderDraft(draft: Draft, lang: Lang): RenderedMail {
  const text = [...draft.blocks.map(blockText), '--', draft.footer].join('\n\n');
  const html = [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(draft.subject)}</title></head>`,
    '<body style="margin:0 auto;max-width:600px;padding:16px;font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c">',
    ...draft.blocks.map(blockHtml),
    `<hr><p style="font-size:14px;color:#505a5f">${escapeHtml(draft.footer)}</p>`,
    '</body>',
    '</html>',
  ].join('\n');
  return { subject: draft.subject, text: `${text}\n`, html: `${html}\n` };
}

function blockText(block: Block): string {
  if (typeof block === 'string') return block;
  if ('link' in block) return `${block.label}:\n${block.link}`;
  return block.list.map((item) => `- ${item}`).join('\n');
}

function blockHtml(block: Block): string {
  if (typeof block === 'string') return `<p>${escapeHtml(block)}</p>`;
  if ('link' in block) {
    return `<p><a href="${escapeHtml(block.link)}" style="color:#1d70b8;font-weight:bold">${escapeHtml(block.label)}</a></p>`;
  }
  return `<ul>${block.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
}
