import { describe, expect, it } from 'vitest';
import { ALTCHA_FIELD, FALLBACK_FIELD } from '#src/features/anti-abuse/gate.server.ts';
import { HONEYPOT_FIELD } from '#src/features/anti-abuse/honeypot.ts';
import { intakeMessage, intakeMessageKeys } from '#src/features/intake/messages.ts';
import {
  ANTI_ABUSE_FIELDS,
  formFieldOf,
  intakeFormatSchema,
  parseIntakeForm,
  validateWith,
} from '#src/features/intake/schema.ts';
import { normalizeEmail, normalizeFreeText, normalizeVietnamesePhone } from '#src/features/intake/text.ts';
import { validateIntake } from '#src/features/intake/validate.server.ts';
import { catalogue } from '#src/i18n/index.ts';
import { validRequest } from './helpers.ts';

const errorsOf = (input: unknown) => {
  const result = validateIntake(input);
  return result.ok ? [] : result.errors.map((error) => `${error.field}: ${error.messageKey}`);
};

describe('the intake schema', () => {
  it('accepts a complete request and normalizes it', () => {
    const result = validateIntake(validRequest({ message: '  Cha\u0300o\r\nbạn\t!  ' }));
    expect(result.ok && result.request).toEqual({
      who: 'family',
      place: { kind: 'commune', communeCode: '00004' },
      helpWanted: 'counselling',
      ageBand: '18-24',
      message: 'Chào\nbạn\t!',
      contact: { kind: 'phone', value: '0912345678' },
      preferredTime: 'evening',
      lang: 'vi',
      pointId: null,
    });
  });

  it('needs only who, where, what help and an age band', () => {
    const result = validateIntake({ who: 'self', communeCode: '00004', helpWanted: 'not-sure', ageBand: 'unknown' });
    expect(result.ok && result.request).toMatchObject({
      message: null,
      contact: null,
      preferredTime: null,
      lang: null,
    });
    // JSON clients often send null for "none".
    expect(
      validateIntake({ ...validRequest(), message: null, contact: null, preferredTime: null, lang: null }).ok,
    ).toBe(true);
  });

  it('lists every missing field at once, each with its own key', () => {
    expect(errorsOf({})).toEqual([
      'who: intake.who.required',
      'helpWanted: intake.helpWanted.required',
      'ageBand: intake.ageBand.required',
      'communeCode: intake.place.required',
    ]);
  });

  it('refuses unknown fields, at any depth, naming them', () => {
    expect(errorsOf(validRequest({ name: 'Nguyễn Văn A' }))).toEqual(['name: intake.field.unknown']);
    expect(errorsOf(validRequest({ contact: { kind: 'phone', value: '0912345678', name: 'x' } }))).toEqual([
      'contact.name: intake.field.unknown',
    ]);
    expect(errorsOf(validRequest({ position: { lat: 21.03, lon: 105.84, alt: 3 } }))).toEqual([
      'position.alt: intake.field.unknown',
    ]);
    expect(errorsOf(validRequest({ ['__proto__']: { polluted: true } }))).toEqual(['__proto__: intake.field.unknown']);
    expect(
      errorsOf(
        JSON.parse('{"who":"self","communeCode":"00004","helpWanted":"not-sure","ageBand":"unknown","__proto__":1}'),
      ),
    ).toEqual(['__proto__: intake.field.unknown']);
  });

  it('refuses a body that is not an object', () => {
    for (const body of [null, 42, 'text', [], [validRequest()], true])
      expect(errorsOf(body)).toEqual(['request: intake.request.notObject']);
  });

  it('checks the place: a five-digit code that exists, or a position in Vietnam near a commune', () => {
    expect(errorsOf(validRequest({ communeCode: '4' }))).toEqual(['communeCode: intake.communeCode.invalid']);
    expect(errorsOf(validRequest({ communeCode: 4 }))).toEqual(['communeCode: intake.communeCode.invalid']);
    expect(errorsOf(validRequest({ communeCode: '99999' }))).toEqual(['communeCode: intake.communeCode.unknown']);
    const { communeCode: _, ...noCommune } = validRequest();
    expect(errorsOf({ ...noCommune, position: { lat: 48.85, lon: 2.35 } })).toEqual([
      'position: intake.position.outsideVietnam',
    ]);
    expect(errorsOf({ ...noCommune, position: { lat: 12, lon: 115 } })).toEqual([
      'position: intake.position.noCommune',
    ]);
    expect(errorsOf({ ...noCommune, position: { lat: '21', lon: 105 } })).toEqual([
      'position.lat: intake.position.invalid',
    ]);
    expect(errorsOf({ ...noCommune, position: [21, 105] })).toEqual(['position: intake.position.invalid']);
    const result = validateIntake({ ...noCommune, position: { lat: 21.036_471, lon: 105.837_88 } });
    expect(result.ok && result.request.place).toEqual({ kind: 'position', lat: 21.04, lon: 105.84 });
    // Both given: the commune the person chose wins.
    const both = validateIntake(validRequest({ position: { lat: 10.97, lon: 106.66 } }));
    expect(both.ok && both.request.place).toEqual({ kind: 'commune', communeCode: '00004' });
  });

  it('limits the message to 2,000 characters, without control characters', () => {
    expect(errorsOf(validRequest({ message: 'ồ'.repeat(2000) }))).toEqual([]);
    // Decomposed input counts after NFC: 2,000 characters typed as 6,000 code units still fit.
    expect(errorsOf(validRequest({ message: 'ồ'.normalize('NFD').repeat(2000) }))).toEqual([]);
    expect(errorsOf(validRequest({ message: 'a'.repeat(2001) }))).toEqual(['message: intake.message.tooLong']);
    expect(errorsOf(validRequest({ message: 'a'.repeat(5_000_000) }))).toEqual(['message: intake.message.tooLong']);
    for (const control of ['\u0000', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\u009b', '\ud800', 'a\udc00b']) {
      expect(errorsOf(validRequest({ message: `xin chào ${control}` }))).toEqual([
        'message: intake.message.controlChars',
      ]);
    }
    expect(errorsOf(validRequest({ message: 42 }))).toEqual(['message: intake.message.invalid']);
    expect(errorsOf(validRequest({ message: ['a'] }))).toEqual(['message: intake.message.invalid']);
    const blank = validateIntake(validRequest({ message: ' \n\t ' }));
    expect(blank.ok && blank.request.message).toBeNull();
  });

  it('checks the contact by its kind', () => {
    const contact = (kind: unknown, value: unknown) => errorsOf(validRequest({ contact: { kind, value } }));
    expect(contact('phone', '+84 912 345 678')).toEqual([]);
    expect(contact('phone', '(024) 3825 1234')).toEqual([]);
    expect(contact('zalo', '0912.345.678')).toEqual([]);
    expect(contact('email', 'Ten.Toi@Example.COM')).toEqual([]);
    expect(contact('phone', '12345')).toEqual(['contact.value: intake.contact.phoneInvalid']);
    expect(contact('zalo', '024 3825 1234')).toEqual(['contact.value: intake.contact.zaloInvalid']);
    expect(contact('email', 'not an address')).toEqual(['contact.value: intake.contact.emailInvalid']);
    expect(contact('email', 'a@b.c\r\nBcc: x@y.z')).toEqual(['contact.value: intake.contact.emailInvalid']);
    expect(contact('fax', '0912345678')).toEqual(['contact.kind: intake.contact.kindInvalid']);
    expect(contact(undefined, '0912345678')).toEqual(['contact.kind: intake.contact.kindRequired']);
    expect(contact('phone', '')).toEqual(['contact.value: intake.contact.valueRequired']);
    expect(contact('phone', 912345678)).toEqual(['contact.value: intake.contact.phoneInvalid']);
    expect(errorsOf(validRequest({ contact: '0912345678' }))).toEqual(['contact: intake.contact.invalid']);
    const email = validateIntake(validRequest({ contact: { kind: 'email', value: ' Ten.Toi@Example.COM ' } }));
    expect(email.ok && email.request.contact).toEqual({ kind: 'email', value: 'Ten.Toi@example.com' });
  });

  it('checks the small lists', () => {
    expect(errorsOf(validRequest({ who: 'boss' }))).toEqual(['who: intake.who.invalid']);
    expect(errorsOf(validRequest({ helpWanted: 'pills' }))).toEqual(['helpWanted: intake.helpWanted.invalid']);
    expect(errorsOf(validRequest({ ageBand: 17 }))).toEqual(['ageBand: intake.ageBand.invalid']);
    expect(errorsOf(validRequest({ preferredTime: 'night' }))).toEqual(['preferredTime: intake.preferredTime.invalid']);
    expect(errorsOf(validRequest({ lang: 'fr' }))).toEqual(['lang: intake.lang.invalid']);
  });

  it('checks formats without the administrative units in the browser-safe schema', () => {
    expect(validateWith(intakeFormatSchema, validRequest({ communeCode: '99999' })).ok).toBe(true);
    expect(validateWith(intakeFormatSchema, validRequest({ communeCode: '9999' })).ok).toBe(false);
  });
});

describe('parseIntakeForm', () => {
  const form = (entries: Record<string, string | string[]>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(entries)) for (const v of [value].flat()) data.append(name, v);
    return data;
  };

  it('turns the form into the schema input, dropping empty fields and the anti-abuse fields', () => {
    const input = parseIntakeForm(
      form({
        who: 'self',
        communeCode: '00004',
        lat: '',
        lon: '',
        helpWanted: 'methadone',
        ageBand: '25-39',
        message: 'Xin chào\r\n',
        contactKind: 'zalo',
        contactValue: '0912 345 678',
        preferredTime: '',
        lang: 'vi',
        altcha: 'proof',
        fallback: 'token',
        website: '',
      }),
    );
    expect(input).toEqual({
      who: 'self',
      communeCode: '00004',
      helpWanted: 'methadone',
      ageBand: '25-39',
      message: 'Xin chào\r\n',
      contact: { kind: 'zalo', value: '0912 345 678' },
      lang: 'vi',
    });
    expect(validateIntake(input).ok).toBe(true);
  });

  it('makes a position of lat/lon, and leaves out the contact when "none" is chosen', () => {
    const input = parseIntakeForm(
      form({
        who: 'self',
        lat: '21.03',
        lon: '105.84',
        helpWanted: 'counselling',
        ageBand: '18-24',
        contactKind: 'none',
        contactValue: '0912345678',
      }),
    );
    expect(input).toEqual({
      who: 'self',
      position: { lat: 21.03, lon: 105.84 },
      helpWanted: 'counselling',
      ageBand: '18-24',
    });
  });

  it('keeps what the schema must refuse: repeated fields, unknown fields, a value without a kind', () => {
    const input = parseIntakeForm(
      form({
        who: ['self', 'family'],
        communeCode: '00004',
        helpWanted: 'counselling',
        ageBand: '18-24',
        contactValue: '0912345678',
        extra: 'x',
        lat: 'abc',
      }),
    );
    expect(errorsOf(input).sort()).toEqual(
      [
        'who: intake.who.invalid',
        'contact.kind: intake.contact.kindRequired',
        'extra: intake.field.unknown',
        'position.lat: intake.position.invalid',
        'position.lon: intake.position.invalid',
      ].sort(),
    );
  });

  it('maps error fields to the form fields', () => {
    expect(formFieldOf('contact.value')).toBe('contactValue');
    expect(formFieldOf('contact.kind')).toBe('contactKind');
    expect(formFieldOf('position')).toBe('lat');
    expect(formFieldOf('message')).toBe('message');
  });

  it('names the same anti-abuse fields as the gate', () => {
    expect([...ANTI_ABUSE_FIELDS].sort()).toEqual([ALTCHA_FIELD, FALLBACK_FIELD, HONEYPOT_FIELD].sort());
  });
});

