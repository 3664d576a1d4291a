import type { Lang } from '#src/i18n/index.ts';

/** One entry of a shared list: a stable code (stored in the database, used in URLs) and its label per language. */
export interface ListItem<Code extends string = string> {
  code: Code;
  label: Record<Lang, string>;
}

/** A shared list with its codes in order, for zod enums, CHECK constraints, filters and form options. */
export interface SharedList<Code extends string> {
  codes: readonly [Code, ...Code[]];
  items: readonly ListItem<Code>[];
  /** The label of a code; a value read from the database that is not (or no longer) a code is shown as it is. */
  label(code: Code | (string & {}), lang: Lang): string;
  has(value: unknown): value is Code;
}

/** Builds a shared list from its items; the order of items is the order shown to people. */
export function defineList<const Code extends string>(
  items: readonly [ListItem<Code>, ...ListItem<Code>[]],
): SharedList<Code> {
  const codes = items.map((item) => item.code) as unknown as readonly [Code, ...Code[]];
  if (new Set(codes).size !== codes.length) throw new Error(`defineList: duplicate code in ${codes.join(', ')}`);
  const byCode = new Map(items.map((item) => [item.code as string, item]));
  return {
    codes,
    items,
    label: (code, lang) => byCode.get(code)?.label[lang] ?? code,
    has: (value): value is Code => typeof value === 'string' && byCode.has(value),
  };
}
