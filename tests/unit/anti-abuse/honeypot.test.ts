import { describe, expect, it } from 'vitest';
import { HONEYPOT_FIELD, isHoneypotFilled, renderHoneypot } from '#src/features/anti-abuse/honeypot.ts';

describe('honeypot', () => {
  it('renders a field hidden from sight, keyboard, assistive technology and autofill', () => {
    const html = renderHoneypot('Để trống ô này');
    expect(html).toMatch(/^<div class="visually-hidden" aria-hidden="true">/);
    expect(html).toContain(`name="${HONEYPOT_FIELD}"`);
    expect(html).toContain('tabindex="-1"');
    expect(html).toContain('autocomplete="off"');
    expect(html).toContain('<label for="hp-website">Để trống ô này</label>');
    expect(html).not.toContain('style=');
  });

  it('escapes its label', () => {
    expect(renderHoneypot('<b>"x"</b>')).toContain('&#60;b&#62;&#34;x&#34;&#60;/b&#62;');
  });

  it('is tripped by any content, in a form or a JSON body', () => {
    const form = new FormData();
    form.set(HONEYPOT_FIELD, 'http://spam.example');
    expect(isHoneypotFilled(form)).toBe(true);
    expect(isHoneypotFilled({ [HONEYPOT_FIELD]: 'x' })).toBe(true);
    expect(isHoneypotFilled({ [HONEYPOT_FIELD]: 1 })).toBe(true);
    expect(isHoneypotFilled(new URLSearchParams({ [HONEYPOT_FIELD]: 'x' }))).toBe(true);
  });

  it('is not tripped when empty or absent', () => {
    const form = new FormData();
    expect(isHoneypotFilled(form)).toBe(false);
    form.set(HONEYPOT_FIELD, '  ');
    expect(isHoneypotFilled(form)).toBe(false);
    expect(isHoneypotFilled({})).toBe(false);
    expect(isHoneypotFilled({ [HONEYPOT_FIELD]: null })).toBe(false);
  });
});
