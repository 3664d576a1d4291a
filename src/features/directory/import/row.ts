/**
 * Checks one spreadsheet row and turns it into an {@link ImportPoint}. Every cell is checked, so a row with three
 * mistakes reports three problems at once.
 */
import { getProvince } from '#src/features/admin-units/index.ts';
import {
  hsdsStatuses,
  type CostKind,
  type HsdsStatus,
  type OperatorKind,
  type ServiceType,
} from '#src/features/lists/index.ts';
import type { ColumnKey } from './columns.ts';
import { resolveCommune } from './commune.ts';
import { parseHours, type WeeklyRange } from './hours.ts';
import type { ImportProblem, ProblemCode } from './messages.ts';
import type { ImportPoint } from './model.ts';
import {
  insideVietnam,
  padCode,
  parseAge,
  parseDate,
  parseDecimal,
  parseEmail,
  parsePhone,
  splitList,
} from './values.ts';
import { costWords, findLanguage, operatorKindWords, serviceTypeWords, statusWords } from './vocabulary.ts';
import { checkPlace, ISLAND_RADIUS_KM, OUTLINE_TOLERANCE_KM } from './place-check.ts';

/** What a row check needs besides the row. */
export interface RowContext {
  /** `--province`: rows must be in it; an empty province cell means it. */
  readonly province: string | undefined;
  /** Today in Vietnam (YYYY-MM-DD): a "checked on" date after it is refused. */
  readonly today: string;
}

export const ROW_ID_PATTERN = /^[\p{L}\p{N}._/-]{1,64}$/u;
const MAX_NAME = 200;
const MAX_ADDRESS = 300;
/** The longest description, in Vietnamese or in English (a point's, a service's). */
export const MAX_DESCRIPTION = 1000;

/**
 * The cell as the import reads it: NFC, trimmed, and without the leading apostrophe the CSV export puts before a cell
 * starting with = + - @ (so a spreadsheet does not run it as a formula).
 */
export function cleanCell(raw: string | undefined): string {
  const value = (raw ?? '').normalize('NFC').trim();
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1).trim() : value;
}

