/**
 * Builds the administrative-unit data files of `src/features/admin-units/data/` from the shared, read-only source
 * folder `../shared/data/vn-admin-2025/` (beside the repository).
 *
 * Run: `npx node scripts/build-admin-units.ts`. The output is deterministic: the same source gives the same bytes,
 * and `tests/unit/admin-units/generated-data.test.ts` checks that the committed files are up to date.
 *
 * The app never reads `../shared` at run time; it reads only what this script writes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'astro/zod';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { toAscii } from '../src/features/admin-units/normalize.ts';

/** Where the shared source data lives, resolved from this file so the working directory does not matter. */
export const DEFAULT_SOURCE_DIR = new URL('../../shared/data/vn-admin-2025/', import.meta.url);
/** Where the generated files go. */
export const OUTPUT_DIR = new URL('../src/features/admin-units/data/', import.meta.url);

/** One generated file: its path relative to {@link OUTPUT_DIR} and its exact content. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string | Uint8Array;
}

/** The commune types, in the order their index is stored in `units.json`. */
export const COMMUNE_TYPES = ['Xã', 'Phường', 'Đặc khu'] as const;
/** The pre-2025 unit types, in the order their index is stored in `old-units.json`. */
export const OLD_UNIT_TYPES = ['Xã', 'Phường', 'Thị trấn', 'Huyện'] as const;
const PROVINCE_TYPES = ['Tỉnh', 'Thành phố'] as const;

const code2 = z.string().regex(/^\d{2}$/u);
const code5 = z.string().regex(/^\d{5}$/u);
const provinceSource = z.object({
  code: code2,
  name: z.string().min(1),
  fullName: z.string().min(1),
  type: z.enum(PROVINCE_TYPES),
  nameEn: z.string().min(1),
  lat: z.number(),
  lon: z.number(),
  mergedFrom: z.array(z.object({ code: code2, fullName: z.string() })).min(1),
  altNames: z.array(z.string().min(1)).optional(),
});
const communeSource = z.object({
  code: code5,
  name: z.string().min(1),
  fullName: z.string().min(1),
  type: z.enum(COMMUNE_TYPES),
  provinceCode: code2,
  nameEn: z.string().min(1),
  lat: z.number(),
  lon: z.number(),
  altNames: z.array(z.string().min(1)).optional(),
});
const oldProvinceSource = z.object({
  oldCode: code2,
  oldName: z.string().min(1),
  oldFullName: z.string().min(1),
  newCode: code2,
});
const oldCommuneSource = z.object({
  // The five island districts that had no communes carry their 3-digit district code.
  oldCode: z.string().regex(/^(\d{3}|\d{5})$/u),
  oldLevel: z.enum(['commune', 'district']),
  oldFullName: z.string().min(1),
  oldProvinceCode: code2,
  oldProvinceName: z.string().min(1),
  newCommunes: z.array(z.object({ code: code5, fullName: z.string(), provinceCode: code2 })).min(1),
});

type ProvinceSource = z.infer<typeof provinceSource>;
type CommuneSource = z.infer<typeof communeSource>;
type OldProvinceSource = z.infer<typeof oldProvinceSource>;
type OldCommuneSource = z.infer<typeof oldCommuneSource>;

/**
 * Reads the shared source folder and returns every generated file, in memory. Throws with a readable message when
 * the source does not have the shape or the counts this module relies on.
 */
