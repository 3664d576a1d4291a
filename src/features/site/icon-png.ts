import { Resvg } from '@resvg/resvg-js';
import { iconSvg, type PngIcon } from './icons.ts';

/** One PNG icon, drawn from the SVG icon at its size (at build: the icon routes are prerendered). */
export function renderPngIcon(icon: PngIcon): Uint8Array<ArrayBuffer> {
  const svg = iconSvg({ fullBleed: icon.purpose === 'maskable' });
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: icon.size } }).render().asPng();
  return new Uint8Array(png);
}
