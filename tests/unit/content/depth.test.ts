import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { lintContent } from '#src/features/content/lint/index.ts';
import {
  mainTextBlocks,
  median,
  proseBlocks,
  repeatedSentences,
  sentencesOf,
  syllableCount,
} from '#src/features/content/depth/main-text.ts';

// Issue 18: drug pages as deep as the best (FRANK, ADF), each written for its substance. Measured on the built
// Vietnamese pages (`npm run build` first), on the main text without the source list and the next-steps box.
const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const MEDIAN_MIN = 1000;
const PAGE_MIN = 700;
const PAGES_MIN = 32;

describe('measuring a page', () => {
  const html = `<main><nav>Ma túy A–Z</nav><article>
    <h1>Heroin</h1><p class="meta" data-pagefind-ignore>Xem lại lần cuối 6 tháng 12</p>
    <p>Một hai ba. Bốn &amp; năm!</p><ul><li>sáu</li><li>bảy <em>tám</em></li></ul>
    <svg aria-hidden="true"><text>không đếm</text></svg>
    <section class="sources" data-pagefind-ignore><h2>Nguồn</h2><ol><li>không đếm</li></ol></section>
  </article></main>`;

  test('counts the article’s syllables, without ignored blocks, drawings or what is outside the article', () => {
    expect(mainTextBlocks(html)).toEqual(['Heroin', 'Một hai ba. Bốn & năm!', 'sáu', 'bảy tám']);
    expect(syllableCount(mainTextBlocks(html))).toBe(10);
  });

  test('splits sentences at their end marks and compares them without case or punctuation', () => {
    expect(sentencesOf(['Một Hai, ba. Bốn năm!'])).toEqual([
      { text: 'một hai ba', words: 3 },
      { text: 'bốn năm', words: 2 },
    ]);
  });

  test('finds a long sentence on three pages, not one on two pages or a short one on all', () => {
    const long = 'Câu này có đủ mười hai chữ để được tính là một câu dài.';
    const pages = [
      { page: 'a', blocks: [long, 'Ngắn thôi.', `Đây là câu riêng của trang a có mười hai chữ ở đây.`] },
      { page: 'b', blocks: [long.toUpperCase(), 'Ngắn thôi.'] },
      { page: 'c', blocks: [`${long.slice(0, -1)}!`, 'Ngắn thôi.'] },
    ];
    expect(repeatedSentences(pages)).toEqual([
      { sentence: 'câu này có đủ mười hai chữ để được tính là một câu dài', pages: ['a', 'b', 'c'] },
    ]);
    expect(repeatedSentences(pages.slice(0, 2))).toEqual([]);
  });

  test('leaves a block that is mostly a link out of the prose compared across pages', () => {
    const links = `<article><ul><li><strong>Nếu bạn lo:</strong> <a href="/x">khi người trong nhà dùng ma túy</a></li>
      <li>Một câu văn có <a href="/y">một liên kết</a> ở giữa.</li></ul></article>`;
    expect(proseBlocks(links)).toEqual(['Một câu văn có một liên kết ở giữa.']);
    expect(mainTextBlocks(links)).toHaveLength(2);
  });

  test('the median of an even count is the mean of the two middle values', () => {
    expect(median([700, 1500, 1000, 900])).toBe(950);
  });
});

describe('the built Vietnamese drug pages', () => {
  const { tree } = lintContent({ projectRoot });
  const pages = tree.entries.filter((entry) => entry.collection === 'substances' && entry.lang === 'vi');
  const built = (slug: string) => new URL(`../../../dist/client/ma-tuy-a-z/${slug}/index.html`, import.meta.url);
  const measured = pages.map((entry) => {
    const file = built(entry.slug);
    if (!existsSync(file)) throw new Error(`${fileURLToPath(file)} is missing: run npm run build first.`);
    // A page edited after the build would be measured as it was: say so rather than pass or fail on old text.
    if (statSync(file).mtimeMs < statSync(`${projectRoot}/${entry.file}`).mtimeMs) {
      throw new Error(`${entry.file} changed after the last build: run npm run build, then the tests.`);
    }
    const html = readFileSync(file, 'utf8');
    return {
      page: entry.slug,
      blocks: proseBlocks(html),
      syllables: syllableCount(mainTextBlocks(html)),
    };
  });

  test(`every page has at least ${PAGE_MIN} syllables of main text`, () => {
    const short = measured.filter((page) => page.syllables < PAGE_MIN).map((p) => `${p.page}: ${p.syllables}`);
    expect(short).toEqual([]);
  });

  test(`the pages' median is at least ${MEDIAN_MIN} syllables`, () => {
    expect(median(measured.map((page) => page.syllables))).toBeGreaterThanOrEqual(MEDIAN_MIN);
  });

  test('no sentence of 12 or more words is on more than two pages', () => {
    const repeated = repeatedSentences(measured).map((item) => `${item.pages.join(', ')}: “${item.sentence}”`);
    expect(repeated).toEqual([]);
  });

  test(`there are at least ${PAGES_MIN} drug pages`, () => {
    expect(measured.length).toBeGreaterThanOrEqual(PAGES_MIN);
  });

  test('the measure reads real pages', () => {
    expect(measured.length).toBeGreaterThan(20);
    for (const page of measured) expect(page.syllables, page.page).toBeGreaterThan(100);
  });
});