export function buildAdminUnitFiles(sourceDir: URL = DEFAULT_SOURCE_DIR): GeneratedFile[] {
  const read = (path: string): Uint8Array => readFileSync(new URL(path, sourceDir));
  const readJson = <T>(path: string, schema: z.ZodType<T>): T[] => {
    const parsed = z.array(schema).safeParse(JSON.parse(new TextDecoder().decode(read(path))));
    if (!parsed.success) throw new Error(`${path} does not have the expected shape:\n${z.prettifyError(parsed.error)}`);
    return parsed.data;
  };

  const provinces = readJson('provinces.json', provinceSource);
  const communes = readJson('communes.json', communeSource);
  const oldProvinces = readJson('old-provinces-to-new.json', oldProvinceSource);
  const oldCommunes = readJson('old-communes-to-new.json', oldCommuneSource);
  checkSource(provinces, communes, oldProvinces, oldCommunes);

  return [
    { path: 'units.json', content: unitsJson(provinces, communes, oldProvinces) },
    { path: 'old-units.json', content: oldUnitsJson(oldProvinces, oldCommunes) },
    // Copied byte for byte: the map module will read it as it is.
    { path: 'provinces-simplified.topojson', content: read('provinces-simplified.topojson') },
    { path: 'province-outlines.json', content: provinceOutlinesJson(read('provinces-simplified.topojson')) },
    {
      path: 'licenses/thanglequoc-vietnamese-provinces-database.LICENSE.txt',
      content: read('source/thanglequoc-vietnamese-provinces-database/LICENSE.txt'),
    },
    { path: 'licenses/dvhcvn-20250701.LICENSE.txt', content: read('source/dvhcvn-20250701/LICENSE.txt') },
    { path: 'SOURCES.md', content: SOURCES_MD },
  ];
}

/**
 * The same simplified outlines decoded to plain rings of [lon, lat] (4 decimals, about 11 m), by province code: what
 * the directory import checks a point's position against (`province-outline.ts`), as JSON the bundler carries.
 */
function provinceOutlinesJson(topojson: Uint8Array): string {
  const topology = JSON.parse(Buffer.from(topojson).toString('utf8')) as Topology<{
    provinces: GeometryCollection<{ code: string }>;
  }>;
  const outlines: Record<string, number[][][]> = {};
  for (const item of feature(topology, topology.objects.provinces).features) {
    const geometry = item.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    outlines[item.properties.code] = polygons
      .flat()
      .map((ring) =>
        ring.map(([lon, lat]) => [Math.round((lon ?? 0) * 1e4) / 1e4, Math.round((lat ?? 0) * 1e4) / 1e4]),
      );
  }
  return `${JSON.stringify(outlines)}\n`;
}

/** Writes generated files under `outDir`, creating folders as needed. */
export function writeAdminUnitFiles(files: readonly GeneratedFile[], outDir: URL = OUTPUT_DIR): void {
  for (const file of files) {
    const target = new URL(file.path, outDir);
    mkdirSync(new URL('.', target), { recursive: true });
    writeFileSync(target, file.content);
  }
}

