/**
 * The recovery-position drawing of the first-aid card, drawn for this portal (original work, no font, no raster): a
 * person lying on their side with the head tilted back and resting on the upper hand, the lower arm at a right angle,
 * the upper knee bent to keep the body from rolling, and a telephone showing 115. The same SVG is inlined in the page
 * (so it prints crisply and needs no request) and embedded in the shareable PNG.
 */

/** What a reader of the drawing is told: its accessible title and description, already translated. */
export interface DrawingText {
  title: string;
  description: string;
}

// The digits are strokes, not text: the drawing needs no font, so it looks the same in a browser, on paper and in the
// PNG (which is rendered without system fonts).
function digitOne(x: number, y: number): string {
  return `M${x + 4} ${y + 6} L${x + 10} ${y} L${x + 10} ${y + 28}`;
}
function digitFive(x: number, y: number): string {
  return `M${x + 16} ${y} L${x + 3} ${y} L${x + 2} ${y + 12} Q${x + 17} ${y + 9} ${x + 17} ${y + 19} Q${x + 16} ${y + 29} ${x + 1} ${y + 26}`;
}

const INK = '#0b5d7a';
const ALERT = '#b3261e';

/** The drawing's inner SVG, without the outer element (so the page and the PNG can wrap it differently). */
function drawingBody(): string {
  const digits = [digitOne(318, 40), digitOne(338, 40), digitFive(358, 40)].join(' ');
  return [
    // Floor.
    `<line x1="16" y1="196" x2="404" y2="196" stroke="#6b7280" stroke-width="3" stroke-linecap="round"/>`,
    // Lower arm: from the shoulder down to the floor, then along the floor in front of the face.
    `<path d="M112 160 L98 190 L26 190" fill="none" stroke="${INK}" stroke-width="14" stroke-linecap="round" stroke-linejoin="round"/>`,
    // Straight lower leg along the floor.
    `<path d="M236 164 L300 176 L380 186" fill="none" stroke="${INK}" stroke-width="18" stroke-linecap="round" stroke-linejoin="round"/>`,
    // Body on its side.
    `<line x1="112" y1="148" x2="236" y2="156" stroke="${INK}" stroke-width="30" stroke-linecap="round"/>`,
    // Upper leg: knee bent at a right angle, resting in front, so the body cannot roll (outlined to stand apart).
    `<path d="M232 150 L292 138 L302 188" fill="none" stroke="#ffffff" stroke-width="26" stroke-linecap="round" stroke-linejoin="round"/>`,
    `<path d="M232 150 L292 138 L302 188" fill="none" stroke="${INK}" stroke-width="18" stroke-linecap="round" stroke-linejoin="round"/>`,
    // Upper arm: from the shoulder to the back of the hand under the cheek (outlined to stand apart).
    `<path d="M116 150 L106 174 L58 174" fill="none" stroke="#ffffff" stroke-width="20" stroke-linecap="round" stroke-linejoin="round"/>`,
    `<path d="M116 150 L106 174 L58 174" fill="none" stroke="${INK}" stroke-width="12" stroke-linecap="round" stroke-linejoin="round"/>`,
    // Head, tilted back to keep the airway open, resting on the hand; the mouth towards the floor so fluid can drain.
    `<circle cx="70" cy="140" r="25" fill="${INK}"/>`,
    `<path d="M47 150 Q44 158 50 163" fill="none" stroke="#ffffff" stroke-width="3" stroke-linecap="round"/>`,
    // The telephone with 115.
    `<rect x="304" y="20" width="92" height="66" rx="12" fill="${ALERT}"/>`,
    `<path d="${digits}" fill="none" stroke="#ffffff" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/>`,
    `<path d="M286 40 Q278 53 286 66 M276 32 Q264 53 276 74" fill="none" stroke="${ALERT}" stroke-width="4" stroke-linecap="round"/>`,
  ].join('');
}

/** The drawing's width and height in SVG units. */
export const DRAWING_WIDTH = 420;
export const DRAWING_HEIGHT = 210;

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The drawing as an accessible inline SVG for the page: one image with a title and a description, ids unique by
 * `idPrefix`.
 */
export function recoveryPositionSvg(text: DrawingText, idPrefix = 'recovery'): string {
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${DRAWING_WIDTH} ${DRAWING_HEIGHT}" role="img" ` +
    `aria-labelledby="${titleId} ${descId}" class="first-aid__drawing">` +
    `<title id="${titleId}">${escapeXml(text.title)}</title><desc id="${descId}">${escapeXml(text.description)}</desc>` +
    drawingBody() +
    `</svg>`
  );
}

/** The same drawing as a standalone SVG document (for the PNG), at `scale` times its size. */
export function recoveryPositionDocument(scale = 1): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${DRAWING_WIDTH * scale}" height="${DRAWING_HEIGHT * scale}" ` +
    `viewBox="0 0 ${DRAWING_WIDTH} ${DRAWING_HEIGHT}">${drawingBody()}</svg>`
  );
}
