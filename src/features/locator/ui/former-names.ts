/**
 * Pre-2025 names for the autocomplete, answered by the server (`/tim-ho-tro/goi-y-cu.json?q=…`): the browser asks only
 * when its own index of current names has no match for what was typed, so the index stays within its 40 KB budget and
 * the old names (about 10,000 communes) never travel in bulk. The answer is `Cache-Control: no-store` and the query is
 * never logged or kept: a place name can say where a person lives.
 */
import { MAX_QUERY_LENGTH, searchUnits } from '#src/features/admin-units/index.ts';
import { foldName } from '#src/features/admin-units/normalize.ts';
import { localPlaceName, localUnitName } from '#src/features/admin-units/place-name.ts';
import type { Lang } from '#src/i18n/index.ts';

/** One former name and what it is now, as the autocomplete shows it. */
export interface FormerNameSuggestion {
  readonly kind: 'province' | 'commune';
  /** The current commune's code; absent for a province. */
  readonly code?: string;
  /** The current unit: "Xã Ba Bể" (English: "Ba Bể commune"). */
  readonly fullName: string;
  /** Its province without type word: "Thái Nguyên". */
  readonly provinceName: string;
  /** Its province as shown after a commune: "Thái Nguyên" (English: "Thái Nguyên province"). */
  readonly provinceLabel: string;
  /** What goes into the field: "Xã Ba Bể, Thái Nguyên" (English: "Ba Bể commune, Thái Nguyên province"). */
  readonly value: string;
  /** The former unit the words matched: "Xã Khang Ninh, Tỉnh Bắc Kạn" (English: "Khang Ninh commune, Bắc Kạn province"). */
  readonly formerly: string;
}

/** Fewest letters asked about, and most answers given. */
export const FORMER_NAMES_MIN_LENGTH = 3;
export const FORMER_NAMES_LIMIT = 8;

/** The pre-2025 names that fit what was typed (exact or prefix matches only), best first, named for a page in `lang`. */
export function formerNameSuggestions(typed: string, lang: Lang = 'vi'): FormerNameSuggestion[] {
  const q = typed.normalize('NFC').trim();
  if (foldName(q).length < FORMER_NAMES_MIN_LENGTH || [...q].length > MAX_QUERY_LENGTH) return [];
  const result = searchUnits(q, { limit: 20 });
  if (result.status !== 'found' && result.status !== 'ambiguous') return [];
  const seen = new Set<string>();
  const out: FormerNameSuggestion[] = [];
  for (const match of result.matches) {
    if (match.via !== 'pre-2025') continue;
    const fullName = lang === 'en' ? localUnitName(match, lang) : match.fullName;
    const provinceLabel = lang === 'en' ? localUnitName(match.province, lang) : match.province.name;
    const value = match.kind === 'province' ? fullName : `${fullName}, ${provinceLabel}`;
    const formerly =
      lang === 'en'
        ? localPlaceName(match.old, lang)
        : match.old.level === 'province'
          ? match.old.fullName
          : `${match.old.fullName}, ${match.old.provinceName}`;
    const key = `${value}|${formerly}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      kind: match.kind,
      ...(match.kind === 'commune' ? { code: match.code } : {}),
      fullName,
      provinceName: match.province.name,
      provinceLabel,
      value,
      formerly,
    });
    if (out.length >= FORMER_NAMES_LIMIT) break;
  }
  return out;
}
