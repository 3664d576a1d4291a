/**
 * Instant search with Pagefind, on the search page only. The page works without this script (the form is answered by
 * the server); with it, results appear as the reader types and come from Pagefind's full-text index of the built
 * site, in the page's language (Pagefind keeps one index per `<html lang>`).
 */

/** The part of Pagefind's browser API this page uses (`/pagefind/pagefind.js`, written by `npm run build`). */
interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
}
interface Pagefind {
  options(options: { excerptLength?: number }): Promise<void>;
  init(): Promise<void>;
  debouncedSearch(
    query: string,
    options?: object,
    debounceMs?: number,
  ): Promise<{ results: { data(): Promise<PagefindResultData> }[] } | null>;
}

const MAX_RESULTS = 20;
const form = document.querySelector<HTMLFormElement>('[data-search-form]');
const input = form?.querySelector<HTMLInputElement>('input[name="q"]');
const list = document.querySelector<HTMLOListElement>('[data-search-results]');
const statusLine = document.querySelector<HTMLElement>('[data-search-status]');

let pagefind: Promise<Pagefind> | undefined;

function loadPagefind(): Promise<Pagefind> {
  // A variable keeps the bundler from resolving the file: it only exists in the built site.
  const url = '/pagefind/pagefind.js';
  pagefind ??= (import(/* @vite-ignore */ url) as Promise<Pagefind>).then(async (module) => {
    await module.options({ excerptLength: 24 });
    await module.init();
    return module;
  });
  return pagefind;
}

/** The status line, from the strings the page put on the form (one or other plural form). */
function statusText(count: number, query: string): string {
  const data = form?.dataset ?? {};
  if (count === 0) return (data.none ?? '').replace('{query}', query);
  const rule = new Intl.PluralRules(document.documentElement.lang).select(count);
  const template = (rule === 'one' ? data.countOne : data.countOther) ?? '';
  return template.replace('{count}', String(count)).replace('{query}', query);
}

function render(results: PagefindResultData[], query: string): void {
  if (!list || !statusLine) return;
  list.replaceChildren(
    ...results.map((result) => {
      const item = document.createElement('li');
      const heading = document.createElement('h2');
      heading.className = 'search-result__title';
      const link = document.createElement('a');
      link.href = result.url;
      link.textContent = result.meta.title ?? result.url;
      heading.append(link);
      const excerpt = document.createElement('p');
      // Pagefind's excerpt is our own page text, escaped by Pagefind, with the matched words in <mark>.
      excerpt.innerHTML = result.excerpt;
      item.append(heading, excerpt);
      return item;
    }),
  );
  list.dataset.source = 'pagefind';
  statusLine.textContent = statusText(results.length, query);
}

async function search(query: string): Promise<void> {
  const trimmed = query.trim();
  if (trimmed.length < 2) return;
  try {
    const found = await (await loadPagefind()).debouncedSearch(trimmed, {}, 250);
    // null: a newer keystroke replaced this search.
    if (found === null) return;
    render(await Promise.all(found.results.slice(0, MAX_RESULTS).map((result) => result.data())), trimmed);
  } catch {
    // Pagefind could not load (an old browser, a blocked file): the form still works through the server.
    if (form) form.dataset.enhanced = 'failed';
  }
}

if (form && input) {
  form.dataset.enhanced = 'true';
  input.addEventListener('input', () => void search(input.value));
  form.addEventListener('submit', (event) => {
    if (form.dataset.enhanced === 'failed') return;
    event.preventDefault();
    void search(input.value);
    // The address keeps the query, so a reload or a shared link shows the same search.
    history.replaceState(null, '', `?q=${encodeURIComponent(input.value.trim())}`);
  });
}
