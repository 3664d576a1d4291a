/**
 * `<use-my-location>`: the browser side of UseMyLocation.astro (island runtime: components/islands/island.ts). Draws
 * the button, its hint and a status line; on a click, asks for the position, rounds it here (rounded-position.ts) and
 * fills the form around it. Its CSS class names follow the box's own class (`<class>__button`, `<class>__message`).
 */
import { defineIsland, words } from '#src/components/islands/island.ts';
import { locateRounded, setFormField, type PositionProblem } from './rounded-position.ts';

class UseMyLocationElement extends HTMLElement {
  connectedCallback(): void {
    if (this.querySelector('button') !== null) return;
    const text = words(this, 'mode', 'hintId', 'label', 'hint', 'locating', 'done', 'denied', 'unavailable');
    const unsupported = words(this, 'unsupported').unsupported;
    const base = this.className.split(' ')[0] ?? 'use-location';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `button button--secondary ${base}__button`;
    button.textContent = text.label;
    button.setAttribute('aria-describedby', text.hintId);
    const hint = document.createElement('p');
    hint.className = 'hint';
    hint.id = text.hintId;
    hint.textContent = text.hint;
    const status = document.createElement('p');
    status.className = `${base}__message`;
    status.setAttribute('role', 'status');
    this.append(button, hint, status);

    const say = (message: string, problem: boolean) => {
      status.textContent = message;
      status.classList.toggle(`${base}__message--problem`, problem);
    };
    const messages: Record<PositionProblem, string> = {
      denied: text.denied,
      unavailable: text.unavailable,
      unsupported,
    };
    button.addEventListener('click', () => {
      const form = this.closest('form');
      if (form === null) return;
      button.disabled = true;
      say(text.locating, false);
      locateRounded(
        (lat, lon) => {
          button.disabled = false;
          setFormField(form, 'lat', lat);
          setFormField(form, 'lon', lon);
          // A position search starts from the position: drop a typed place and an exact commune chosen before.
          const place = form.elements.namedItem('q');
          if (place instanceof HTMLInputElement) place.value = '';
          form.querySelector('input[type="hidden"][name="commune"]')?.remove();
          for (const radio of form.querySelectorAll<HTMLInputElement>('input[type="radio"][name="commune"]'))
            radio.checked = false;
          if (text.mode === 'send') form.requestSubmit();
          else say(text.done, false);
        },
        (problem) => {
          button.disabled = false;
          say(messages[problem], true);
        },
      );
    });
  }
}

defineIsland('use-my-location', UseMyLocationElement);
