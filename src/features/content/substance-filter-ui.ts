/**
 * The A–Z list's instant filter: the one script the list pages ship. It enhances what the server already rendered
 * (every entry, each with its folded names in `data-search`) and hides what does not match as the reader types, with
 * the same rule the server applies to `?q=` (`substance-filter.ts`). Without it, the form's GET does the same job.
 */
import { keyMatches, queryWords } from './substance-filter.ts';

/** Finds the filter form and wires it; does nothing on a page without one. */
export function enhanceSubstanceFilter(root: Document = document): void {
  const form = root.querySelector<HTMLFormElement>('form[data-substance-filter]');
  const input = form?.querySelector<HTMLInputElement>('input[name="q"]');
  if (!form || !input) return;
  const status = root.querySelector<HTMLElement>('[data-filter-status]');
  const none = root.querySelector<HTMLElement>('[data-filter-none]');
  const noneTitle = none?.querySelector<HTMLElement>('[data-filter-none-title]');
  const showAll = root.querySelector<HTMLElement>('[data-filter-show-all]');
  const groups = [...root.querySelectorAll<HTMLElement>('[data-letter-group]')];
  const letterLinks = new Map(
    [...root.querySelectorAll<HTMLElement>('[data-letter-link]')].map((link) => [link.dataset.letterLink, link]),
  );
  const rules = new Intl.PluralRules(root.documentElement.lang || 'vi');
  // The messages come from the page (data attributes), already in its language: `{count}` and `{query}` are filled here.
  const fill = (template: string | undefined, count: number, query: string): string =>
    (template ?? '').replace('{count}', String(count)).replace('{query}', query);

  const apply = (): void => {
    const query = input.value.trim();
    const words = queryWords(query);
    let count = 0;
    for (const group of groups) {
      let shown = 0;
      for (const item of group.querySelectorAll<HTMLElement>('[data-search]')) {
        const match = keyMatches(item.dataset.search ?? '', words);
        item.hidden = !match;
        if (match) shown += 1;
      }
      group.hidden = shown === 0;
      const link = letterLinks.get(group.dataset.letterGroup);
      if (link) link.hidden = shown === 0;
      count += shown;
    }
    const filtering = words.length > 0;
    if (none) none.hidden = !filtering || count > 0;
    if (noneTitle) noneTitle.textContent = fill(form.dataset.none, count, query);
    // With no match, the "nothing found" box offers the whole list itself.
    if (showAll) showAll.hidden = !filtering || count === 0;
    if (status) {
      const template = rules.select(count) === 'one' ? form.dataset.countOne : form.dataset.countOther;
      status.textContent = filtering && count > 0 ? fill(template, count, query) : '';
    }
  };

  input.addEventListener('input', apply);
  // The list is already filtered as the reader types; Enter must not leave the page for the server's answer.
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply();
  });
  for (const link of root.querySelectorAll<HTMLAnchorElement>('[data-filter-reset]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      input.value = '';
      apply();
      input.focus();
    });
  }
  // A query typed before the script ran, or restored by the browser on "back", is applied at once.
  if (input.value.trim() !== '') apply();
}
