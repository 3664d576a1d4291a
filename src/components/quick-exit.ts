/**
 * The quick exit's destination and behaviour. Browser-safe: the island runtime (islands/island.ts) imports it.
 */

/** A neutral page to leave for: a web search for `query` (the weather, in the page's language). */
export function quickExitUrl(query: string): string {
  return `https://www.google.com/search?q=${encodeURIComponent(query).replace(/%20/g, '+')}`;
}

/**
 * Enhances every `a[data-quick-exit]`: a click (or Enter) leaves with `location.replace`, so the page it leaves is not
 * in the tab's history any more. A click with a modifier key (new tab) is left to the browser.
 */
export function leaveOnQuickExit(doc: Document, location: Pick<Location, 'replace'>): void {
  doc.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const link = target.closest('a[data-quick-exit]');
    if (!(link instanceof HTMLAnchorElement)) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    location.replace(link.href);
  });
}
