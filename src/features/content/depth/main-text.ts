import { parse, type HTMLElement, type Node } from 'node-html-parser';

/**
 * What a reader reads on a built entry page, measured the way issue 18 defines a drug page's depth: the text of the
 * page's `<article>` without the blocks marked `data-pagefind-ignore` (the source list and the next-steps box, which
 * repeat on every page), counted as space-separated syllables (a Vietnamese word is one to three of them).
 */

/** Elements whose text is a block of its own: a sentence never runs from one into the next. */
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'li',
  'nav',
  'ol',
  'p',
  'section',
  'summary',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);
/** Elements a reader does not read as text: drawings (their text equivalent is on the page), scripts, styles. */
const SKIPPED_TAGS = new Set(['svg', 'script', 'style', 'template', 'noscript']);

/**
 * The blocks of text of a built page's `<article>` (paragraphs, list items, table cells, headings), each with its
 * whitespace collapsed, without the parts marked `data-pagefind-ignore`. An empty list when the page has no article.
 */
export function mainTextBlocks(html: string): string[] {
  return readBlocks(html).map((block) => block.text);
}

/**
 * The blocks of prose, for the repeated-sentence rule: like {@link mainTextBlocks}, without the blocks that are mostly
 * a link (at least half their words are link text), such as “Nếu bạn lo cho người thân: <link to an article>” — a way
 * to another page, which several pages may rightly share.
 */
export function proseBlocks(html: string): string[] {
  return readBlocks(html)
    .filter((block) => block.linkWords * 2 < words(block.text).length)
    .map((block) => block.text);
}

/** One block of text and how many of its words are inside links. */
interface Block {
  text: string;
  linkWords: number;
}

function readBlocks(html: string): Block[] {
  const article = parse(html).querySelector('article');
  if (!article) return [];
  const blocks: Block[] = [];
  let current = '';
  let linkText = '';
  const flush = () => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text !== '') blocks.push({ text, linkWords: words(linkText).length });
    current = '';
    linkText = '';
  };
  const walk = (node: Node, inLink: boolean): void => {
    if (node.nodeType === 3) {
      current += node.text;
      if (inLink) linkText += ` ${node.text}`;
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as HTMLElement;
    const tag = element.rawTagName?.toLowerCase() ?? '';
    if (SKIPPED_TAGS.has(tag) || element.hasAttribute('data-pagefind-ignore') || element.hasAttribute('hidden')) return;
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    // <br> separates lines the way a space does.
    if (tag === 'br') current += ' ';
    for (const child of element.childNodes) walk(child, inLink || tag === 'a');
    if (block) flush();
  };
  walk(article, false);
  flush();
  return blocks;
}

/** The number of space-separated syllables in some blocks of text. */
export function syllableCount(blocks: readonly string[]): number {
  return blocks.reduce((sum, block) => sum + words(block).length, 0);
}

/** The words (space-separated tokens) of a text. */
export function words(text: string): string[] {
  return text.split(/\s+/).filter((token) => token !== '');
}

/**
 * The sentences of some blocks, each normalised for comparison (lower case, NFC, punctuation dropped, spaces collapsed),
 * with its word count. A sentence ends at `.`, `!`, `?` or `…` followed by a space, or at the end of its block.
 */
export function sentencesOf(blocks: readonly string[]): { text: string; words: number }[] {
  return blocks.flatMap((block) =>
    block
      .split(/(?<=[.!?…])\s+/u)
      .map((sentence) => normaliseSentence(sentence))
      .filter((sentence) => sentence !== '')
      .map((text) => ({ text, words: words(text).length })),
  );
}

/** A sentence as compared across pages: case, accents' composition, punctuation and spacing do not matter. */
export function normaliseSentence(sentence: string): string {
  return sentence
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A sentence of at least `minWords` words that appears on more than `maxPages` pages, and the pages it is on. */
export interface RepeatedSentence {
  sentence: string;
  pages: string[];
}

/**
 * The sentences of `minWords` words or more found on more than `maxPages` of the given pages (a sentence repeated
 * within one page counts once for it), most widespread first.
 */
export function repeatedSentences(
  pages: readonly { page: string; blocks: readonly string[] }[],
  minWords = 12,
  maxPages = 2,
): RepeatedSentence[] {
  const onPages = new Map<string, Set<string>>();
  for (const { page, blocks } of pages) {
    for (const sentence of sentencesOf(blocks)) {
      if (sentence.words < minWords) continue;
      const set = onPages.get(sentence.text) ?? new Set<string>();
      set.add(page);
      onPages.set(sentence.text, set);
    }
  }
  return [...onPages.entries()]
    .filter(([, set]) => set.size > maxPages)
    .map(([sentence, set]) => ({ sentence, pages: [...set].sort() }))
    .sort((a, b) => b.pages.length - a.pages.length || a.sentence.localeCompare(b.sentence));
}

/** The median of some numbers (the mean of the two middle ones for an even count); `NaN` for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
