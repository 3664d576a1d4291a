import { describe, expect, test } from 'vitest';
import { pairEntries, splitEntryId } from '#src/features/content/pairing.ts';
import { registryIds } from '#src/features/content/registry.ts';

const entry = (id: string, translationKey: string) => ({ id, data: { translationKey } });

describe('pairing Vietnamese and English entries', () => {
  test('entries with the same translationKey in vi and en form a pair', () => {
    const pairs = pairEntries('articles', [entry('vi/noi-chuyen', 'talking'), entry('en/talking', 'talking')]);
    expect(pairs.get('talking')?.en.id).toBe('en/talking');
  });

  test('an entry without its other language stops the build, naming the file and the missing language', () => {
    expect(() => pairEntries('articles', [entry('vi/noi-chuyen', 'talking')])).toThrow(
      'content/articles/vi/noi-chuyen.md: translationKey "talking" has no en entry; add content/articles/en/<file>.md with the same translationKey.',
    );
  });

  test('two entries of one language with the same translationKey stop the build', () => {
    expect(() =>
      pairEntries('articles', [entry('vi/a', 'talking'), entry('vi/b', 'talking'), entry('en/a', 'talking')]),
    ).toThrow('content/articles/vi/b.md: translationKey "talking" is already used by content/articles/vi/a.md.');
  });

  test('the folder gives the language and the file name gives the slug', () => {
    expect(splitEntryId('guides', 'en/voluntary-rehab')).toEqual({ lang: 'en', slug: 'voluntary-rehab' });
  });

  test('an entry outside the vi and en folders is refused', () => {
    expect(() => splitEntryId('guides', 'fr/guide')).toThrow(
      'content/guides/fr/guide.md: put each entry directly in content/guides/vi/ or content/guides/en/.',
    );
  });
});

describe('the source registry ids', () => {
  test('an id recorded twice is refused', () => {
    expect(() => registryIds([{ id: 'a' }, { id: 'a' }])).toThrow(
      'content/sources.json: id "a" is recorded twice; record each source once.',
    );
  });

  test('an item without an id is refused', () => {
    expect(() => registryIds([{ title: 'no id' } as { id?: unknown }])).toThrow(
      'content/sources.json: item 0 has no id.',
    );
  });
});
