import satori from 'satori';
import { Resvg } from '@resvg/resvg-js';
import { useTranslations, type Lang } from '#src/i18n/index.ts';
import { loadShareCardFonts } from '#src/features/content/campaign/share-card.ts';
import { ContentError } from '#src/features/content/errors.ts';
import { CARD_SECTIONS } from './card-content.ts';
import { DRAWING_HEIGHT, DRAWING_WIDTH, recoveryPositionDocument } from './recovery-position.ts';

/**
 * The first-aid card as an image people can send in a chat or keep on their phone: portrait (4:5), the size Facebook
 * and Zalo show in full, drawn at build with the campaign cards' font so every Vietnamese letter is exact.
 */
export const FIRST_AID_IMAGE_WIDTH = 1080;
export const FIRST_AID_IMAGE_HEIGHT = 1350;

const BRAND = '#0b5d7a';
const ALERT = '#b3261e';

/** A Satori element: the shape of a React element (`type`, `key`, `props`), written without JSX or React. */
interface ImageElement {
  readonly type: string;
  readonly key: null;
  readonly props: Record<string, unknown>;
}

function el(type: string, style: Record<string, string | number>, children?: string | ImageElement[]): ImageElement {
  return { type, key: null, props: { style, children } };
}

function image(src: string, width: number, height: number): ImageElement {
  return { type: 'img', key: null, props: { src, width, height, style: { width, height } } };
}

function bullets(lines: readonly string[], size: number, color: string): ImageElement[] {
  return lines.map((line) =>
    el('div', { display: 'flex', fontSize: size, lineHeight: 1.3, color, marginTop: 8 }, [
      el('div', { width: 30, flexShrink: 0 }, '•'),
      el('div', { flex: 1 }, line),
    ]),
  );
}

/** Everything the image shows, translated. `address` is the card page's public address, without the scheme. */
export function firstAidImageLayout(lang: Lang, address: string): ImageElement {
  const t = useTranslations(lang);
  const section = (id: string) => {
    const found = CARD_SECTIONS.find((candidate) => candidate.id === id);
    if (!found) throw new ContentError(`The first-aid card has no section "${id}".`);
    return found;
  };
  const call = section('call');
  const wait = section('wait');
  const dont = section('dont');
  // The drawing is the page's own SVG, embedded as an image: resvg draws it exactly as the browser does.
  const drawingWidth = 700;
  const drawingHeight = Math.round((drawingWidth * DRAWING_HEIGHT) / DRAWING_WIDTH);
  const drawing = `data:image/svg+xml;base64,${Buffer.from(recoveryPositionDocument()).toString('base64')}`;
  return el(
    'div',
    {
      width: FIRST_AID_IMAGE_WIDTH,
      height: FIRST_AID_IMAGE_HEIGHT,
      display: 'flex',
      flexDirection: 'column',
      boxSizing: 'border-box',
      backgroundColor: '#ffffff',
      fontFamily: 'Be Vietnam Pro',
    },
    [
      el('div', { display: 'flex', flexDirection: 'column', backgroundColor: BRAND, padding: '36px 56px 32px' }, [
        el(
          'div',
          { fontSize: 26, fontWeight: 500, color: '#cfe8f1' },
          t('firstAid.card.kicker', { site: t('site.name') }),
        ),
        el(
          'div',
          { fontSize: 54, fontWeight: 700, color: '#ffffff', marginTop: 8, lineHeight: 1.15 },
          t('firstAid.title'),
        ),
      ]),
      el(
        'div',
        {
          display: 'flex',
          flexDirection: 'column',
          margin: '28px 56px 0',
          padding: '22px 28px',
          border: `6px solid ${ALERT}`,
        },
        [
          el('div', { fontSize: 38, fontWeight: 700, color: ALERT }, t(call.title)),
          ...bullets(
            call.lines.map((key) => t(key)),
            28,
            '#111111',
          ),
        ],
      ),
      el('div', { display: 'flex', justifyContent: 'center', marginTop: 18 }, [
        image(drawing, drawingWidth, drawingHeight),
      ]),
      el('div', { display: 'flex', flexDirection: 'column', margin: '8px 56px 0' }, [
        el('div', { fontSize: 34, fontWeight: 700, color: BRAND }, t(wait.title)),
        ...bullets(
          wait.lines.slice(0, 3).map((key) => t(key)),
          25,
          '#111111',
        ),
        el('div', { fontSize: 30, fontWeight: 700, color: ALERT, marginTop: 18 }, t(dont.title)),
        el(
          'div',
          { fontSize: 25, lineHeight: 1.3, color: '#111111', marginTop: 6 },
          dont.lines.map((key) => t(key)).join(' '),
        ),
      ]),
      el(
        'div',
        {
          marginTop: 'auto',
          padding: '18px 56px',
          fontSize: 24,
          fontWeight: 500,
          color: '#ffffff',
          backgroundColor: BRAND,
        },
        t('firstAid.card.footer', { address }),
      ),
    ],
  );
}

/** The image as SVG; a letter the bundled font lacks stops the build (no tofu boxes on a card people rely on). */
export async function firstAidImageSvg(lang: Lang, address: string): Promise<string> {
  const { bold, medium } = await loadShareCardFonts();
  return satori(firstAidImageLayout(lang, address), {
    width: FIRST_AID_IMAGE_WIDTH,
    height: FIRST_AID_IMAGE_HEIGHT,
    fonts: [
      { name: 'Be Vietnam Pro', data: bold, weight: 700, style: 'normal' },
      { name: 'Be Vietnam Pro', data: medium, weight: 500, style: 'normal' },
    ],
    loadAdditionalAsset: (_language, segment) =>
      Promise.reject(new ContentError(`The first-aid image font has no glyph for "${segment}": reword it.`)),
  });
}

/** The image as a PNG, FIRST_AID_IMAGE_WIDTH × FIRST_AID_IMAGE_HEIGHT. */
export async function renderFirstAidImage(lang: Lang, address: string): Promise<Uint8Array<ArrayBuffer>> {
  const svg = await firstAidImageSvg(lang, address);
  const png = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render().asPng();
  return new Uint8Array(png);
}
