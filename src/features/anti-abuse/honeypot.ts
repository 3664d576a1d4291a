/**
 * The honeypot: a text field people never see or reach, which form-filling robots tend to fill. It is hidden with the
 * global `visually-hidden` class (no inline style: the CSP forbids it), taken out of the tab order (`tabindex="-1"`) and
 * out of the accessibility tree (`aria-hidden` on its wrapper), with autofill off; its label asks anyone who still meets
 * it (CSS not loaded, an unusual reader) to leave it empty. Safe to import from pages and islands alike.
 */

/** The field's name. Browsers have no autofill type for it, and robots like to fill a "website". */
export const HONEYPOT_FIELD = 'website';

const HONEYPOT_ID = 'hp-website';

/**
 * The field as HTML for an Astro form: `<Fragment set:html={renderHoneypot(t('antiAbuse.honeypot.label'))} />`.
 * `label` is escaped.
 */
export function renderHoneypot(label: string): string {
  return (
    `<div class="visually-hidden" aria-hidden="true">` +
    `<label for="${HONEYPOT_ID}">${escapeHtml(label)}</label>` +
    `<input type="text" id="${HONEYPOT_ID}" name="${HONEYPOT_FIELD}" value="" tabindex="-1" autocomplete="off">` +
    `</div>`
  );
}

/** The submitted form or JSON body, however it arrived. */
export type SubmittedFields = FormData | URLSearchParams | Readonly<Record<string, unknown>>;

/** True when the honeypot holds anything but white space (then the submission is refused). */
export function isHoneypotFilled(form: SubmittedFields): boolean {
  const value = fieldValue(form, HONEYPOT_FIELD);
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  // A file, a number, an object: no person put that there.
  return true;
}

/** One field's value from a form, query string or JSON body (`undefined` when absent). */
export function fieldValue(form: SubmittedFields, name: string): unknown {
  if (form instanceof FormData || form instanceof URLSearchParams) return form.get(name) ?? undefined;
  return Object.hasOwn(form, name) ? form[name] : undefined;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
