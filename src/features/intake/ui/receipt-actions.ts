/**
 * The receipt's copy and print buttons (see ReceiptActions.astro). Browser-safe; the words come from `data-*`.
 */
import { part, words } from '#src/components/islands/island.ts';

export class ReceiptActions extends HTMLElement {
  connectedCallback(): void {
    const text = words(this, 'code', 'copied', 'copyFailed');
    const status = part(this, '.receipt-actions__status', HTMLElement);
    const copy = part(this, 'button[data-copy]', HTMLButtonElement);
    const print = part(this, 'button[data-print]', HTMLButtonElement);
    // Copying needs the asynchronous clipboard (a secure context); without it the button stays hidden.
    if (typeof navigator.clipboard?.writeText === 'function') {
      copy.hidden = false;
      copy.addEventListener('click', () => {
        navigator.clipboard.writeText(text.code).then(
          () => {
            status.textContent = text.copied;
          },
          () => {
            status.textContent = text.copyFailed;
          },
        );
      });
    }
    print.hidden = false;
    print.addEventListener('click', () => window.print());
  }
}
