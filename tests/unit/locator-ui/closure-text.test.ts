/**
 * A point's closures on its page: the dates in the page's language, and the reason in English where the directory has
 * it; otherwise the Vietnamese reason, marked as Vietnamese so a screen reader reads it with Vietnamese sounds (WCAG
 * 3.1.2, language of parts).
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { describe, expect, it } from 'vitest';
import ClosureItem from '#src/features/locator/ui/ClosureItem.astro';
import { formatClosure } from '#src/features/locator/ui/format.ts';

const tet = { startsOn: '2027-02-05', endsOn: '2027-02-10', description: 'Nghỉ Tết Nguyên đán' };

describe('a closure on a point page', () => {
  it('gives the Vietnamese reason on a Vietnamese page, unmarked', () => {
    const { range, reason } = formatClosure(tet, 'vi');
    expect(range).toMatch(/5.*10.*2027/);
    expect(reason).toEqual({ text: 'Nghỉ Tết Nguyên đán', lang: undefined });
  });

  it('gives the English reason on an English page when the directory has one', () => {
    expect(formatClosure({ ...tet, descriptionEn: 'Closed for Tết' }, 'en').reason).toEqual({
      text: 'Closed for Tết',
      lang: undefined,
    });
  });

  it('marks the Vietnamese reason as Vietnamese on an English page without an English one', () => {
    const { range, reason } = formatClosure(tet, 'en');
    expect(range).toMatch(/February/);
    expect(reason).toEqual({ text: 'Nghỉ Tết Nguyên đán', lang: 'vi' });
  });

  it('gives no reason when the directory has none', () => {
    expect(formatClosure({ ...tet, description: null }, 'en').reason).toBeUndefined();
  });

  it('renders the Vietnamese reason inside an element marked lang="vi" on an English page', async () => {
    const container = await AstroContainer.create();
    const html = await container.renderToString(ClosureItem, { props: formatClosure(tet, 'en') });
    expect(html.replace(/\s+/g, ' ')).toMatch(/<li>.*2027 \(<span lang="vi">Nghỉ Tết Nguyên đán<\/span>\) ?<\/li>/);
    const english = await container.renderToString(ClosureItem, {
      props: formatClosure({ ...tet, descriptionEn: 'Closed for Tết' }, 'en'),
    });
    expect(english).not.toContain('lang=');
    expect(english).toContain('Closed for Tết');
  });
});
