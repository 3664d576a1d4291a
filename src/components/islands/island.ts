/**
 * The site's one island runtime: a custom element around server-rendered HTML that already works without JavaScript
 * (docs/decisions/012-custom-element-islands.md). An island is an `.astro` component that renders the working markup
 * inside `<tag-name data-…>` and a `<script>` importing the element's module; that module calls `defineIsland`. Astro
 * bundles the script once per page, as a file under /_astro/ (allowed by the CSP's `'self'`), and the browser upgrades
 * every element of that tag, including ones added later. There is no framework and no hydration: the element finds
 * its parts in its own children (`part()`) and its words in its `data-*` attributes (`words()`); it never loads the
 * i18n catalogues.
 *
 * Any page that defines an island also gets the quick exit's history-replacing click (quick-exit.ts) at no extra
 * request; content pages, which ship no script, keep the plain link.
 */
import { leaveOnQuickExit } from '../quick-exit.ts';

let quickExitEnhanced = false;

/** Defines the custom element `tag` once (a second call is ignored) and enhances the page's quick exit. */
export function defineIsland(tag: `${string}-${string}`, element: CustomElementConstructor): void {
  if (!quickExitEnhanced) {
    quickExitEnhanced = true;
    leaveOnQuickExit(document, window.location);
  }
  if (customElements.get(tag) === undefined) customElements.define(tag, element);
}

/**
 * The island's words, read from its `data-*` attributes (`data-count-one` → `words(el, 'countOne')`). A word missing
 * from the markup is a bug in the component, so it throws rather than show an empty message.
 */
export function words<const K extends string>(element: HTMLElement, ...keys: K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of keys) {
    const value = element.dataset[key];
    if (value === undefined)
      throw new Error(`<${element.localName}>: data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} is missing`);
    out[key] = value;
  }
  return out;
}

/** The first descendant matching `selector`, of type `type`; throws when the server markup lacks it. */
export function part<T extends Element>(
  root: Element,
  selector: string,
  type: abstract new (...args: never[]) => T,
): T {
  const found = root.querySelector(selector);
  if (!(found instanceof type)) throw new Error(`<${root.localName}>: no ${selector}`);
  return found;
}
