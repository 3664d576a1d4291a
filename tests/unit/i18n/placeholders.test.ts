import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogue, messageKeys, type MessageKey } from '#src/i18n/index.ts';

// A `{placeholder}` that one language lacks, or that a `t(key, params)` call does not fill, reaches the reader as
// literal braces ("Cấp cứu: gọi {phone}."). Both are checked here over the whole of src/.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const placeholdersOf = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? ''));
const known = new Set<string>(messageKeys());

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|astro)$/.test(entry.name) ? [path] : [];
  });
}

/** The index just past the bracket that closes the one at `open`, skipping over string and template literals. */
function closingIndex(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    const char = text[index];
    if (char === "'" || char === '"' || char === '`') {
      index++;
      while (index < text.length && text[index] !== char) index += text[index] === '\\' ? 2 : 1;
    } else if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') {
      depth--;
      if (depth === 0) return index + 1;
    }
  }
  return text.length;
}

/** Splits `text` at the commas outside brackets and string literals. */
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] ?? '';
    if ('([{\'"`'.includes(char)) index = closingIndexOf(text, index) - 1;
    else if (char === ',') {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

function closingIndexOf(text: string, open: number): number {
  const char = text[open];
  if (char === "'" || char === '"' || char === '`') {
    let index = open + 1;
    while (index < text.length && text[index] !== char) index += text[index] === '\\' ? 2 : 1;
    return index + 1;
  }
  return closingIndex(text, open);
}

/** The names a params object literal passes; `undefined` when the argument is not an object literal or spreads one. */
function passedNames(argument: string): Set<string> | undefined {
  if (!argument.startsWith('{')) return undefined;
  const names = new Set<string>();
  for (const part of topLevelParts(argument.slice(1, closingIndexOf(argument, 0) - 1))) {
    if (part.startsWith('...')) return undefined;
    const name = /^['"]?(\w+)['"]?\s*(?::|$)/.exec(part)?.[1];
    if (name !== undefined) names.add(name);
  }
  return names;
}

/** Every `t('key', …)` call in `text` that leaves a placeholder of its message unfilled, as "line: key {name}". */
function unfilledCalls(text: string): string[] {
  // plural(lang, n, { one: t(…), other: t(…) }) fills {count} itself.
  const pluralSpans = [...text.matchAll(/\bplural\(/g)].map((match) => {
    const open = match.index + match[0].length - 1;
    return [open, closingIndex(text, open)] as const;
  });
  const problems: string[] = [];
  for (const match of text.matchAll(/(?<![\w.])t\(\s*(['"`])([\w.]+)\1/g)) {
    const key = match[2] ?? '';
    if (!known.has(key)) continue;
    const needed = new Set([
      ...placeholdersOf(catalogue('vi')[key as MessageKey]),
      ...placeholdersOf(catalogue('en')[key as MessageKey]),
    ]);
    if (pluralSpans.some(([start, end]) => match.index > start && match.index < end)) needed.delete('count');
    if (needed.size === 0) continue;
    const open = match.index + 1;
    const rest = text.slice(match.index + match[0].length, closingIndex(text, open) - 1).trim();
    const passed = rest.startsWith(',') ? passedNames(rest.slice(1).trim()) : new Set<string>();
    const line = text.slice(0, match.index).split('\n').length;
    if (passed === undefined) problems.push(`${line}: ${key} (params are not an object literal)`);
    else for (const name of needed) if (!passed.has(name)) problems.push(`${line}: ${key} {${name}}`);
  }
  return problems;
}

describe('message placeholders', () => {
  it('each placeholder is in both languages of its message', () => {
    const oneSided = messageKeys().flatMap((key) => {
      const vi = placeholdersOf(catalogue('vi')[key]);
      const en = placeholdersOf(catalogue('en')[key]);
      return [
        ...[...vi].filter((name) => !en.has(name)).map((name) => `${key}: {${name}} only in vi`),
        ...[...en].filter((name) => !vi.has(name)).map((name) => `${key}: {${name}} only in en`),
      ];
    });
    expect(oneSided).toEqual([]);
  });

  it('finds a call that leaves a placeholder unfilled, and accepts one that fills it', () => {
    // emergency.text is "Cấp cứu: gọi {phone}."; search.count.one has {count} and {query}.
    expect(unfilledCalls("const a = t('emergency.text');")).toEqual(['1: emergency.text {phone}']);
    expect(unfilledCalls("t('emergency.text', { number: '115' })")).toEqual(['1: emergency.text {phone}']);
    expect(unfilledCalls("t('emergency.text', params)")).toEqual([
      '1: emergency.text (params are not an object literal)',
    ]);
    expect(unfilledCalls("t('emergency.text', { phone: call('115', x) })")).toEqual([]);
    expect(unfilledCalls("t('emergency.text', { phone })")).toEqual([]);
    expect(unfilledCalls("plural(lang, n, { one: t('search.count.one', { query }), other: '' })")).toEqual([]);
    expect(unfilledCalls("plural(lang, n, { one: t('search.count.one'), other: '' })")).toEqual([
      '1: search.count.one {query}',
    ]);
  });

  it('every t(key) call in src/ passes each placeholder of its message', () => {
    const problems = sourceFiles(join(root, 'src')).flatMap((file) =>
      unfilledCalls(readFileSync(file, 'utf8')).map((problem) => `${relative(root, file)}:${problem}`),
    );
    expect(problems).toEqual([]);
  });
});