function checkSource(
  provinces: readonly ProvinceSource[],
  communes: readonly CommuneSource[],
  oldProvinces: readonly OldProvinceSource[],
  oldCommunes: readonly OldCommuneSource[],
): void {
  const fail = (message: string): never => {
    throw new Error(`vn-admin-2025 source check failed: ${message}`);
  };
  if (provinces.length !== 34) fail(`expected 34 provinces, found ${provinces.length}`);
  if (communes.length !== 3321) fail(`expected 3,321 communes, found ${communes.length}`);
  if (new Set(provinces.map((p) => p.code)).size !== provinces.length) fail('province codes are not unique');
  if (new Set(communes.map((c) => c.code)).size !== communes.length) fail('commune codes are not unique');
  const provinceCodes = new Set(provinces.map((p) => p.code));
  const communeCodes = new Set(communes.map((c) => c.code));
  for (const unit of [...provinces, ...communes]) {
    // The app rebuilds fullName from type + name, so this must hold for every record.
    if (unit.fullName !== `${unit.type} ${unit.name}`) fail(`${unit.code}: fullName is not "type name"`);
    if (unit.name !== unit.name.normalize('NFC')) fail(`${unit.code}: name is not NFC`);
  }
  for (const commune of communes) {
    if (!provinceCodes.has(commune.provinceCode)) fail(`${commune.code}: unknown province ${commune.provinceCode}`);
  }
  const oldByCode = new Map(oldProvinces.map((p) => [p.oldCode, p]));
  for (const oldProvince of oldProvinces) {
    if (!provinceCodes.has(oldProvince.newCode)) fail(`old province ${oldProvince.oldCode}: unknown new code`);
    if (oldProvinceName(oldProvince.oldFullName) !== oldProvince.oldName) {
      fail(`old province ${oldProvince.oldCode}: oldName is not oldFullName without its type word`);
    }
  }
  for (const province of provinces) {
    for (const merged of province.mergedFrom) {
      if (oldByCode.get(merged.code)?.newCode !== province.code) fail(`${province.code}: mergedFrom ${merged.code}`);
    }
  }
  for (const old of oldCommunes) {
    const oldProvince = oldByCode.get(old.oldProvinceCode) ?? fail(`${old.oldCode}: unknown old province`);
    if (old.oldProvinceName !== oldProvince.oldFullName) fail(`${old.oldCode}: old province name differs`);
    if (splitOldName(old.oldFullName) === undefined) fail(`${old.oldCode}: unknown type word in "${old.oldFullName}"`);
    for (const next of old.newCommunes) {
      if (!communeCodes.has(next.code)) fail(`${old.oldCode}: unknown new commune ${next.code}`);
      // units.json does not store the new province of a mapping: it is always the old province's new province.
      if (next.provinceCode !== oldProvince.newCode) fail(`${old.oldCode}: mapping crosses provinces`);
    }
  }
}

// units.json: provinces as small objects (34 of them), communes as arrays
// [code, name, typeIndex, provinceCode, lat, lon, extra?] where extra holds altNames and/or nameEn only when present.
// fullName (type + name), typeEn and most nameEn (the name without accents) are rebuilt by units.ts.
function unitsJson(
  provinces: readonly ProvinceSource[],
  communes: readonly CommuneSource[],
  oldProvinces: readonly OldProvinceSource[],
): string {
  const oldNameByCode = new Map(oldProvinces.map((p) => [p.oldCode, p.oldName]));
  const provinceLines = [...provinces].sort(byKey((p) => p.code)).map((p) =>
    JSON.stringify({
      code: p.code,
      name: p.name,
      type: p.type,
      nameEn: p.nameEn,
      lat: round5(p.lat),
      lon: round5(p.lon),
      ...(p.altNames ? { altNames: p.altNames } : {}),
      mergedFrom: p.mergedFrom.map((m) => oldNameByCode.get(m.code) ?? m.fullName),
    }),
  );
  const communeLines = [...communes].sort(byKey((c) => c.code)).map((c) => {
    const row: unknown[] = [
      c.code,
      c.name,
      COMMUNE_TYPES.indexOf(c.type),
      c.provinceCode,
      round5(c.lat),
      round5(c.lon),
    ];
    const extra = {
      ...(c.altNames ? { altNames: c.altNames } : {}),
      // Only two communes (Hoàng Sa → Paracel, Trường Sa → Spratly) have an English name that is not the plain name.
      ...(c.nameEn === toAscii(c.name) ? {} : { nameEn: c.nameEn }),
    };
    if (Object.keys(extra).length > 0) row.push(extra);
    return JSON.stringify(row);
  });
  return jsonDocument({
    about: JSON.stringify(ABOUT),
    communeTypes: JSON.stringify(COMMUNE_TYPES),
    provinces: provinceLines,
    communes: communeLines,
  });
}

