import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import satori from 'satori';
import { Resvg } from '@resvg/resvg-js';
import { findProjectRoot } from '#src/lib/project-root.server.ts';
import { ContentError } from '../errors.ts';

/** The Open Graph size Facebook, Zalo and most chat apps expect for a large preview. */
export const SHARE_CARD_WIDTH = 1200;
export const SHARE_CARD_HEIGHT = 630;

/** What one campaign's share card shows. Every text is already translated. */
export interface ShareCardText {
  /** A small line above the title, e.g. "Chiến dịch · Hỗ trợ cai nghiện". */
  kicker: string;
  /** The campaign's title, the largest text. */
  title: string;
  /** The slogan, shown under the title unless it only repeats it. */
  slogan: string;
  /** The bottom line: what the reader can do, and where. */
  footer: string;
}

// Be Vietnam Pro (SIL Open Font License 1.1, see fonts/OFL.txt) was drawn for Vietnamese: every precomposed letter with
// its diacritics (ắ, ệ, ử…) has its own glyph. Satori turns the text into paths, so the PNG needs no font at all.
const FONT_DIR = 'src/features/content/campaign/fonts';
let fontsLoaded: Promise<{ bold: Buffer; medium: Buffer }> | undefined;

/** The bundled Be Vietnam Pro faces (bold, medium), read once; the first-aid card's image uses them too. */
export function loadShareCardFonts(): Promise<{ bold: Buffer; medium: Buffer }> {
  const dir = join(findProjectRoot(import.meta.url), FONT_DIR);
  fontsLoaded ??= Promise.all([
    readFile(join(dir, 'BeVietnamPro-Bold.ttf')),
    readFile(join(dir, 'BeVietnamPro-Medium.ttf')),
  ]).then(([bold, medium]) => ({ bold, medium }));
  return fontsLoaded;
}

/** A Satori element: the shape of a React element (`type`, `key`, `props`), written without JSX or React. */
interface CardElement {
  readonly type: string;
  readonly key: null;
  readonly props: { style: Record<string, string | number>; children?: string | CardElement[] | undefined };
}

function el(type: string, style: Record<string, string | number>, children?: string | CardElement[]): CardElement {
  return { type, key: null, props: { style, children } };
}

/** The title's size: short titles large, long ones smaller so they stay within three lines. */
function titleSize(title: string): number {
  if (title.length <= 24) return 96;
  if (title.length <= 44) return 76;
  return 60;
}

/** True when the slogan only repeats the title (ignoring case, spaces and the final full stop). */
function repeatsTitle(slogan: string, title: string): boolean {
  const plain = (value: string) =>
    value
      .toLocaleLowerCase('vi')
      .replace(/[.!\s]+$/u, '')
      .trim();
  return plain(slogan) === plain(title);
}

/** The card's layout: brand background, kicker, title, slogan, and the next step at the bottom. */
function cardLayout(text: ShareCardText): CardElement {
  const middle = [
    el('div', { fontSize: titleSize(text.title), fontWeight: 700, lineHeight: 1.12, color: '#ffffff' }, text.title),
  ];
  if (!repeatsTitle(text.slogan, text.title)) {
    middle.push(
      el('div', { marginTop: 28, fontSize: 40, fontWeight: 500, lineHeight: 1.3, color: '#ffe08a' }, text.slogan),
    );
  }
  return el(
    'div',
    {
      width: SHARE_CARD_WIDTH,
      height: SHARE_CARD_HEIGHT,
      display: 'flex',
      flexDirection: 'column',
      justifyContent: 'space-between',
      boxSizing: 'border-box',
      padding: '64px 80px',
      backgroundColor: '#0b5d7a',
      fontFamily: 'Be Vietnam Pro',
    },
    [
      el('div', { fontSize: 30, fontWeight: 500, color: '#cfe8f1' }, text.kicker),
      el('div', { display: 'flex', flexDirection: 'column' }, middle),
      el(
        'div',
        { fontSize: 30, fontWeight: 500, color: '#ffffff', borderTop: '4px solid #ffbf47', paddingTop: 24 },
        text.footer,
      ),
    ],
  );
}

/** The card as SVG, with every letter drawn from the bundled font; a letter the font lacks stops the build. */
export async function shareCardSvg(text: ShareCardText): Promise<string> {
  const { bold, medium } = await loadShareCardFonts();
  const normalized: ShareCardText = {
    kicker: text.kicker.normalize('NFC'),
    title: text.title.normalize('NFC'),
    slogan: text.slogan.normalize('NFC'),
    footer: text.footer.normalize('NFC'),
  };
  return satori(cardLayout(normalized), {
    width: SHARE_CARD_WIDTH,
    height: SHARE_CARD_HEIGHT,
    fonts: [
      { name: 'Be Vietnam Pro', data: bold, weight: 700, style: 'normal' },
      { name: 'Be Vietnam Pro', data: medium, weight: 500, style: 'normal' },
    ],
    // Satori asks for another font only when a character has no glyph in ours: a tofu box on a share card is a bug.
    loadAdditionalAsset: (_language, segment) =>
      Promise.reject(
        new ContentError(`The share card font has no glyph for "${segment}" in "${normalized.title}": reword it.`),
      ),
  });
}

/** The card as a 1200×630 PNG. */
export async function renderShareCard(text: ShareCardText): Promise<Uint8Array<ArrayBuffer>> {
  const svg = await shareCardSvg(text);
  const png = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render().asPng();
  return new Uint8Array(png);
}
