import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../setup/portal-process.ts';
import { embedPath } from '#src/features/widgets/options.ts';
import { LOADER_BUDGET_BYTES, LOADER_PATH } from '#src/features/widgets/loader.ts';

// The loader as it is served (public/widget.js), run in a small fake page: it has no build step, so what is tested
// here is byte for byte what partners' pages run.
const source = readFileSync(join(repoRoot, 'public', LOADER_PATH), 'utf8');
const PORTAL = 'https://hotro.example.gov.vn';

class FakeElement {
  readonly attributes = new Map<string, string>();
  children: FakeElement[] = [];
  readonly style: { cssText: string; height?: string } = { cssText: '' };
  #text = '';
  src = '';
  title = '';
  loading = '';
  referrerPolicy = '';
  /** For an iframe: the window its messages come from. */
  readonly contentWindow = {};

  readonly tagName: string;

  constructor(tagName: string) {
    this.tagName = tagName;
  }

  get textContent(): string {
    return this.#text;
  }
  /** As in the DOM, setting the text replaces the children. */
  set textContent(text: string) {
    this.#text = text;
    this.children = [];
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  hasAttribute(name: string): boolean {
    return this.attributes.has(name);
  }
  querySelector(selector: string): FakeElement | null {
    return this.children.find((child) => child.tagName === selector) ?? null;
  }
  appendChild(child: FakeElement): void {
    this.children.push(child);
  }
  /** The iframe the loader put here, if any. */
  get frame(): FakeElement | undefined {
    return this.children.find((child) => child.tagName === 'iframe');
  }
}

interface MessageLike {
  origin: string;
  data: unknown;
  source: unknown;
}

/** A page holding `placeholders` (data-* attributes without the `data-` prefix, and the link's text). */
function fakePage(
  placeholders: { attributes: Record<string, string>; linkText?: string }[],
  scriptSrc = `${PORTAL}/widget.js`,
) {
  const elements = placeholders.map(({ attributes, linkText }) => {
    const element = new FakeElement('div');
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(`data-${name}`, value);
    if (linkText !== undefined) {
      const link = new FakeElement('a');
      link.textContent = linkText;
      element.appendChild(link);
    }
    return element;
  });
  const listeners: ((event: MessageLike) => void)[] = [];
  const document = {
    currentScript: { src: scriptSrc },
    readyState: 'complete',
    addEventListener: () => undefined,
    querySelectorAll: (selector: string) => (selector === '[data-hotro-widget]' ? elements : []),
    createElement: (tag: string) => new FakeElement(tag),
  };
  const window = {
    addEventListener: (type: string, listener: (event: MessageLike) => void) => {
      if (type === 'message') listeners.push(listener);
    },
  };
  const run = () => vm.runInNewContext(source, { window, document, URL });
  const post = (event: MessageLike) => {
    for (const listener of listeners) listener(event);
  };
  return { elements, run, post, listeners };
}

describe('the widget loader: what it puts on the page', () => {
  it('turns each placeholder into an iframe of its embed, with the documented options', () => {
    const page = fakePage([
      {
        attributes: {
          'hotro-widget': 'locator',
          lang: 'vi',
          province: '01',
          service: 'methadone',
          theme: 'dark',
          accent: 'green',
        },
        linkText: ' Tìm nơi hỗ trợ ',
      },
      { attributes: { 'hotro-widget': 'help', lang: 'en', layout: 'button' } },
      { attributes: { 'hotro-widget': 'campaign', lang: 'en', campaign: 'asking-is-brave' } },
      { attributes: { 'hotro-widget': 'campaign', lang: 'vi' } },
    ]);
    page.run();
    const [locator, help, campaign, newest] = page.elements.map((element) => element.frame);
    expect(locator?.src).toBe(`${PORTAL}/embed/tim-ho-tro?province=01&service=methadone&theme=dark&accent=green`);
    expect(help?.src).toBe(`${PORTAL}/embed/en/ask-for-help?layout=button`);
    expect(campaign?.src).toBe(`${PORTAL}/embed/en/campaigns/asking-is-brave`);
    expect(newest?.src).toBe(`${PORTAL}/embed/chien-dich`);
  });

  it("names the frame with the placeholder's link text, so the widget has an accessible name in its language", () => {
    const page = fakePage([{ attributes: { 'hotro-widget': 'help' }, linkText: '  Xin tư vấn  ' }]);
    page.run();
    expect(page.elements[0]?.frame?.title).toBe('Xin tư vấn');
  });

  it('loads frames lazily and sends them no referrer', () => {
    const page = fakePage([{ attributes: { 'hotro-widget': 'help' } }]);
    page.run();
    expect(page.elements[0]?.frame?.loading).toBe('lazy');
    expect(page.elements[0]?.frame?.referrerPolicy).toBe('no-referrer');
  });

  it('passes on no value outside the documented shapes, and no attribute it does not know', () => {
    const page = fakePage([
      {
        attributes: {
          'hotro-widget': 'locator',
          province: '01&q=<script>',
          commune: '123',
          theme: 'neon',
          accent: 'url(x)',
          title: 'Say something else',
          q: 'anything',
        },
      },
    ]);
    page.run();
    expect(page.elements[0]?.frame?.src).toBe(`${PORTAL}/embed/tim-ho-tro`);
  });

  it('leaves the fallback link in place for an unknown widget or a malformed campaign name', () => {
    const page = fakePage([
      { attributes: { 'hotro-widget': 'toString' }, linkText: 'link' },
      { attributes: { 'hotro-widget': 'map' }, linkText: 'link' },
      { attributes: { 'hotro-widget': 'campaign', campaign: '../../quan-ly' }, linkText: 'link' },
    ]);
    page.run();
    for (const element of page.elements) {
      expect(element.frame).toBeUndefined();
      expect(element.querySelector('a')?.textContent).toBe('link');
    }
  });

  it('mounts each placeholder once when the snippet, and so the loader, is on the page several times', () => {
    const page = fakePage([{ attributes: { 'hotro-widget': 'help' } }, { attributes: { 'hotro-widget': 'locator' } }]);
    page.run();
    page.run();
    for (const element of page.elements)
      expect(element.children.filter((child) => child.tagName === 'iframe')).toHaveLength(1);
  });

  it('takes the portal from its own address, whatever page loads it', () => {
    const page = fakePage([{ attributes: { 'hotro-widget': 'help' } }], 'http://127.0.0.1:4517/widget.js?v=2');
    page.run();
    expect(page.elements[0]?.frame?.src).toBe('http://127.0.0.1:4517/embed/xin-tu-van');
  });

  it("knows the portal's embed paths (its own table matches routes.ts)", () => {
    const page = fakePage([
      { attributes: { 'hotro-widget': 'locator', lang: 'vi' } },
      { attributes: { 'hotro-widget': 'locator', lang: 'en' } },
      { attributes: { 'hotro-widget': 'help', lang: 'vi' } },
      { attributes: { 'hotro-widget': 'help', lang: 'en' } },
      { attributes: { 'hotro-widget': 'campaign', lang: 'vi' } },
      { attributes: { 'hotro-widget': 'campaign', lang: 'en', campaign: 'x' } },
    ]);
    page.run();
    expect(page.elements.map((element) => element.frame?.src.replace(PORTAL, ''))).toEqual([
      embedPath('locator', 'vi'),
      embedPath('locator', 'en'),
      embedPath('help', 'vi'),
      embedPath('help', 'en'),
      embedPath('campaign', 'vi'),
      embedPath('campaign', 'en', 'x'),
    ]);
  });
});

describe('the widget loader: which messages it accepts', () => {
  function mounted() {
    const page = fakePage([{ attributes: { 'hotro-widget': 'locator' } }, { attributes: { 'hotro-widget': 'help' } }]);
    page.run();
    const [first, second] = page.elements.map((element) => element.frame as FakeElement);
    return { page, first: first as FakeElement, second: second as FakeElement };
  }

  it('sizes the frame a height message came from, and only that one', () => {
    const { page, first, second } = mounted();
    page.post({ origin: PORTAL, source: first.contentWindow, data: { type: 'hotro-widget-height', height: 640.2 } });
    expect(first.style.height).toBe('641px');
    expect(second.style.height).toBeUndefined();
  });

  it("ignores messages from any origin but the portal's", () => {
    const { page, first } = mounted();
    for (const origin of [
      'https://school.example.edu.vn',
      'null',
      'https://hotro.example.gov.vn.evil.example',
      'http://hotro.example.gov.vn',
    ]) {
      page.post({ origin, source: first.contentWindow, data: { type: 'hotro-widget-height', height: 300 } });
    }
    expect(first.style.height).toBeUndefined();
  });

  it('ignores messages from windows it did not create, even from the portal', () => {
    const { page, first } = mounted();
    page.post({ origin: PORTAL, source: {}, data: { type: 'hotro-widget-height', height: 300 } });
    expect(first.style.height).toBeUndefined();
  });

  it('ignores anything but exactly a type and a height within bounds', () => {
    const { page, first } = mounted();
    const wrong: unknown[] = [
      300,
      '300',
      null,
      [300],
      { height: 300 },
      { type: 'other', height: 300 },
      { type: 'hotro-widget-height', height: '300' },
      { type: 'hotro-widget-height', height: Number.NaN },
      { type: 'hotro-widget-height', height: -1 },
      { type: 'hotro-widget-height', height: 1e9 },
      { type: 'hotro-widget-height', height: Number.POSITIVE_INFINITY },
      { type: 'hotro-widget-height', height: 300, src: 'https://evil.example/' },
      { type: 'hotro-widget-height', height: 300, style: 'position:fixed' },
    ];
    for (const data of wrong) page.post({ origin: PORTAL, source: first.contentWindow, data });
    expect(first.style.height).toBeUndefined();
  });
});

describe('the widget loader: its weight and manners', () => {
  it('is at most 2 KB gzipped (2,000 bytes)', () => {
    expect(LOADER_BUDGET_BYTES).toBe(2000);
    expect(gzipSync(source, { level: 9 }).length).toBeLessThanOrEqual(LOADER_BUDGET_BYTES);
  });

  it('is plain ASCII, so a host page in any encoding reads it right', () => {
    expect([...source].every((char) => char === '\n' || (char >= ' ' && char <= '~'))).toBe(true);
  });

  it('touches no cookie or storage, and fetches nothing itself', () => {
    const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/cookie|localStorage|sessionStorage|indexedDB|fetch\(|XMLHttpRequest|sendBeacon|import\(/);
  });
});