// old-units.json: provinces as [oldCode, oldFullName, newCode]; communes as
// [oldCode, typeIndex, name, oldProvinceIndex, newCode | newCodes[]]. The province index points into `provinces`;
// the new commune's province is that old province's new code (the source never crosses provinces).
function oldUnitsJson(oldProvinces: readonly OldProvinceSource[], oldCommunes: readonly OldCommuneSource[]): string {
  const sortedProvinces = [...oldProvinces].sort(byKey((p) => p.oldCode));
  const provinceIndex = new Map(sortedProvinces.map((p, i) => [p.oldCode, i]));
  const provinceLines = sortedProvinces.map((p) => JSON.stringify([p.oldCode, p.oldFullName, p.newCode]));
  const communeLines = [...oldCommunes].sort(byKey((c) => c.oldCode)).map((c) => {
    const [typeIndex, name] = splitOldName(c.oldFullName) ?? [0, c.oldFullName];
    const codes = c.newCommunes.map((n) => n.code);
    return JSON.stringify([
      c.oldCode,
      typeIndex,
      name,
      provinceIndex.get(c.oldProvinceCode),
      codes.length === 1 ? codes[0] : codes,
    ]);
  });
  return jsonDocument({
    about: JSON.stringify(ABOUT),
    types: JSON.stringify(OLD_UNIT_TYPES),
    provinces: provinceLines,
    communes: communeLines,
  });
}

// "Xã Khang Ninh" → [0, "Khang Ninh"]. The source writes "Thị Trấn" 12 times beside "Thị trấn" 605 times: one type.
function splitOldName(fullName: string): [number, string] | undefined {
  for (const [index, type] of OLD_UNIT_TYPES.entries()) {
    if (fullName.toLowerCase().startsWith(`${type.toLowerCase()} `)) return [index, fullName.slice(type.length + 1)];
  }
  return undefined;
}

function oldProvinceName(fullName: string): string {
  return fullName.replace(/^(Tỉnh|Thành phố) /u, '');
}

// One record per line: still small, and a data update shows as a readable diff.
function jsonDocument(parts: Readonly<Record<string, string | readonly string[]>>): string {
  const body = Object.entries(parts).map(([key, value]) =>
    typeof value === 'string' ? `${JSON.stringify(key)}:${value}` : `${JSON.stringify(key)}:[\n${value.join(',\n')}\n]`,
  );
  return `{\n${body.join(',\n')}\n}\n`;
}

// Plain code-point order, not localeCompare: the result must not depend on the machine's ICU data.
function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

// Five decimals are about 1 m: enough for markers and nearest-point search, and much shorter.
function round5(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}

const ABOUT =
  'Generated by scripts/build-admin-units.ts from ../shared/data/vn-admin-2025; do not edit. Sources and licences: SOURCES.md.';

