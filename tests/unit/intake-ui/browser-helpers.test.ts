import { describe, expect, it } from 'vitest';
import { quickExitUrl } from '#src/components/quick-exit.ts';
import { charactersLeft, countLine } from '#src/features/intake/ui/message-count.ts';
import { readFormBody } from '#src/lib/form-body.server.ts';
import { useTranslations } from '#src/i18n/index.ts';

describe('the quick exit', () => {
  it('leaves for a neutral weather search in the page’s language, on another site', () => {
    expect(quickExitUrl(useTranslations('vi')('quickExit.query'))).toBe(
      'https://www.google.com/search?q=th%E1%BB%9Di+ti%E1%BA%BFt',
    );
    expect(quickExitUrl(useTranslations('en')('quickExit.query'))).toBe('https://www.google.com/search?q=weather');
  });
});

describe('the character count', () => {
  it('counts code points after joining line breaks, as the server does', () => {
    expect(charactersLeft('abc', 10)).toBe(7);
    expect(charactersLeft('a\r\nb', 10)).toBe(7);
    // "ệ" typed as e + two combining marks is one character once composed.
    expect(charactersLeft('e\u0323\u0302', 10)).toBe(9);
    expect(charactersLeft('😀', 10)).toBe(9);
    expect(charactersLeft('x'.repeat(12), 10)).toBe(-2);
  });

  it('says how many are left or too many, with the language’s plural and number format', () => {
    const data = {
      remainingOne: 'You have {count} character remaining',
      remainingOther: 'You have {count} characters remaining',
      overOne: '{count} character too many',
      overOther: '{count} characters too many',
    };
    expect(countLine(1, data, 'en')).toBe('You have 1 character remaining');
    expect(countLine(2000, data, 'en')).toBe('You have 2,000 characters remaining');
    expect(countLine(-1, data, 'en')).toBe('1 character too many');
    expect(countLine(2000, { ...data, remainingOther: 'Còn {count} ký tự' }, 'vi')).toBe('Còn 2.000 ký tự');
  });
});

describe('reading a form body', () => {
  const request = (body: BodyInit, type: string, headers: Record<string, string> = {}) =>
    new Request('http://localhost/xin-tu-van', { method: 'POST', body, headers: { 'content-type': type, ...headers } });

  it('reads a URL-encoded or multipart form, keeping text fields only', async () => {
    expect(
      await readFormBody(request('who=self&q=Ba+%C4%90%C3%ACnh', 'application/x-www-form-urlencoded')),
    ).toMatchObject({ ok: true });
    const urlencoded = await readFormBody(request('who=self&q=Ba+%C4%90%C3%ACnh', 'application/x-www-form-urlencoded'));
    expect(urlencoded.ok && urlencoded.fields.get('q')).toBe('Ba Đình');
    const form = new FormData();
    form.append('who', 'family');
    form.append('file', new Blob(['x']), 'a.txt');
    const multipart = await readFormBody(new Request('http://localhost/', { method: 'POST', body: form }));
    expect(multipart.ok && [...multipart.fields.keys()]).toEqual(['who']);
  });

  it('reads the media type as RFC 9110 writes it: any case, quoted parameters', async () => {
    const read = await readFormBody(request('who=self', 'Application/X-WWW-Form-URLencoded; charset="UTF-8"'));
    expect(read.ok && read.fields.get('who')).toBe('self');
  });

  it('refuses a type that only starts like a form, or a malformed header', async () => {
    for (const type of ['application/x-www-form-urlencoded-json', 'application/x-www-form-urlencoded; charset'])
      expect(await readFormBody(request('who=self', type))).toEqual({ ok: false, reason: 'unsupported' });
  });

  it('refuses a body over the limit before parsing it, with or without Content-Length, and anything but a form', async () => {
    expect(await readFormBody(request('a='.padEnd(100, 'x'), 'application/x-www-form-urlencoded'), 50)).toEqual({
      ok: false,
      reason: 'too-large',
    });
    expect(
      await readFormBody(request('a=1', 'application/x-www-form-urlencoded', { 'content-length': '999999' }), 50),
    ).toEqual({ ok: false, reason: 'too-large' });
    expect(await readFormBody(request('{"who":"self"}', 'application/json'))).toEqual({
      ok: false,
      reason: 'unsupported',
    });
  });
});
