import { getProvince, listOldProvinces, localUnitName } from '#src/features/admin-units/index.ts';
import { textLine } from '../lines.ts';
import type { ContentTree, LintEntry, Problem } from '../types.ts';

interface Place {
  scope?: unknown;
  asNamed?: unknown;
  provinceCode?: unknown;
  nowNamed?: unknown;
}

// "Tỉnh Đồng Nai", "Thành phố Đà Nẵng", "Đồng Nai province", "Đà Nẵng City" → the bare name.
const TYPE_WORDS = /^(?:tỉnh|thành phố)\s+|\s+(?:province|city)$/giu;

/**
 * Statistics keep each place as the source named it then, with the province or city that holds it now (34 since
 * 1 July 2025). This checks both against the admin data: the old name must be a pre-2025 province that became the
 * stated code, and the current name must be that province's (Vietnamese: its full name; English: "<name> City" or
 * "<name> province").
 */
export function checkPlaces(tree: ContentTree): Problem[] {
  const oldProvinces = listOldProvinces();
  return tree.entries
    .filter((entry) => entry.collection === 'statistics')
    .flatMap((entry) => {
      const figures = entry.frontmatter['figures'];
      if (!Array.isArray(figures)) return [];
      const places = figures
        .map((figure: unknown) => (figure as { place?: Place } | null)?.place)
        .filter((place): place is Place => typeof place === 'object' && place !== null);
      // Figures sharing a YAML anchor share one place object: check each once.
      return [...new Set(places)].flatMap((place) => checkPlace(entry, place, oldProvinces));
    });
}

function checkPlace(entry: LintEntry, place: Place, oldProvinces: ReturnType<typeof listOldProvinces>): Problem[] {
  if ((place.scope ?? 'province') !== 'province') return [];
  const asNamed = typeof place.asNamed === 'string' ? place.asNamed : '';
  const line = textLine(entry.lines, asNamed || 'place:', 1, 1);
  const problem = (message: string): Problem => ({ rule: 'places', file: entry.file, line, message });
  const code = typeof place.provinceCode === 'string' ? place.provinceCode : '';
  const bare = asNamed.replace(TYPE_WORDS, '').trim();
  const old = oldProvinces.find((candidate) => candidate.name === bare);
  const province = getProvince(code);
  if (!province) {
    // Old codes were reused after the merger, so an old code is a common mistake: say which code the area has now.
    const hint = old ? ` ${old.fullName} is now part of code ${old.newProvinceCode}.` : '';
    return [problem(`place.provinceCode "${code}" is not the code of one of the 34 current provinces.${hint}`)];
  }
  const problems: Problem[] = [];
  if (!old) {
    problems.push(
      problem(`place.asNamed "${asNamed}" is not a pre-2025 province: write the province as the source named it, e.g. "Tỉnh Bắc Kạn".`),
    );
  } else if (old.newProvinceCode !== code) {
    const now = getProvince(old.newProvinceCode);
    problems.push(
      problem(
        `${old.fullName} became ${now?.fullName ?? old.newProvinceCode} (code ${old.newProvinceCode}) in 2025, not code ${code}: fix place.provinceCode.`,
      ),
    );
  }
  // The same words the locator and the forms use for a place.
  const expected = localUnitName(province, entry.lang);
  if (place.nowNamed !== expected) {
    problems.push(problem(`place.nowNamed should be "${expected}", the current name of code ${code}.`));
  }
  return problems;
}
