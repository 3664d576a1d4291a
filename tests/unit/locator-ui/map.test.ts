import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildMapGeometry, countArchipelagoIslands } from '#src/features/locator/map/build-paths.ts';
import { readTopology } from '#src/features/locator/map/generate-paths.ts';
import { mapGeometry } from '#src/features/locator/map/province-paths.ts';
import { MAP_SIZE, project } from '#src/features/locator/map/projection.ts';
import { BOUNDARY_CREDIT, renderMapFigure } from '#src/features/locator/map/render-map.ts';

const SVG_GZIP_BUDGET = 15 * 1024;
const labels = {
  vi: { hoangSa: 'Quần đảo Hoàng Sa', truongSa: 'Quần đảo Trường Sa' },
  en: { hoangSa: 'Hoàng Sa archipelago', truongSa: 'Trường Sa archipelago' },
};

function figure(lang: 'vi' | 'en', markers = 10) {
  return renderMapFigure({
    id: 'm',
    title: 'Bản đồ',
    description: 'Danh sách kết quả là nội dung thay thế',
    labels: labels[lang],
    highlightProvince: '48',
    origin: { lat: 16.05, lon: 108.2 },
    markers: Array.from({ length: markers }, (_, index) => ({
      lat: 16 + index / 10,
      lon: 108 + index / 10,
      n: index + 1,
    })),
  });
}

describe('the locator map', () => {
  it('keeps every island of the Hoàng Sa and Trường Sa archipelagos', () => {
    const topology = readTopology();
    const islands = countArchipelagoIslands(topology);
    expect(islands.hoangSa).toBeGreaterThanOrEqual(5);
    expect(islands.truongSa).toBeGreaterThanOrEqual(20);
    // One closed sub-path ("M…z") per island: none is lost to simplification or rounding.
    expect(mapGeometry.archipelagos.hoangSa.d.match(/M/g)?.length).toBe(islands.hoangSa);
    expect(mapGeometry.archipelagos.truongSa.d.match(/M/g)?.length).toBe(islands.truongSa);
  });

  it('draws the archipelagos inside the picture, where they are', () => {
    for (const [name, lat, lon] of [
      ['hoangSa', 16.5, 112],
      ['truongSa', 10, 114.5],
    ] as const) {
      const { box } = mapGeometry.archipelagos[name];
      const point = project(lat, lon);
      expect(point.x).toBeGreaterThan(box.x);
      expect(point.x).toBeLessThan(box.x + box.width);
      expect(point.y).toBeGreaterThan(box.y);
      expect(point.y).toBeLessThan(box.y + box.height);
      expect(box.x + box.width).toBeLessThan(MAP_SIZE.width);
      expect(box.y + box.height).toBeLessThan(MAP_SIZE.height);
    }
  });

  it('has all 34 provinces', () => {
    expect(mapGeometry.provinces).toHaveLength(34);
    expect(mapGeometry.provinces.every((province) => /^M\d/.test(province.d))).toBe(true);
  });

  it('is generated from the current boundaries (run generate-paths.ts when this fails)', () => {
    expect(mapGeometry).toEqual(buildMapGeometry(readTopology()));
  });

  it('names both archipelagos in Vietnamese and in English', () => {
    expect(figure('vi')).toContain('>Quần đảo Hoàng Sa</text>');
    expect(figure('vi')).toContain('>Quần đảo Trường Sa</text>');
    expect(figure('en')).toContain('>Hoàng Sa archipelago</text>');
    expect(figure('en')).toContain('>Trường Sa archipelago</text>');
  });

  it('credits the boundary source under the map, word for word', () => {
    expect(BOUNDARY_CREDIT).toBe('Nguồn: sapnhap.bando.com.vn (NXB Tài nguyên – Môi trường và Bản đồ Việt Nam)');
    expect(figure('en')).toMatch(
      /<\/svg><figcaption[^>]*>Nguồn: sapnhap\.bando\.com\.vn \(NXB Tài nguyên – Môi trường và Bản đồ Việt Nam\)<\/figcaption><\/figure>$/,
    );
  });

  it('is an image with an accessible name and description', () => {
    const svg = figure('vi');
    expect(svg).toContain('role="img" aria-labelledby="m-title" aria-describedby="m-desc"');
    expect(svg).toContain('<title id="m-title">Bản đồ</title>');
    expect(svg).toContain('<desc id="m-desc">Danh sách kết quả là nội dung thay thế</desc>');
  });

  it('marks results and the searched place with SVG attributes, never inline styles', () => {
    const svg = figure('vi');
    expect(svg.match(/<circle [^>]*data-n=/g)).toHaveLength(10);
    expect(svg).toContain('class="locator-map__origin"');
    expect(svg).not.toMatch(/style=/);
  });

  it('escapes text it is given', () => {
    const svg = renderMapFigure({ id: 'x', title: '<script>"', description: '&', labels: labels.vi });
    expect(svg).toContain('&#60;script&#62;&#34;');
    expect(svg).not.toContain('<script>');
  });

  it(`stays under ${SVG_GZIP_BUDGET / 1024} KB gzipped with ten results`, () => {
    const svg = figure('vi');
    const gzipped = gzipSync(svg, { level: 9 }).length;
    expect(gzipped).toBeLessThanOrEqual(SVG_GZIP_BUDGET);
  });
});
