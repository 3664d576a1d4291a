import { describe, expect, it } from 'vitest';
import { readWidgetConfig } from '#src/features/widgets/options.ts';
import { escapeHtml, widgetSnippet } from '#src/features/widgets/snippet.ts';

const ORIGIN = 'https://hotro.example.gov.vn';
const config = (query: string, pageLang: 'vi' | 'en' = 'vi') =>
  readWidgetConfig(new URLSearchParams(query), pageLang, ['asking-is-brave']);

describe('the snippet', () => {
  it('is a placeholder with its options and a link, then the loader from the portal', () => {
    const { code } = widgetSnippet(
      config('widget=locator&province=01&service=methadone&theme=dark&accent=green'),
      ORIGIN,
    );
    expect(code).toBe(
      [
        '<div data-hotro-widget="locator" data-lang="vi" data-province="01" data-service="methadone" data-theme="dark" data-accent="green">',
        `  <a href="${ORIGIN}/tim-ho-tro?q=Th%C3%A0nh+ph%E1%BB%91+H%C3%A0+N%E1%BB%99i&amp;service=methadone">Tìm nơi hỗ trợ gần bạn trên cổng Hỗ trợ cai nghiện</a>`,
        '</div>',
        `<script src="${ORIGIN}/widget.js" async referrerpolicy="no-referrer"></script>`,
      ].join('\n'),
    );
  });

  it('carries only the options of the chosen widget', () => {
    const { placeholder } = widgetSnippet(
      config('widget=help&province=01&layout=button&campaign=asking-is-brave'),
      ORIGIN,
    );
    expect(placeholder).toContain('data-layout="button"');
    expect(placeholder).not.toMatch(/data-province|data-campaign|data-service/);
  });

  it("speaks the widget's language, not the page's: its link and the campaign's slug", () => {
    const { placeholder } = widgetSnippet(config('widget=campaign&lang=en&campaign=asking-is-brave', 'vi'), ORIGIN, {
      slug: 'asking-is-brave',
      title: 'Asking is brave',
    });
    expect(placeholder).toContain('data-lang="en" data-campaign="asking-is-brave"');
    expect(placeholder).toContain(
      `<a href="${ORIGIN}/en/campaigns/asking-is-brave">Asking is brave: a campaign of the Addiction support portal</a>`,
    );
  });

  it('names no campaign for "the newest", and links to all campaigns', () => {
    const { placeholder } = widgetSnippet(config('widget=campaign'), ORIGIN);
    expect(placeholder).not.toContain('data-campaign');
    expect(placeholder).toContain(`href="${ORIGIN}/chien-dich"`);
  });

  it("opens the help button's fallback link on the request page", () => {
    const { placeholder } = widgetSnippet(config('widget=help&lang=en'), ORIGIN);
    expect(placeholder).toContain(`href="${ORIGIN}/en/ask-for-help"`);
  });

  it('escapes what it writes into HTML', () => {
    expect(escapeHtml(`"Tom & Jerry" <b>'s`)).toBe('&quot;Tom &amp; Jerry&quot; &lt;b&gt;&#39;s');
    const { placeholder } = widgetSnippet(config('widget=campaign&campaign=asking-is-brave'), ORIGIN, {
      slug: 'asking-is-brave',
      title: '<img src=x onerror=alert(1)>',
    });
    expect(placeholder).not.toContain('<img');
  });
});
