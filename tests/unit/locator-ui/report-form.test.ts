import { describe, expect, it } from 'vitest';
import { parseReportForm } from '#src/features/locator/reports/form.ts';
import { checkPostOrigin } from '#src/lib/same-origin.ts';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};
const own = ['http://127.0.0.1:4400', 'https://hotro.example.gov.vn'];

describe('the report form', () => {
  it('accepts a reason with an optional note, trimmed', () => {
    expect(parseReportForm(form({ reason: 'phone-wrong', note: '  số cũ  ' }))).toMatchObject({
      ok: true,
      input: { reason: 'phone-wrong', note: 'số cũ' },
    });
    expect(parseReportForm(form({ reason: 'other', note: '   ' }))).toMatchObject({
      ok: true,
      input: { reason: 'other', note: undefined },
    });
  });

  it('asks for a reason from the list', () => {
    expect(parseReportForm(form({}))).toMatchObject({
      ok: false,
      errors: [{ field: 'reason', key: 'locator.report.error.reason' }],
    });
    expect(parseReportForm(form({ reason: 'spam' }))).toMatchObject({ ok: false, errors: [{ field: 'reason' }] });
  });

  it('refuses a note over 500 characters and keeps it to show back', () => {
    const long = 'ữ'.repeat(501);
    const parsed = parseReportForm(form({ reason: 'other', note: long }));
    expect(parsed).toMatchObject({ ok: false, errors: [{ field: 'note', key: 'locator.report.error.noteTooLong' }] });
    expect(parsed.raw.note).toBe(long);
    expect(parseReportForm(form({ reason: 'other', note: 'ữ'.repeat(500) })).ok).toBe(true);
  });
});

describe('the report form origin check', () => {
  const headers = (entries: Record<string, string>) => new Headers(entries);

  it('accepts a post from our own origin, behind a proxy too', () => {
    expect(checkPostOrigin(headers({ origin: 'http://127.0.0.1:4400' }), own)).toBe('same-origin');
    expect(checkPostOrigin(headers({ origin: 'https://hotro.example.gov.vn' }), own)).toBe('same-origin');
  });

  it('refuses another origin, and a "null" origin from anywhere but our own pages', () => {
    expect(checkPostOrigin(headers({ origin: 'https://evil.example' }), own)).toBe('cross-origin');
    expect(checkPostOrigin(headers({ origin: 'null', 'sec-fetch-site': 'cross-site' }), own)).toBe('cross-origin');
    expect(checkPostOrigin(headers({ origin: 'null' }), own)).toBe('unknown-origin');
    expect(checkPostOrigin(headers({ origin: 'null', 'sec-fetch-site': 'same-origin' }), own)).toBe('same-origin');
    expect(checkPostOrigin(headers({ origin: 'http://127.0.0.1:4400.evil.example' }), own)).toBe('cross-origin');
  });

  it('without an Origin, accepts only a browser saying same-origin', () => {
    expect(checkPostOrigin(headers({ 'sec-fetch-site': 'same-origin' }), own)).toBe('same-origin');
    expect(checkPostOrigin(headers({ 'sec-fetch-site': 'cross-site' }), own)).toBe('cross-origin');
    expect(checkPostOrigin(headers({ 'sec-fetch-site': 'same-site' }), own)).toBe('cross-origin');
    expect(checkPostOrigin(headers({}), own)).toBe('unknown-origin');
  });
});
