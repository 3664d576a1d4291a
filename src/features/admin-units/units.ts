/**
 * The 34 provinces and 3,321 communes in force, read from the generated `data/units.json`.
 *
 * For the server and build time. The JSON is imported (not read from disk) so the bundler carries it into the built
 * server, and it is turned into records once, on first use.
 */
import unitsData from './data/units.json' with { type: 'json' };
import { toAscii } from './normalize.ts';
import type {
  Commune,
  CommuneType,
  CommuneTypeEn,
  Province,
  ProvinceRef,
  ProvinceType,
  ProvinceTypeEn,
} from './types.ts';

const PROVINCE_TYPE_EN: Readonly<Record<ProvinceType, ProvinceTypeEn>> = { Tỉnh: 'province', 'Thành phố': 'city' };
const COMMUNE_TYPE_EN: Readonly<Record<CommuneType, CommuneTypeEn>> = {
  Xã: 'commune',
  Phường: 'ward',
  'Đặc khu': 'special-zone',
};

interface UnitTables {
  readonly provinces: readonly Province[];
  readonly provinceByCode: ReadonlyMap<string, Province>;
  readonly communes: readonly Commune[];
  readonly communeByCode: ReadonlyMap<string, Commune>;
  readonly communesByProvince: ReadonlyMap<string, readonly Commune[]>;
}

let tables: UnitTables | undefined;

/** The province or centrally-run city with this two-digit code, or `undefined`. */
export function getProvince(code: string): Province | undefined {
  return unitTables().provinceByCode.get(code);
}

/** The commune (xã, phường or đặc khu) with this five-digit code, or `undefined`. */
export function getCommune(code: string): Commune | undefined {
  return unitTables().communeByCode.get(code);
}

/** All 34 provinces, by code. */
export function listProvinces(): readonly Province[] {
  return unitTables().provinces;
}

/** All 3,321 communes by code, or those of one province (empty for an unknown province code). */
export function listCommunes(provinceCode?: string): readonly Commune[] {
  const all = unitTables();
  return provinceCode === undefined ? all.communes : (all.communesByProvince.get(provinceCode) ?? []);
}

/** The short province reference that communes and search matches carry. */
export function provinceRef(province: Province): ProvinceRef {
  return { code: province.code, name: province.name, fullName: province.fullName, type: province.type };
}

function unitTables(): UnitTables {
  tables ??= buildTables(unitsData);
  return tables;
}

// The file is generated and checked by tests, but a hand edit or a bad merge should fail loudly at start, not give
// half-built records; these checks cost well under a millisecond.
function buildTables(data: unknown): UnitTables {
  const root = asObject(data, 'units.json');
  const communeTypes = asArray(root['communeTypes'], 'communeTypes').map((t) => oneOf(t, COMMUNE_TYPE_EN, 'type'));
  const provinces = asArray(root['provinces'], 'provinces').map((raw): Province => {
    const p = asObject(raw, 'province');
    const name = asString(p['name'], 'province name');
    const type = oneOf(p['type'], PROVINCE_TYPE_EN, 'province type');
    return Object.freeze({
      code: asString(p['code'], 'province code'),
      name,
      fullName: `${type} ${name}`,
      type,
      typeEn: PROVINCE_TYPE_EN[type],
      nameEn: asString(p['nameEn'], 'province nameEn'),
      lat: asNumber(p['lat'], 'lat'),
      lon: asNumber(p['lon'], 'lon'),
      altNames: Object.freeze(asStrings(p['altNames'] ?? [], 'altNames')),
      mergedFrom: Object.freeze(asStrings(p['mergedFrom'], 'mergedFrom')),
    });
  });
  const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
  const refByCode = new Map(provinces.map((p) => [p.code, Object.freeze(provinceRef(p))]));

  const communes = asArray(root['communes'], 'communes').map((raw): Commune => {
    const row = asArray(raw, 'commune');
    const [code, name, typeIndex, provinceCode, lat, lon] = [
      asString(row[0], 'commune code'),
      asString(row[1], 'commune name'),
      asNumber(row[2], 'commune type'),
      asString(row[3], 'commune province'),
      asNumber(row[4], 'lat'),
      asNumber(row[5], 'lon'),
    ];
    const extra = row[6] === undefined ? {} : asObject(row[6], 'commune extra');
    const type = communeTypes[typeIndex] ?? fail(`commune ${code}: unknown type index ${typeIndex}`);
    return Object.freeze({
      code,
      name,
      fullName: `${type} ${name}`,
      type,
      typeEn: COMMUNE_TYPE_EN[type],
      // Stored only where it is not the name without accents (Hoàng Sa → Paracel, Trường Sa → Spratly).
      nameEn: extra['nameEn'] === undefined ? toAscii(name) : asString(extra['nameEn'], 'nameEn'),
      altNames: Object.freeze(asStrings(extra['altNames'] ?? [], 'altNames')),
      provinceCode,
      province: refByCode.get(provinceCode) ?? fail(`commune ${code}: unknown province ${provinceCode}`),
      lat,
      lon,
    });
  });
  const communesByProvince = new Map<string, Commune[]>();
  for (const commune of communes) {
    const list = communesByProvince.get(commune.provinceCode) ?? [];
    list.push(commune);
    communesByProvince.set(commune.provinceCode, list);
  }
  return {
    provinces: Object.freeze(provinces),
    provinceByCode,
    communes: Object.freeze(communes),
    communeByCode: new Map(communes.map((c) => [c.code, c])),
    communesByProvince: new Map([...communesByProvince].map(([code, list]) => [code, Object.freeze(list)])),
  };
}

function fail(message: string): never {
  throw new Error(`admin-units data/units.json: ${message}`);
}

function asObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${what} is not an object`);
  return value as Record<string, unknown>;
}

function asArray(value: unknown, what: string): unknown[] {
  return Array.isArray(value) ? value : fail(`${what} is not an array`);
}

function asString(value: unknown, what: string): string {
  return typeof value === 'string' ? value : fail(`${what} is not a string`);
}

function asNumber(value: unknown, what: string): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fail(`${what} is not a number`);
}

function asStrings(value: unknown, what: string): string[] {
  return asArray(value, what).map((item) => asString(item, what));
}

function oneOf<K extends string>(value: unknown, known: Readonly<Record<K, unknown>>, what: string): K {
  return typeof value === 'string' && Object.hasOwn(known, value) ? (value as K) : fail(`${what} ${String(value)}`);
}
