/**
 * `<place-combobox>`: the browser side of PlaceCombobox.astro (island runtime: components/islands/island.ts). Turns the
 * server's text input into an ARIA 1.2 combobox: suggestions matched without accents from the prerendered index,
 * named in the page's language (`data-lang`: English pages say "Chợ Mới commune, Thái Nguyên province"); Up
 * and Down move, Enter or a tap chooses, Escape closes. Choosing a commune puts its exact code in a hidden `commune`
 * field (typing again removes it); with `data-send-on-choose="true"` choosing also sends the form (the locator runs
 * the search at once).
 */
import { defineIsland, part, words } from '#src/components/islands/island.ts';
import { foldName } from '#src/features/admin-units/normalize.ts';
import type { Lang } from '#src/i18n/index.ts';
import type { FormerNameSuggestion } from '../former-names.ts';
import { matchSuggestions, readSuggestIndex, type SuggestIndexFile, type Suggestion } from '../suggest-format.ts';

// Fewer current names than this for what was typed: the server is asked for pre-2025 names as well.
const SHOWN = 8;

// One fetch per page, shared by every field on it.
let indexPromise: Promise<Suggestion[]> | undefined;

function loadIndex(url: string, lang: Lang): Promise<Suggestion[]> {
  indexPromise ??= fetch(url, { credentials: 'same-origin' })
    .then((response) => {
      if (!response.ok) throw new Error(`suggestions: HTTP ${response.status}`);
      return response.json() as Promise<SuggestIndexFile>;
    })
    .then((file) => readSuggestIndex(file, lang))
    .catch(() => {
      // Without the index the field is a plain input again; the server still resolves what is typed.
      indexPromise = undefined;
      return [];
    });
  return indexPromise;
}

// Pre-2025 names for one text, from the server (former-names.ts), once per text and page. Never cached by the browser
// (no-store) nor kept by the server; a failure just means no former names.
const formerAnswers = new Map<string, Promise<Suggestion[]>>();

function loadFormerNames(url: string, typed: string, lang: Lang): Promise<Suggestion[]> {
  let answer = formerAnswers.get(typed);
  if (answer === undefined) {
    const query = `?q=${encodeURIComponent(typed)}${lang === 'en' ? '&lang=en' : ''}`;
    answer = fetch(`${url}${query}`, { credentials: 'same-origin', cache: 'no-store' })
      .then((response) => (response.ok ? (response.json() as Promise<FormerNameSuggestion[]>) : []))
      .then((rows) =>
        rows.map((row): Suggestion => ({
          kind: row.kind,
          code: row.code,
          fullName: row.fullName,
          provinceName: row.provinceName,
          provinceLabel: row.provinceLabel,
          value: row.value,
          key: foldName(row.fullName),
          provinceKey: foldName(row.provinceName),
          formerly: row.formerly,
        })),
      )
      .catch(() => []);
    formerAnswers.set(typed, answer);
  }
  return answer;
}

// The exact commune code travels in a hidden field next to the name, so the server need not search the name again.
function setCommune(form: HTMLFormElement | null, code: string | undefined): void {
  if (form === null) return;
  let field = form.querySelector<HTMLInputElement>('input[type="hidden"][name="commune"]');
  if (code === undefined) {
    field?.remove();
    return;
  }
  if (field === null) {
    field = document.createElement('input');
    field.type = 'hidden';
    field.name = 'commune';
    form.append(field);
  }
  field.value = code;
}

class PlaceComboboxElement extends HTMLElement {
  #index: Suggestion[] | undefined;
  #options: Suggestion[] = [];
  #shownFor: string | undefined;
  #open = false;
  #active = -1;
  #statusTimer: ReturnType<typeof setTimeout> | undefined;
  #formerTimer: ReturnType<typeof setTimeout> | undefined;
  #former = new Map<string, Suggestion[]>();

