/**
 * Which province an administration page is about. A provincial administrator always sees their own province (a
 * `province` query parameter naming another one is ignored, never an error that would confirm anything); a national
 * administrator chooses one with `?province=NN`, or sees the whole country when none is chosen.
 */
import { getProvince } from '#src/features/admin-units/index.ts';
import type { Principal } from '../principal.ts';

/** The province in scope: a code, or null for "the whole country" (national administrators only). */
export function provinceInScope(principal: Principal, params: URLSearchParams): string | null {
  if (principal.role === 'province-admin') return principal.provinceCode;
  if (principal.role !== 'national-admin') return null;
  const asked = params.get('province') ?? '';
  return /^\d{2}$/.test(asked) && getProvince(asked) !== undefined ? asked : null;
}

/** A two-digit code of one of the 34 provinces, or null. */
export function provinceCodeOrNull(value: string): string | null {
  return /^\d{2}$/.test(value) && getProvince(value) !== undefined ? value : null;
}

/** The name of a province ("Hà Nội"), or the code when unknown. */
export function provinceName(code: string): string {
  return getProvince(code)?.name ?? code;
}
