/**
 * The configurator's one script: a copy button, and the code and preview refreshed as options change. Without it the
 * form still works (its button asks the page again) and the code can be selected and copied by hand.
 *
 * Refreshing asks the page itself for the new options (the same GET the form sends) and takes the parts marked
 * `data-swap` from the answer: the server alone writes snippets, so what a script shows is what a plain form shows.
 */
import { LOADER_PATH } from './loader.ts';

/** Runs the loader again so it mounts the new preview's placeholder (it mounts each placeholder once). */
function runLoader(): void {
  document.querySelector('script[data-loader-again]')?.remove();
  const script = document.createElement('script');
  script.src = LOADER_PATH;
  script.async = true;
  script.dataset['loaderAgain'] = '';
  document.body.append(script);
}

/** Replaces each `data-swap` part with the same part of `next`, keeping focus on the field that had it. */
function swapParts(next: Document): void {
  const focusedId = document.activeElement?.id;
  for (const part of document.querySelectorAll<HTMLElement>('[data-swap]')) {
    const replacement = next.querySelector(`[data-swap="${part.dataset['swap'] ?? ''}"]`);
    if (replacement === null) continue;
    if (part instanceof HTMLTextAreaElement && replacement instanceof HTMLTextAreaElement)
      part.value = replacement.value;
    else part.replaceWith(document.importNode(replacement, true));
  }
  if (focusedId) document.getElementById(focusedId)?.focus();
}

async function copyText(code: HTMLTextAreaElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(code.value);
    return true;
  } catch {
    // No clipboard (an old browser, a page not served over HTTPS, a refused permission): the code is selected, and
    // the status line says to copy it with the keyboard.
    code.focus();
    code.select();
    return false;
  }
}

/** Wires the configurator's form, code box, copy button and status line, if the page has them. */
export function enhanceConfigurator(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-configurator]');
  const status = document.querySelector<HTMLElement>('[data-status]');
  const copy = document.querySelector<HTMLButtonElement>('button[data-copy]');
  if (form === null || status === null || copy === null) return;
  const say = (key: 'copied' | 'copyFailed' | 'updated') => (status.textContent = status.dataset[key] ?? '');

  copy.hidden = false;
  copy.addEventListener('click', () => {
    const code = document.querySelector<HTMLTextAreaElement>('textarea[data-swap="code"]');
    if (code === null) return;
    void copyText(code).then((ok) => say(ok ? 'copied' : 'copyFailed'));
  });

  let pending: AbortController | undefined;
  form.addEventListener('change', () => {
    pending?.abort();
    const controller = new AbortController();
    pending = controller;
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (typeof value === 'string') query.append(name, value);
    const url = `${form.action}?${query.toString()}`;
    fetch(url, { signal: controller.signal })
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
      .then((html) => {
        if (controller.signal.aborted) return;
        swapParts(new DOMParser().parseFromString(html, 'text/html'));
        history.replaceState(null, '', url);
        runLoader();
        say('updated');
      })
      // A failed refresh leaves the form as it is: its button still asks the page.
      .catch(() => undefined);
  });
}
