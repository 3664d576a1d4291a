import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { substanceSchema } from '#src/features/content/schemas/substances.ts';
import { CRIMINAL_CODE_SUBSTANCES } from '#src/features/content/substances/criminal-code.ts';
import { lintContent } from '#src/features/content/lint/index.ts';

const context = { sourceIds: ['code-source', 'other-source'] };

/** A converted drug page, valid, for one translationKey and legal status. */
function page(translationKey: string, legal: Record<string, unknown>) {
  return {
    title: 'Heroin',
    description: 'Heroin là gì.',
    translationKey,
    audiences: ['families'],
    sources: ['code-source'],
    publishedOn: '2026-11-01',
    reviewedOn: '2026-12-06',
    name: 'Heroin',
    streetNames: ['hàng trắng'],
    summary: ['Heroin là một chất dạng thuốc phiện.', 'Dễ gây quá liều.', 'Gọi 115 khi thấy ngừng thở.'],
    group: 'opioid',
    legal: { source: 'code-source', checkedOn: '2026-12-06', articles: [], ...legal },
    helpFilter: 'methadone',
  };
}

const messages = (result: ReturnType<ReturnType<typeof substanceSchema>['safeParse']>) =>
  (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);

describe('the substances the Criminal Code names', () => {
  test('are the eight of Articles 248–252, each with at least one page key', () => {
    expect(CRIMINAL_CODE_SUBSTANCES.map((item) => item.substance)).toEqual([
      'heroin',
      'cocaine',
      'methamphetamine',
      'amphetamine',
      'MDMA',
      'XLR-11',
      'cannabis',
      'opium',
    ]);
    for (const item of CRIMINAL_CODE_SUBSTANCES) expect(item.pages.length).toBeGreaterThan(0);
  });

  test('a page for one of them with a status other than criminal-code fails, naming the substance', () => {
    expect(messages(substanceSchema(context).safeParse(page('heroin', { status: 'not-confirmed', pending: 'x' })))).toEqual([
      'legal.status: The Criminal Code names heroin (Articles 248–252): write legal.status: criminal-code, with the articles and their source.',
    ]);
  });

  test('criminal-code without the articles fails', () => {
    expect(messages(substanceSchema(context).safeParse(page('heroin', { status: 'criminal-code' })))).toEqual([
      'legal.articles: legal.status is criminal-code: list the articles the page relies on, e.g. ["Điều 249", "Điều 251"].',
    ]);
  });

  test('a page for one of them without a legal source fails', () => {
    const { source: _source, ...legal } = page('cannabis', { status: 'criminal-code', articles: ['Điều 249'] }).legal;
    const result = substanceSchema(context).safeParse({ ...page('cannabis', {}), legal });
    expect(messages(result)).toEqual(['legal.source: Write a source id (a string) from content/sources.json.']);
  });

  test('a page for one of them stating criminal-code with its articles and source passes', () => {
    const result = substanceSchema(context).safeParse(
      page('methamphetamine', { status: 'criminal-code', articles: ['Điều 249', 'Điều 251', 'Điều 256a'] }),
    );
    expect(messages(result)).toEqual([]);
  });
});

describe('the project’s drug pages', () => {
  const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
  const { tree } = lintContent({ projectRoot });

  test('every page the Code names states criminal-code, with articles, a source and a checked-on date', () => {
    const codeKeys = new Set(CRIMINAL_CODE_SUBSTANCES.flatMap((item) => item.pages as readonly string[]));
    const converted = tree.entries.filter((entry) => entry.collection === 'substances');
    for (const entry of converted.filter((item) => codeKeys.has(String(item.frontmatter['translationKey'])))) {
      const legal = entry.frontmatter['legal'] as { status?: unknown; articles?: unknown; source?: unknown; checkedOn?: unknown };
      expect(legal?.status, entry.file).toBe('criminal-code');
      expect(Array.isArray(legal?.articles) && legal.articles.length > 0, entry.file).toBe(true);
      expect(typeof legal?.source, entry.file).toBe('string');
      expect(legal?.checkedOn instanceof Date, entry.file).toBe(true);
    }
  });
});
