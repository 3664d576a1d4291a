/**
 * The operator's emblem (OPERATOR_EMBLEM): a PNG, SVG or WebP file of at most 200 KB, whose content is what its name
 * says, read once; anything else is refused with one line naming the variable; the about page shows it beside the
 * operator's name (so with an empty alt: a screen reader reads the name once), and shows none when it is unset.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EMBLEM_MAX_BYTES, readOperatorEmblem } from '#src/features/site/operator-emblem.server.ts';
import AboutPage from '#src/features/site/views/AboutPage.astro';
import { EnvError } from '#src/lib/errors.ts';

// A 1 × 1 PNG, a 1 × 1 lossless WebP and a small SVG: real images.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const WEBP = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
const SVG =
  '<?xml version="1.0" encoding="UTF-8"?>\n<!-- emblem -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#c00"/></svg>\n';
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

let dir: string;
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
function refusal(path: string): string {
  try {
    readOperatorEmblem(path);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).message;
  }
  throw new Error('the emblem was accepted');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hotro-emblem-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('OPERATOR_EMBLEM', () => {
  it.each([
    ['emblem.png', PNG, 'image/png'],
    ['emblem.webp', WEBP, 'image/webp'],
    ['emblem.svg', SVG, 'image/svg+xml'],
    ['EMBLEM.SVG', `\uFEFF  ${SVG}`, 'image/svg+xml'],
  ] as const)('accepts %s as %s, as a data: URL', (name, content, type) => {
    const emblem = readOperatorEmblem(file(name, content));
    expect(emblem.mediaType).toBe(type);
    expect(emblem.src).toBe(`data:${type};base64,${Buffer.from(content).toString('base64')}`);
  });

  it('accepts 200 KB and refuses one byte more, saying how large it is', () => {
    const padded = (size: number) => Buffer.concat([PNG, Buffer.alloc(size - PNG.length)]);
    expect(readOperatorEmblem(file('big.png', padded(EMBLEM_MAX_BYTES))).mediaType).toBe('image/png');
    expect(refusal(file('bigger.png', padded(EMBLEM_MAX_BYTES + 1)))).toBe(
      'OPERATOR_EMBLEM must be at most 200 KB (got 201 KB in "bigger.png")',
    );
  });

  it('refuses a missing file or a folder', () => {
    expect(refusal(join(dir, 'none.png'))).toMatch(/^OPERATOR_EMBLEM must name an image file that exists/);
    mkdirSync(join(dir, 'folder.svg'));
    expect(refusal(join(dir, 'folder.svg'))).toMatch(/^OPERATOR_EMBLEM must name an image file, not a folder/);
  });

  it('refuses what is not a PNG, SVG or WebP image, whatever its name', () => {
    expect(refusal(file('photo.png', JPEG))).toBe('OPERATOR_EMBLEM must be a PNG, SVG or WebP image (got "photo.png")');
    expect(refusal(file('page.svg', '<html><body>not an image</body></html>'))).toMatch(/must be a PNG, SVG or WebP/);
    expect(refusal(file('empty.webp', ''))).toMatch(/must be a PNG, SVG or WebP/);
  });

  it('refuses an image whose name says another kind', () => {
    expect(refusal(file('logo.png', SVG))).toBe(
      'OPERATOR_EMBLEM must be the kind of image its name says (got "logo.png", which holds an SVG image)',
    );
  });
});

describe('the about page', () => {
  let container: AstroContainer;
  beforeAll(async () => {
    container = await AstroContainer.create();
  });
  afterAll(() => vi.unstubAllEnvs());

  it('shows the emblem beside the operator’s name, which it does not repeat to a screen reader (vi and en)', async () => {
    vi.stubEnv('OPERATOR_NAME', 'Sở Y tế tỉnh Thái Nguyên');
    vi.stubEnv('OPERATOR_EMBLEM', file('about.svg', SVG));
    for (const lang of ['vi', 'en'] as const) {
      const html = await container.renderToString(AboutPage, { props: { lang } });
      const src = `data:image/svg+xml;base64,${Buffer.from(SVG).toString('base64')}`;
      expect(html).toContain(`<img class="operator-emblem" src="${src}" alt="" data-operator-emblem>`);
      expect(html).toContain('<strong>Sở Y tế tỉnh Thái Nguyên</strong>');
    }
  });

  it('shows no emblem when none is configured, and none without an operator', async () => {
    vi.stubEnv('OPERATOR_EMBLEM', '');
    vi.stubEnv('OPERATOR_NAME', 'Sở Y tế tỉnh Thái Nguyên');
    expect(await container.renderToString(AboutPage, { props: { lang: 'vi' } })).not.toContain('<img');
    vi.stubEnv('OPERATOR_NAME', '');
    const html = await container.renderToString(AboutPage, { props: { lang: 'en' } });
    expect(html).not.toContain('<img');
    expect(html).toContain('data-operator-none');
  });
});
