/**
 * The pre-2025 provinces and communes and what they became, read from the generated `data/old-units.json`.
 *
 * Server only: the file is about 390 KB (90 KB gzipped), too big for a page, and only search needs it.
 */
import oldUnitsData from './data/old-units.json' with { type: 'json' };
import type { OldCommune, OldProvince, OldUnitType } from './types.ts';

interface OldUnitTables {
  readonly provinces: readonly OldProvince[];
  readonly communes: readonly OldCommune[];
}

const OLD_TYPES: Readonly<Record<OldUnitType, true>> = { Xã: true, Phường: true, 'Thị trấn': true, Huyện: true };

let tables: OldUnitTables | undefined;

/** The 63 pre-2025 provinces, by old code. */
export function listOldProvinces(): readonly OldProvince[] {
  return oldUnitTables().provinces;
}

/** The 10,047 pre-2025 communes and the 5 island districts that had no communes, by old code. */
export function listOldCommunes(): readonly OldCommune[] {
  return oldUnitTables().communes;
}

function oldUnitTables(): OldUnitTables {
  tables ??= buildTables(oldUnitsData);
  return tables;
}

// Rows are arrays to keep the file small (see scripts/build-admin-units.ts); a malformed row fails loudly here.
function buildTables(data: unknown): OldUnitTables {
  const root = asRecord(data);
  const types = asArray(root['types']).map((t) =>
    typeof t === 'string' && Object.hasOwn(OLD_TYPES, t) ? (t as OldUnitType) : fail(`unknown type ${String(t)}`),
  );
  const provinces = asArray(root['provinces']).map((raw): OldProvince => {
    const [code, fullName, newProvinceCode] = asArray(raw).map(asString);
    if (code === undefined || fullName === undefined || newProvinceCode === undefined) fail('short province row');
    const type = /^Thành phố /u.test(fullName)
      ? 'Thành phố'
      : /^Tỉnh /u.test(fullName)
        ? 'Tỉnh'
        : fail(`no type word in ${fullName}`);
    return Object.freeze({ code, name: fullName.slice(type.length + 1), fullName, type, newProvinceCode });
  });
  const communes = asArray(root['communes']).map((raw): OldCommune => {
    const [code, typeIndex, name, provinceIndex, next] = asArray(raw);
    const type = types[asNumber(typeIndex)] ?? fail(`unknown type index in ${String(code)}`);
    const newCommuneCodes = typeof next === 'string' ? [next] : asArray(next).map(asString);
    return Object.freeze({
      code: asString(code),
      level: type === 'Huyện' ? 'district' : 'commune',
      type,
      name: asString(name),
      fullName: `${type} ${asString(name)}`,
      province: provinces[asNumber(provinceIndex)] ?? fail(`unknown province index in ${String(code)}`),
      newCommuneCodes: Object.freeze(newCommuneCodes),
    });
  });
  return { provinces: Object.freeze(provinces), communes: Object.freeze(communes) };
}

function fail(message: string): never {
  throw new Error(`admin-units data/old-units.json: ${message}`);
}

function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('not an object');
  return value as Record<string, unknown>;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : fail('not an array');
}

function asString(value: unknown): string {
  return typeof value === 'string' ? value : fail(`${String(value)} is not a string`);
}

function asNumber(value: unknown): number {
  return typeof value === 'number' ? value : fail(`${String(value)} is not a number`);
}
