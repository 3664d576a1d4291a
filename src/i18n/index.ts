import { z } from 'astro/zod';
import vi from './vi.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

/** The portal's languages: Vietnamese first (served at `/`), English second (under `/en/`). */
export const languages = ['vi', 'en'] as const;
export type Lang = (typeof languages)[number];
export const defaultLang: Lang = 'vi';

/** Every UI string key. Vietnamese is the reference catalogue; English must have exactly the same keys. */
export type MessageKey = keyof typeof vi;

// Typechecking (`astro check`) fails the build when en.json misses a key of vi.json.
const enCatalogue: Record<MessageKey, string> = en;

// The schema check at load catches empty strings and non-string values that the type check cannot see in JSON.
const catalogueSchema = z.record(z.string().regex(/^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)+$/), z.string().min(1));
const catalogues: Record<Lang, Record<MessageKey, string>> = {
  vi: catalogueSchema.parse(vi) as Record<MessageKey, string>,
  en: catalogueSchema.parse(enCatalogue) as Record<MessageKey, string>,
};

/** Parameters interpolated into `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;

/** Returns the translation function for one language; unknown placeholders are left visible so tests catch them. */
export function useTranslations(lang: Lang) {
  const catalogue = catalogues[lang];
  return function t(key: MessageKey, params?: MessageParams): string {
    const template = catalogue[key] ?? catalogues[defaultLang][key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      return value === undefined ? whole : formatParam(lang, value);
    });
  };
}

function formatParam(lang: Lang, value: string | number): string {
  return typeof value === 'number' ? new Intl.NumberFormat(localeOf(lang)).format(value) : value;
}

const locales: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };
const others: Record<Lang, Lang> = { vi: 'en', en: 'vi' };

/** The BCP 47 locale used for dates and numbers in each language. */
export function localeOf(lang: Lang): string {
  return locales[lang];
}

/** The portal's other language: where the language switch and the alternate links point. */
export function otherLang(lang: Lang): Lang {
  return others[lang];
}

/**
 * A message with its `{placeholders}` left in, for code that fills them itself: a browser script (the text travels
 * in a `data-` attribute) or a page that puts markup where the placeholder stands. Everywhere else call `t(key,
 * params)`: tests/unit/i18n/placeholders.test.ts fails when a `t` call leaves a placeholder unfilled.
 */
export function rawMessage(lang: Lang, key: MessageKey): string {
  return catalogues[lang][key] ?? catalogues[defaultLang][key];
}

/** Chooses between plural forms with the language's own rules (Vietnamese has one form; English two). */
export function plural(lang: Lang, count: number, forms: { one: string; other: string }): string {
  const rule = new Intl.PluralRules(localeOf(lang)).select(count);
  return (rule === 'one' ? forms.one : forms.other).replace(
    '{count}',
    new Intl.NumberFormat(localeOf(lang)).format(count),
  );
}

/** Whether a string names one of the portal's languages. */
export function isLang(value: unknown): value is Lang {
  return value === 'vi' || value === 'en';
}

/** All keys of the reference catalogue, for tests and tools. */
export function messageKeys(): MessageKey[] {
  return Object.keys(vi) as MessageKey[];
}

/** The raw catalogue of one language, for tests and tools. */
export function catalogue(lang: Lang): Readonly<Record<MessageKey, string>> {
  return catalogues[lang];
}
