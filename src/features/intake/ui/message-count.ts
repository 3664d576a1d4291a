/**
 * The character count's behaviour (see `MessageCount.astro`). Browser-safe. Counts code points, as the server does.
 */

/** Characters left (negative: too many) in `text` for a limit of `max` code points, line breaks counted as one. */
export function charactersLeft(text: string, max: number): number {
  let count = 0;
  for (const _ of text.replace(/\r\n?/g, '\n').normalize('NFC')) count += 1;
  return max - count;
}

/** The line to show, from the element's `data-*` templates (`{count}` is replaced, with the page's number format). */
export function countLine(left: number, data: DOMStringMap, lang: string): string {
  const over = left < 0;
  const count = Math.abs(left);
  const rule = new Intl.PluralRules(lang).select(count) === 'one' ? 'One' : 'Other';
  const template = data[`${over ? 'over' : 'remaining'}${rule}`] ?? '';
  return template.replace('{count}', new Intl.NumberFormat(lang).format(count));
}

/** Wires every `[data-count-for]` line to its textarea. */
export function enhanceCharacterCounts(doc: Document): void {
  for (const line of doc.querySelectorAll<HTMLElement>('[data-count-for]')) {
    const field = doc.getElementById(line.dataset['countFor'] ?? '');
    if (!(field instanceof HTMLTextAreaElement)) continue;
    const max = Number(line.dataset['countMax']);
    const lang = doc.documentElement.lang || 'vi';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      const left = charactersLeft(field.value, max);
      line.textContent = countLine(left, line.dataset, lang);
      line.classList.toggle('intake-count--over', left < 0);
    };
    line.hidden = false;
    update();
    // A screen reader hears the count once typing pauses, not at every key.
    field.addEventListener('input', () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(update, 300);
    });
  }
}
