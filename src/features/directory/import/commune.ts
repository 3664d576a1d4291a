/**
 * Reads the commune cell: a five-digit code (leading zeros restored), or a name resolved with the admin-units search
 * when exactly one commune of the row's province answers to it (a current name first; a pre-2025 name only when it
 * became a single commune).
 */
import { getCommune, searchUnits, type Match } from '#src/features/admin-units/index.ts';
import type { ProblemCode } from './messages.ts';
import { padCode } from './values.ts';

/** The commune found, or the problem to report. */
export type CommuneAnswer =
  | { readonly ok: true; readonly code: string; readonly lat: number; readonly lon: number }
  | { readonly ok: false; readonly code: ProblemCode; readonly params: Record<string, string> };

/** Resolves `raw` (code or name) within the province `provinceCode`. */
export function resolveCommune(raw: string, provinceCode: string): CommuneAnswer {
  const value = raw.trim();
  const code = padCode(value, 5);
  if (code !== undefined) {
    const commune = getCommune(code);
    if (!commune) return { ok: false, code: 'unknown-commune-code', params: { value } };
    if (commune.provinceCode !== provinceCode) {
      return {
        ok: false,
        code: 'commune-other-province',
        params: { value: code, name: commune.fullName, province: commune.province.fullName, expected: provinceCode },
      };
    }
    return { ok: true, code, lat: commune.lat, lon: commune.lon };
  }

  const result = searchUnits(value, { provinceCode, limit: 20 });
  if (result.status === 'found' || result.status === 'ambiguous') {
    const strong = result.matches.filter(
      (m) => m.kind === 'commune' && (m.quality === 'exact' || m.quality === 'loose'),
    );
    const current = distinct(strong.filter((m) => m.via !== 'pre-2025'));
    const chosen = current.length > 0 ? current : distinct(strong);
    const [only] = chosen;
    if (chosen.length === 1 && only) return { ok: true, code: only.code, lat: only.lat, lon: only.lon };
    if (chosen.length > 1) {
      return { ok: false, code: 'commune-ambiguous', params: { value, candidates: describe(chosen) } };
    }
    const near = distinct(result.matches.filter((m) => m.kind === 'commune'));
    return {
      ok: false,
      code: 'commune-not-found',
      params: { value, expected: provinceCode, suggestions: describe(near) },
    };
  }
  if (result.status === 'not-found') {
    // The same name elsewhere is worth saying: the row's province or commune is probably wrong.
    const elsewhere = searchUnits(value, { limit: 5 });
    if (elsewhere.status === 'found') {
      const others = distinct(elsewhere.matches.filter((m) => m.kind === 'commune' && m.quality === 'exact'));
      const [other] = others;
      if (others.length === 1 && other) {
        return {
          ok: false,
          code: 'commune-other-province',
          params: {
            value: other.code,
            name: other.fullName,
            province: other.province.fullName,
            expected: provinceCode,
          },
        };
      }
    }
    const suggestions = describe(distinct(result.suggestions.filter((m) => m.kind === 'commune')));
    return { ok: false, code: 'commune-not-found', params: { value, expected: provinceCode, suggestions } };
  }
  return { ok: false, code: 'commune-not-found', params: { value, expected: provinceCode, suggestions: '' } };
}

function distinct(matches: readonly Match[]): Match[] {
  const byCode = new Map<string, Match>();
  for (const match of matches) if (!byCode.has(match.code)) byCode.set(match.code, match);
  return [...byCode.values()];
}

function describe(matches: readonly Match[]): string {
  return matches
    .slice(0, 5)
    .map((m) => `${m.fullName} (${m.code})`)
    .join(', ');
}