const SOURCES_MD = `# Administrative units data: sources and credits

**Generated files: do not edit by hand.** \`scripts/build-admin-units.ts\` writes every file in this folder from the
shared source folder \`../shared/data/vn-admin-2025/\` (outside the repository). Regenerate with
\`npx node scripts/build-admin-units.ts\`; \`tests/unit/admin-units/generated-data.test.ts\` fails when they are stale.
The app reads only these files, never \`../shared\`.

| file | what |
|---|---|
| \`units.json\` | 34 provinces and 3,321 communes (xã, phường, đặc khu) in force since 1 July 2025, with the changes up to the source date 2026-07-25 (Đồng Nai became a centrally-run city on 30 April 2026). Codes are the GSO codes of Decision 19/2025/QĐ-TTg. Points rounded to 5 decimals. |
| \`old-units.json\` | 63 pre-2025 provinces and 10,047 pre-2025 communes (plus 5 island districts that had no communes) mapped to the new units. Server-side lookups only. |
| \`provinces-simplified.topojson\` | 34 province polygons simplified for SVG maps, object \`provinces\`, properties \`code, name, fullName, nameEn\`. Copied unchanged. It keeps the Hoàng Sa and Trường Sa archipelagos. |
| \`province-outlines.json\` | The same 34 outlines decoded to rings of [lon, lat] (4 decimals), by province code: what the directory import checks a point's position against. Small islands are not in them. |
| \`licenses/\` | the MIT licence texts of the two data sources below |

## Sources

1. **thanglequoc/vietnamese-provinces-database** (GitHub), **MIT License**, Copyright (c) 2021 Thang Le Quoc.
   Licence text: \`licenses/thanglequoc-vietnamese-provinces-database.LICENSE.txt\`.
   - The unit list (names, types, codes), built by the repository's author from the GSO API
     (danhmuchanhchinh.nso.gov.vn) with the author's corrections.
     The shared copy fixes one capital: 06325 "xã Bắc Sơn" → "Xã Bắc Sơn".
   - Commit \`cd58063299585146ded3981f2272946ef19ced54\` (release v4.2.0, 2026-08-02), file
     \`json/full_json_generated_data_vn_units_2026-07-25__20_49_07.json\`.
   - Alternative spellings (\`altNames\`, e.g. "Khánh Hòa" beside "Khánh Hoà") also from tag \`v3.0.2\`, commit
     \`78594ea643d5fdebd640ea3889ea91f84b9463ae\`, file \`json/full_json_generated_data_vn_units.json\`, and from dvhcvn.
2. **dvhcvn/20250701** (GitHub), **MIT License**, Copyright (c) 2025 dvhcvn.
   Licence text: \`licenses/dvhcvn-20250701.LICENSE.txt\`.
   - The old → new mappings in \`old-units.json\`: commit \`dd94887ce32324380bc5bb0a76fe39867dafc73b\` (2025-07-12),
     files \`mapping/merges.json\` and \`mapping/splits.json\`.
   - The author parsed Resolutions 60-NQ/TW and 1654–1687/NQ-UBTVQH15 with the help of an LLM, then checked them.
     The shared copy corrects one known error (old 30622 Xã Tân Phú, An Giang → 30604 Xã Vĩnh An), remaps
     06970 → 06978 and 23737 → 23938 to the official codes, and adds the island districts Bạch Long Vĩ, Cồn Cỏ,
     Hoàng Sa, Lý Sơn and Côn Đảo. Other errors may remain; split communes carry no area or population shares.
3. **Boundaries and points**: Nguồn: sapnhap.bando.com.vn (NXB Tài nguyên – Môi trường và Bản đồ Việt Nam).
   - \`provinces-simplified.topojson\` and the \`lat\`/\`lon\` of every unit in \`units.json\` (an interior point
     computed from the full-resolution boundary; not an official seat location) derive from the boundary files that
     thanglequoc/vietnamese-provinces-database fetched from sapnhap.bando.com.vn, published by the Vietnam Natural
     Resources, Environment and Cartography Publishing House (Ministry of Agriculture and Environment).
   - **Licence: unverified.** These boundaries are not clearly covered by the MIT licence above; the source says to
     refer to the publisher's terms of service. Every map or page that shows them must carry the credit
     "Nguồn: sapnhap.bando.com.vn (NXB Tài nguyên – Môi trường và Bản đồ Việt Nam)", and the licence must be
     checked before the maps are published.

## What the script changes

- Keeps only the fields the app uses; rebuilds \`fullName\` (type + name), \`typeEn\` and the accent-free \`nameEn\` at
  load time instead of storing them.
- Rounds coordinates to 5 decimals (about 1 m).
- Writes pre-2025 "Thị Trấn" (12 records) as "Thị trấn", the spelling of the other 605.
- Old district names are not in the source mappings (a pre-2025 commune is listed with its province only), so
  \`old-units.json\` has none, except the five island districts.

Codes are reused across eras (new province 15 is Lào Cai, old 15 was Yên Bái; new commune 00004 is Phường Ba Đình,
old 00004 was Phường Trúc Bạch): never join old statistics to new units by code without going through \`old-units.json\`.
`;

if (import.meta.main) {
  const files = buildAdminUnitFiles();
  writeAdminUnitFiles(files);
  for (const file of files) {
    const bytes = typeof file.content === 'string' ? Buffer.byteLength(file.content) : file.content.byteLength;
    console.log(`${String(bytes).padStart(9)}  src/features/admin-units/data/${file.path}`);
  }
}