  connectedCallback(): void {
    const input = part(this, 'input', HTMLInputElement);
    if (input.getAttribute('role') === 'combobox') return;
    const text = words(
      this,
      'indexUrl',
      'formerUrl',
      'formerly',
      'countOne',
      'countOther',
      'none',
      'instructions',
      'listLabel',
      'sendOnChoose',
      'lang',
    );
    const lang: Lang = text.lang === 'en' ? 'en' : 'vi';
    const box = part(this, '.combobox', HTMLElement);
    const id = input.id;

    const list = document.createElement('ul');
    list.id = `${id}-listbox`;
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', text.listLabel);
    list.className = 'combobox__listbox';
    list.hidden = true;
    box.append(list);
    const instructions = document.createElement('span');
    instructions.id = `${id}-instructions`;
    instructions.className = 'visually-hidden';
    instructions.textContent = text.instructions;
    const status = document.createElement('div');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    box.after(instructions, status);

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    input.autocomplete = 'off';
    const describedBy = input.getAttribute('aria-describedby');
    input.setAttribute('aria-describedby', describedBy ? `${describedBy} ${instructions.id}` : instructions.id);

    const render = () => {
      if (this.#shownFor !== input.value) {
        this.#shownFor = input.value;
        const typed = input.value;
        const current = this.#index === undefined ? [] : matchSuggestions(this.#index, typed);
        const former = this.#former.get(typed);
        this.#options = [
          ...current,
          ...(former ?? []).filter((option) => !current.some((shown) => shown.value === option.value)),
        ].slice(0, SHOWN);
        // Few or no current names fit: ask for pre-2025 names too, a moment after typing stops.
        if (former === undefined && current.length < SHOWN && foldName(typed).length >= 3 && this.#index !== undefined)
          askFormer(typed);
        list.replaceChildren(
          ...this.#options.map((option, position) => {
            const item = document.createElement('li');
            item.id = `${id}-option-${position}`;
            item.setAttribute('role', 'option');
            item.className = 'combobox__option';
            item.textContent = option.fullName;
            if (option.kind === 'commune') {
              const province = document.createElement('span');
              province.className = 'combobox__province';
              province.textContent = `, ${option.provinceLabel}`;
              item.append(province);
            }
            if (option.formerly !== undefined) {
              const formerly = document.createElement('span');
              formerly.className = 'combobox__formerly';
              formerly.textContent = ` ${text.formerly.replace('{old}', option.formerly)}`;
              item.append(formerly);
            }
            return item;
          }),
        );
      }
      const expanded = this.#open && this.#options.length > 0;
      list.hidden = !expanded;
      input.setAttribute('aria-expanded', String(expanded));
      [...list.children].forEach((item, position) => {
        const selected = expanded && position === this.#active;
        item.setAttribute('aria-selected', String(selected));
        item.classList.toggle('combobox__option--active', selected);
      });
      if (expanded && this.#active >= 0) input.setAttribute('aria-activedescendant', `${id}-option-${this.#active}`);
      else input.removeAttribute('aria-activedescendant');
      // The live region is updated a moment after typing stops, so a screen reader is not interrupted at every key.
      if (this.#statusTimer !== undefined) clearTimeout(this.#statusTimer);
      if (this.#open && this.#index !== undefined)
        this.#statusTimer = setTimeout(() => {
          const count = this.#options.length;
          status.textContent =
            count === 0 ? text.none : (count === 1 ? text.countOne : text.countOther).replace('{count}', String(count));
        }, 400);
    };
    const askFormer = (typed: string) => {
      if (this.#formerTimer !== undefined) clearTimeout(this.#formerTimer);
      this.#formerTimer = setTimeout(() => {
        void loadFormerNames(text.formerUrl, typed, lang).then((found) => {
          this.#former.set(typed, found);
          if (input.value !== typed) return;
          this.#shownFor = undefined;
          render();
        });
      }, 250);
    };
    const close = () => {
      this.#open = false;
      this.#active = -1;
      render();
    };
    const ensureIndex = () => {
      if (this.#index !== undefined) return;
      void loadIndex(text.indexUrl, lang).then((index) => {
        this.#index = index;
        this.#shownFor = undefined;
        render();
      });
    };
    const choose = (suggestion: Suggestion) => {
      input.value = suggestion.value;
      close();
      setCommune(input.form, suggestion.code);
      if (text.sendOnChoose === 'true') input.form?.requestSubmit();
    };

    input.addEventListener('focus', ensureIndex);
    input.addEventListener('blur', close);
    input.addEventListener('input', () => {
      this.#open = true;
      this.#active = -1;
      ensureIndex();
      // The typed text no longer is the chosen commune.
      setCommune(input.form, undefined);
      render();
    });
    input.addEventListener('keydown', (event) => {
      const count = this.#options.length;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (count === 0) return;
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        this.#open = true;
        this.#active = this.#active === -1 && step === -1 ? count - 1 : (this.#active + step + count) % count;
        render();
      } else if (event.key === 'Enter') {
        // Enter chooses a highlighted suggestion; otherwise it sends the form as usual.
        const chosen = this.#open ? this.#options[this.#active] : undefined;
        if (chosen !== undefined) {
          event.preventDefault();
          choose(chosen);
        }
      } else if (event.key === 'Escape' && this.#open) {
        event.preventDefault();
        close();
      }
    });
    // Keep the focus in the input: a tap must not blur it (and close the list) before choosing.
    list.addEventListener('mousedown', (event) => event.preventDefault());
    list.addEventListener('click', (event) => {
      const item = event.target instanceof Element ? event.target.closest('[role="option"]') : null;
      const position = item === null ? -1 : [...list.children].indexOf(item);
      const chosen = this.#options[position];
      if (chosen !== undefined) choose(chosen);
    });
    // Whatever was typed before the script ran is the value now; if the field already has focus, load the index.
    if (document.activeElement === input) ensureIndex();
  }
}

defineIsland('place-combobox', PlaceComboboxElement);