describe('text rules', () => {
  it('read Vietnamese phone numbers in their usual spellings', () => {
    expect(normalizeVietnamesePhone('0912345678')).toEqual({ number: '0912345678', mobile: true });
    expect(normalizeVietnamesePhone('+84 (0) 912 345 678')).toEqual({ number: '0912345678', mobile: true });
    expect(normalizeVietnamesePhone('+84 0912 345 678')).toEqual({ number: '0912345678', mobile: true });
    expect(normalizeVietnamesePhone('84912345678')).toEqual({ number: '0912345678', mobile: true });
    expect(normalizeVietnamesePhone('0084 389 123 456')).toEqual({ number: '0389123456', mobile: true });
    expect(normalizeVietnamesePhone('0243 825 1234')).toEqual({ number: '02438251234', mobile: false });
    for (const wrong of ['091234567', '09123456789', '0112345678', '+1 212 555 0100', 'abc', '0912-345-67a', '']) {
      expect(normalizeVietnamesePhone(wrong)).toBeNull();
    }
  });

  it('read plain e-mail addresses only', () => {
    expect(normalizeEmail('a@b.vn')).toBe('a@b.vn');
    for (const wrong of [
      'a@b',
      '@b.vn',
      'a b@c.vn',
      'A <a@b.vn>',
      'a@b.vn\nBcc: c@d.vn',
      'a..b@c.vn',
      `${'a'.repeat(65)}@b.vn`,
    ]) {
      expect(normalizeEmail(wrong)).toBeNull();
    }
  });

  it('normalize free text', () => {
    expect(normalizeFreeText('e\u0301')).toEqual({ ok: true, value: 'é' });
    expect(normalizeFreeText('a\rb')).toEqual({ ok: true, value: 'a\nb' });
  });
});

describe('intake messages', () => {
  it('has its own Vietnamese and English wording for every key the schema and handler return', () => {
    for (const key of intakeMessageKeys) {
      expect(intakeMessage(key, 'vi').length).toBeGreaterThan(5);
      expect(intakeMessage(key, 'en').length).toBeGreaterThan(5);
      expect(intakeMessage(key, 'vi')).not.toBe(intakeMessage(key, 'en'));
      expect(intakeMessage(key, 'vi')).toBe(catalogue('vi')[key]);
    }
    expect(intakeMessage('no.such.key', 'en')).toBe(catalogue('en')['intake.field.invalid']);
  });
});

describe('a "__proto__" key in a JSON body', () => {
  it('is refused as an unknown field, like any other', async () => {
    const { validateIntake } = await import('#src/features/intake/validate.server.ts');
    const body = JSON.parse('{"__proto__": false}') as Record<string, unknown>;
    const result = validateIntake(body);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual([{ field: '__proto__', messageKey: 'intake.field.unknown' }]);
  });
});