/** Checks one row. `row` is the spreadsheet row number (header = 1). */
export function checkRow(
  cells: ReadonlyMap<ColumnKey, string>,
  row: number,
  context: RowContext,
): { point: ImportPoint | undefined; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const report = (column: ColumnKey | null, code: ProblemCode, params: Record<string, string | number> = {}) => {
    problems.push({ row, column, code, params });
  };
  const cell = (key: ColumnKey) => cleanCell(cells.get(key));
  const required = (key: ColumnKey, max = MAX_NAME): string | undefined => {
    const value = cell(key);
    if (value === '') report(key, 'required');
    else if (value.length > max) report(key, 'too-long', { max });
    else return value;
    return undefined;
  };

  const rowId = required('rowId', 64);
  if (rowId !== undefined && !ROW_ID_PATTERN.test(rowId)) report('rowId', 'invalid-row-id', { value: rowId });

  let provinceCode: string | undefined;
  const provinceCell = cell('province');
  if (provinceCell === '') {
    if (context.province === undefined) report('province', 'required');
    else provinceCode = context.province;
  } else {
    const code = padCode(provinceCell, 2);
    if (code === undefined || getProvince(code) === undefined)
      report('province', 'unknown-province', { value: provinceCell });
    else if (context.province !== undefined && code !== context.province) {
      report('province', 'province-not-selected', { value: code, expected: context.province });
    } else provinceCode = code;
  }

  let communeCode: string | undefined;
  let communePoint: { lat: number; lon: number } | undefined;
  const communeCell = required('commune');
  if (communeCell !== undefined && provinceCode !== undefined) {
    const answer = resolveCommune(communeCell, provinceCode);
    if (answer.ok) {
      communeCode = answer.code;
      communePoint = { lat: answer.lat, lon: answer.lon };
    } else report('commune', answer.code, answer.params);
  }

  const organizationName = required('organization');
  const operatorKind = oneWord<OperatorKind>(
    'operatorKind',
    operatorKindWords.find,
    'unknown-operator-kind',
    operatorKindWords.codes,
    true,
  );
  const name = required('pointName');
  const addressCell = cell('address');
  if (addressCell.length > MAX_ADDRESS) report('address', 'too-long', { max: MAX_ADDRESS });

  const position = readPosition();
  if (position !== undefined && communePoint !== undefined && provinceCode !== undefined) {
    const place = checkPlace(position, { provinceCode, ...communePoint });
    if (!place.ok) {
      report('lat', 'outside-province', {
        value: `${cell('lat')}, ${cell('lon')}`,
        province: getProvince(provinceCode)?.fullName ?? provinceCode,
        km: place.km,
        tolerance: OUTLINE_TOLERANCE_KM,
        island: ISLAND_RADIUS_KM,
      });
    }
  }

  const phones: string[] = [];
  for (const piece of cell('phones').split(/[;,/\n\r]+/)) {
    const value = piece.trim();
    if (value === '') continue;
    const phone = parsePhone(value);
    if (phone.ok) {
      if (!phones.includes(phone.value)) phones.push(phone.value);
    } else report('phones', 'invalid-phone', { value });
  }

  let notificationEmail: string | null | undefined;
  const emailCell = cell('notificationEmail');
  if (emailCell === '-') notificationEmail = null;
  else if (emailCell !== '') {
    const email = parseEmail(emailCell);
    if (email.ok) notificationEmail = email.value;
    else report('notificationEmail', 'invalid-email', { value: emailCell });
  }

  const types = list<ServiceType>(
    'serviceTypes',
    serviceTypeWords.find,
    'unknown-service-type',
    serviceTypeWords.codes,
  );
  if (cell('serviceTypes') === '') report('serviceTypes', 'required');
  const costs = list<CostKind>('cost', costWords.find, 'unknown-cost', costWords.codes);
  const languages = list<string>('languages', (value) => findLanguage(value)?.code, 'unknown-language', []);

  const minAge = age('minAge');
  const maxAge = age('maxAge');
  if (minAge !== null && maxAge !== null && minAge > maxAge) report('minAge', 'age-order');

  let hours: WeeklyRange[] = [];
  const hoursCell = cell('hours');
  const parsedHours = parseHours(hoursCell);
  if (parsedHours.ok) hours = parsedHours.value;
  else report('hours', 'invalid-hours', { value: hoursCell, reason: parsedHours.reason });

  const status =
    cell('status') === ''
      ? 'active'
      : oneWord<HsdsStatus>('status', statusWords.find, 'unknown-status', hsdsStatuses.codes, false);

  const description = describe('description');
  const descriptionEn = describe('descriptionEn');
  const serviceDescription = describe('serviceDescription');
  const serviceDescriptionEn = describe('serviceDescriptionEn');

  let checkedOn: string | null = null;
  const checkedCell = cell('checkedOn');
  if (checkedCell !== '') {
    const date = parseDate(checkedCell);
    if (!date.ok) report('checkedOn', 'invalid-date', { value: checkedCell });
    else if (date.value > context.today) report('checkedOn', 'future-date', { value: checkedCell });
    else checkedOn = date.value;
  }

  if (
    problems.length > 0 ||
    rowId === undefined ||
    provinceCode === undefined ||
    communeCode === undefined ||
    communePoint === undefined ||
    organizationName === undefined ||
    operatorKind === undefined ||
    name === undefined ||
    status === undefined
  ) {
    return { point: undefined, problems };
  }
  const point: ImportPoint = {
    row,
    rowId,
    provinceCode,
    communeCode,
    organization: { name: organizationName, operatorKind },
    name,
    address: addressCell === '' ? null : addressCell,
    lat: position?.lat ?? communePoint.lat,
    lon: position?.lon ?? communePoint.lon,
    phones,
    notificationEmail,
    services: types.map((type) => ({
      type,
      name: undefined,
      status,
      costs,
      languages,
      minAge,
      maxAge,
      description: serviceDescription,
      descriptionEn: serviceDescriptionEn,
    })),
    hours,
    status,
    checkedOn,
    description,
    descriptionEn,
  };
  return { point, problems };

  function oneWord<Code extends string>(
    key: ColumnKey,
    find: (value: string) => Code | undefined,
    code: ProblemCode,
    expected: readonly string[],
    isRequired: boolean,
  ): Code | undefined {
    const value = cell(key);
    if (value === '') {
      if (isRequired) report(key, 'required');
      return undefined;
    }
    const found = find(value);
    if (found === undefined) report(key, code, { value, expected: expected.join(', ') });
    return found;
  }

  function list<Code extends string>(
    key: ColumnKey,
    find: (value: string) => Code | undefined,
    code: ProblemCode,
    expected: readonly string[],
  ): Code[] {
    const found: Code[] = [];
    for (const part of splitList(cell(key), (value) => find(value) !== undefined)) {
      const value = find(part);
      if (value === undefined) report(key, code, { value: part, expected: expected.join(', ') });
      else if (!found.includes(value)) found.push(value);
    }
    return found;
  }

  // A description column the file does not have keeps what the database has (undefined); an empty cell clears it.
  function describe(key: ColumnKey): string | null | undefined {
    if (!cells.has(key)) return undefined;
    const value = cell(key);
    if (value.length > MAX_DESCRIPTION) report(key, 'too-long', { max: MAX_DESCRIPTION });
    return value === '' ? null : value;
  }

  function age(key: ColumnKey): number | null {
    const value = cell(key);
    if (value === '') return null;
    const parsed = parseAge(value);
    if (parsed.ok) return parsed.value;
    report(key, 'invalid-age', { value });
    return null;
  }

  function readPosition(): { lat: number; lon: number } | undefined {
    const latCell = cell('lat');
    const lonCell = cell('lon');
    if (latCell === '' && lonCell === '') return undefined;
    if (latCell === '' || lonCell === '') {
      report(latCell === '' ? 'lat' : 'lon', 'coordinates-pair');
      return undefined;
    }
    const lat = parseDecimal(latCell);
    const lon = parseDecimal(lonCell);
    if (!lat.ok) report('lat', 'invalid-number', { value: latCell });
    if (!lon.ok) report('lon', 'invalid-number', { value: lonCell });
    if (!lat.ok || !lon.ok) return undefined;
    if (!insideVietnam(lat.value, lon.value)) {
      report('lat', 'outside-vietnam', { value: `${latCell}, ${lonCell}` });
      return undefined;
    }
    return { lat: lat.value, lon: lon.value };
  }
}
