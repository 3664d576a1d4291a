/**
 * The locator's map as an SVG string: the 34 provinces from the precomputed paths, the Hoàng Sa and Trường Sa
 * archipelagos labelled, the results as numbered circles and the searched place as a ring. No tiles, no script, no
 * third-party request; colours are SVG attributes (the CSP blocks inline `style`), so it draws even without CSS.
 *
 * Server-side (rendered into the page), but pure: no data but the generated paths, no I/O.
 */
import { mapGeometry } from './province-paths.ts';
import { isOnMap, MAP_SIZE, project } from './projection.ts';

/**
 * The credit the boundary data requires on every map that shows it (src/features/admin-units/data/SOURCES.md), word
 * for word, in every language.
 */
export const BOUNDARY_CREDIT = 'Nguồn: sapnhap.bando.com.vn (NXB Tài nguyên – Môi trường và Bản đồ Việt Nam)';

/** A numbered result marker. */
export interface MapMarker {
  readonly lat: number;
  readonly lon: number;
  /** The number shown in the results list next to the same point. */
  readonly n: number;
}

/** What to draw, with every text already translated. */
export interface MapOptions {
  /** Unique per page: prefixes the ids that `aria-labelledby` points to. */
  readonly id: string;
  /** Accessible name, e.g. "Bản đồ: 5 điểm hỗ trợ gần Đặc khu Phú Quốc". */
  readonly title: string;
  /** Says where the text alternative is (the results list). */
  readonly description: string;
  readonly labels: { readonly hoangSa: string; readonly truongSa: string };
  /** A province to draw in the accent colour. */
  readonly highlightProvince?: string | undefined;
  /** The searched place or position. */
  readonly origin?: { readonly lat: number; readonly lon: number } | undefined;
  readonly markers?: readonly MapMarker[] | undefined;
}

const COLORS = {
  land: '#d5dee6',
  islands: '#4a5361',
  border: '#ffffff',
  highlight: '#9cc3d5',
  marker: '#0b5d7a',
  origin: '#b3261e',
  label: '#1b1f24',
  frame: '#4a5361',
} as const;

/** The whole figure: `<figure>` with the SVG (`role="img"`, named and described) and the credit under it. */
export function renderMapFigure(options: MapOptions): string {
  // The credit is the publisher's own Vietnamese line on every page: marked as such for screen readers on English ones.
  return `<figure class="locator-map">${renderMapSvg(options)}<figcaption class="locator-map__credit" lang="vi">${escapeXml(BOUNDARY_CREDIT)}</figcaption></figure>`;
}

/** The SVG element alone. */
export function renderMapSvg(options: MapOptions): string {
  const titleId = `${options.id}-title`;
  const descId = `${options.id}-desc`;
  const { hoangSa, truongSa } = mapGeometry.archipelagos;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="locator-map__svg" viewBox="0 0 ${MAP_SIZE.width} ${MAP_SIZE.height}" width="${MAP_SIZE.width}" height="${MAP_SIZE.height}" role="img" aria-labelledby="${titleId}" aria-describedby="${descId}" focusable="false">`,
    `<title id="${titleId}">${escapeXml(options.title)}</title>`,
    `<desc id="${descId}">${escapeXml(options.description)}</desc>`,
    `<g fill="${COLORS.land}" stroke="${COLORS.border}" stroke-width="0.8" stroke-linejoin="round">`,
  ];
  for (const province of mapGeometry.provinces) {
    const highlighted = province.code === options.highlightProvince;
    parts.push(
      highlighted
        ? `<path d="${province.d}" fill="${COLORS.highlight}" class="locator-map__province--highlight" data-code="${province.code}"/>`
        : `<path d="${province.d}" data-code="${province.code}"/>`,
    );
  }
  parts.push('</g>');
  // The archipelagos: islands in a darker colour with no outline (a white outline would swallow them), a dashed
  // frame and a name, so they read as what they are even on a small screen.
  for (const [name, archipelago] of [
    ['hoangSa', hoangSa],
    ['truongSa', truongSa],
  ] as const) {
    const fill = archipelago.provinceCode === options.highlightProvince ? COLORS.marker : COLORS.islands;
    const { box } = archipelago;
    parts.push(
      `<g class="locator-map__archipelago" data-archipelago="${name}" data-code="${archipelago.provinceCode}">`,
      `<rect x="${round(box.x - 6)}" y="${round(box.y - 6)}" width="${round(box.width + 12)}" height="${round(box.height + 12)}" rx="8" fill="none" stroke="${COLORS.frame}" stroke-width="1" stroke-dasharray="4 3"/>`,
      `<path d="${archipelago.d}" fill="${fill}"/>`,
      `<text x="${round(box.x + box.width / 2)}" y="${round(box.y - 14)}" fill="${COLORS.label}" font-size="24" font-weight="700" text-anchor="middle" font-family="system-ui, sans-serif">${escapeXml(options.labels[name])}</text>`,
      '</g>',
    );
  }

  const markers = (options.markers ?? []).filter((marker) => isOnMap(marker.lat, marker.lon));
  if (markers.length > 0) {
    parts.push(`<g fill="${COLORS.marker}" stroke="#ffffff" stroke-width="1.5">`);
    // The nearest result last, so it is drawn on top of the others.
    for (const marker of [...markers].reverse()) {
      const { x, y } = project(marker.lat, marker.lon);
      parts.push(`<circle cx="${x}" cy="${y}" r="6" data-n="${marker.n}"/>`);
    }
    parts.push('</g>');
  }
  if (options.origin !== undefined && isOnMap(options.origin.lat, options.origin.lon)) {
    const { x, y } = project(options.origin.lat, options.origin.lon);
    parts.push(
      `<g fill="none" stroke="${COLORS.origin}" stroke-width="3" class="locator-map__origin"><circle cx="${x}" cy="${y}" r="10"/><path d="M${round(x - 15)} ${y}h30M${x} ${round(y - 15)}v30" stroke-width="2"/></g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Escapes text for XML/HTML element content and double-quoted attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
