import { describe, expect, it } from 'vitest';
import { audiences, type Audience } from '#src/features/lists/index.ts';
import { languages } from '#src/i18n/index.ts';
import { audiencePath, audiencePaths, entriesFor } from '#src/features/content/audience-pages.ts';

const entry = (title: string, tags: Audience[]) => ({ entry: { data: { title, audiences: tags } } });

describe('audience landing pages', () => {
  it('give every audience its own address in each language, under /danh-cho/ and /en/for/', () => {
    for (const lang of languages) {
      const paths = audiences.codes.map((code) => audiencePath(code, lang));
      expect(new Set(paths).size).toBe(audiences.codes.length);
      for (const path of paths) expect(path).toMatch(lang === 'vi' ? /^\/danh-cho\/[a-z-]+$/ : /^\/en\/for\/[a-z-]+$/);
    }
  });

  it('build one page per audience, each pointing to the same audience in the other language', () => {
    const pages = audiencePaths('vi');
    expect(pages.map((page) => page.props.audience)).toEqual([...audiences.codes]);
    expect(pages.find((page) => page.props.audience === 'workers')?.props.alternateHref).toBe(
      audiencePath('workers', 'en'),
    );
  });

  it('list only entries tagged with the audience, those written for it first, then by title', () => {
    const entries = [
      entry('Zalo và bạn bè', ['students']),
      entry('Cha mẹ nên biết', ['families', 'students']),
      entry('Áp lực thi cử', ['students', 'schools']),
      entry('Làm ca đêm', ['workers']),
    ];
    expect(entriesFor(entries, 'students', 'vi').map((item) => item.entry.data.title)).toEqual([
      'Áp lực thi cử',
      'Zalo và bạn bè',
      'Cha mẹ nên biết',
    ]);
    expect(entriesFor(entries, 'after-rehab', 'vi')).toEqual([]);
  });
});
