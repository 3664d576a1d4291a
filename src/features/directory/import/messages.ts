/**
 * Problems found in an import file, and their sentences in Vietnamese and English. A problem names the row as the
 * spreadsheet shows it (the header is row 1, the first data row is row 2) or, for HSDS JSON, the position of the
 * service in the file, and the column (or JSON field) it is about.
 */
import type { Lang } from '#src/i18n/index.ts';
import { column, isColumnKey } from './columns.ts';

export type ProblemCode =
  | 'file-not-utf8'
  | 'file-empty'
  | 'csv-malformed'
  | 'json-malformed'
  | 'json-shape'
  | 'json-no-location'
  | 'missing-column'
  | 'unknown-column'
  | 'duplicate-column'
  | 'required'
  | 'too-long'
  | 'invalid-row-id'
  | 'duplicate-row-id'
  | 'unknown-province'
  | 'province-not-selected'
  | 'unknown-commune-code'
  | 'commune-other-province'
  | 'commune-not-found'
  | 'commune-ambiguous'
  | 'invalid-phone'
  | 'invalid-email'
  | 'invalid-hours'
  | 'unknown-service-type'
  | 'unknown-operator-kind'
  | 'unknown-cost'
  | 'unknown-status'
  | 'unknown-language'
  | 'invalid-date'
  | 'future-date'
  | 'invalid-number'
  | 'coordinates-pair'
  | 'outside-vietnam'
  | 'outside-province'
  | 'invalid-age'
  | 'age-order'
  | 'organization-conflict';

/** One problem. `row` 0 means the file as a whole. */
export interface ImportProblem {
  readonly row: number;
  /** A column key (CSV), a JSON path (HSDS JSON), or null when the problem is about the whole row or file. */
  readonly column: string | null;
  readonly code: ProblemCode;
  readonly params: Readonly<Record<string, string | number>>;
}

/** Where the rows came from: decides whether `row` and `column` read as spreadsheet cells or JSON positions. */
export type SourceKind = 'csv' | 'json';

type Template = (p: Readonly<Record<string, string | number>>) => string;

const HOURS_EXAMPLE = 'T2-T6 07:30-11:30, 13:30-17:00; T7 07:30-11:30';

const HOURS_REASONS: Record<Lang, Record<string, string>> = {
  vi: {
    'hours-no-days': 'thiếu ngày trong tuần trước giờ',
    'hours-bad-day': 'không hiểu ngày (dùng T2…T7, CN hoặc Mon…Sun)',
    'hours-day-order': 'khoảng ngày phải theo thứ tự từ T2 đến CN',
    'hours-no-times': 'thiếu giờ dạng 07:30-11:30',
    'hours-bad-time': 'giờ không hợp lệ (dạng 07:30-11:30)',
    'hours-closes-before-opens': 'giờ đóng cửa phải sau giờ mở cửa',
    'hours-overlap': 'hai khoảng giờ chồng lên nhau',
  },
  en: {
    'hours-no-days': 'the days of the week are missing before the times',
    'hours-bad-day': 'a day is not understood (use T2…T7, CN or Mon…Sun)',
    'hours-day-order': 'a range of days must run from Monday towards Sunday',
    'hours-no-times': 'the times are missing (like 07:30-11:30)',
    'hours-bad-time': 'a time is not valid (like 07:30-11:30)',
    'hours-closes-before-opens': 'the closing time must be after the opening time',
    'hours-overlap': 'two time ranges overlap',
  },
};

const PHONE_HELP = {
  vi: '10 chữ số bắt đầu bằng 0, số cố định 11 chữ số bắt đầu bằng 02, dạng +84…, số 1800/1900, hoặc số ngắn 3–5 chữ số như 111, 115',
  en: '10 digits starting with 0, an 11-digit landline starting with 02, +84…, a 1800/1900 number, or a short 3–5 digit line such as 111 or 115',
};

const TEXT: Record<Lang, Record<ProblemCode, Template>> = {
  vi: {
    'file-not-utf8': () =>
      'tệp không ở dạng UTF-8. Trong Excel chọn «Lưu dưới dạng» → «CSV UTF-8 (Comma delimited)»; trong LibreOffice chọn bộ ký tự «Unicode (UTF-8)»',
    'file-empty': () => 'tệp không có dòng dữ liệu nào',
    'csv-malformed': (p) => `không đọc được tệp CSV (${p['detail']})`,
    'json-malformed': (p) => `không đọc được tệp JSON (${p['detail']})`,
    'json-shape': () =>
      'tệp JSON phải là một mảng dịch vụ HSDS 3.0, hoặc một trang dạng { "contents": [...] }, hoặc một mảng các trang',
    'json-no-location': () => 'dịch vụ không gắn với địa điểm nào (service_at_locations[].location)',
    'missing-column': () => 'thiếu cột này trong dòng tiêu đề',
    'unknown-column': (p) =>
      `cột «${p['value']}» không có trong mẫu. Cột ghi chú riêng hãy đặt tên bắt đầu bằng «Ghi chú»`,
    'duplicate-column': (p) => `cột «${p['value']}» xuất hiện hai lần`,
    required: () => 'bắt buộc nhưng đang để trống',
    'too-long': (p) => `dài quá ${p['max']} ký tự`,
    'invalid-row-id': (p) =>
      `mã dòng «${p['value']}» chỉ được gồm chữ, số và các dấu . _ - / (tối đa 64 ký tự, không có dấu cách)`,
    'duplicate-row-id': (p) => `mã dòng «${p['value']}» đã dùng ở dòng ${p['other']}`,
    'unknown-province': (p) => `không có tỉnh, thành phố mã «${p['value']}» (34 đơn vị từ 1/7/2025, ví dụ 01 Hà Nội)`,
    'province-not-selected': (p) =>
      `dòng thuộc tỉnh ${p['value']}, nhưng lệnh nhập chỉ dành cho tỉnh ${p['expected']} (--province)`,
    'unknown-commune-code': (p) => `không có xã, phường mã «${p['value']}» (mã 5 chữ số từ 1/7/2025)`,
    'commune-other-province': (p) =>
      `${p['name']} (mã ${p['value']}) thuộc ${p['province']}, không thuộc tỉnh mã ${p['expected']}`,
    'commune-not-found': (p) =>
      `không tìm thấy xã, phường tên «${p['value']}» trong tỉnh mã ${p['expected']}${p['suggestions'] ? `; có phải: ${p['suggestions']}?` : ''}`,
    'commune-ambiguous': (p) => `tên «${p['value']}» ứng với nhiều xã, phường: ${p['candidates']}; hãy ghi mã 5 chữ số`,
    'invalid-phone': (p) => `số điện thoại «${p['value']}» không hợp lệ (${PHONE_HELP.vi})`,
    'invalid-email': (p) => `địa chỉ email «${p['value']}» không hợp lệ`,
    'invalid-hours': (p) =>
      `không hiểu giờ làm việc «${p['value']}»: ${HOURS_REASONS.vi[String(p['reason'])] ?? p['reason']}. Ví dụ: ${HOURS_EXAMPLE}`,
    'unknown-service-type': (p) => `không có loại dịch vụ «${p['value']}» (dùng một trong: ${p['expected']})`,
    'unknown-operator-kind': (p) => `không có loại đơn vị «${p['value']}» (dùng một trong: ${p['expected']})`,
    'unknown-cost': (p) =>
      `không hiểu chi phí «${p['value']}» (dùng: free, insurance, fee hoặc miễn phí, BHYT, thu phí)`,
    'unknown-status': (p) => `không có trạng thái «${p['value']}» (dùng một trong: ${p['expected']})`,
    'unknown-language': (p) =>
      `không biết ngôn ngữ «${p['value']}» (ghi mã như vi, en, km, hmn hoặc tên như Tiếng Việt)`,
    'invalid-date': (p) => `ngày «${p['value']}» không hợp lệ (dạng YYYY-MM-DD hoặc DD/MM/YYYY)`,
    'future-date': (p) => `ngày «${p['value']}» ở trong tương lai`,
    'invalid-number': (p) => `«${p['value']}» không phải là số thập phân (ví dụ 21.0285)`,
    'coordinates-pair': () => 'phải ghi cả vĩ độ và kinh độ, hoặc để trống cả hai',
    'outside-vietnam': (p) =>
      `toạ độ ${p['value']} nằm ngoài Việt Nam (vĩ độ từ 6 đến 23,5; kinh độ từ 102 đến 118; có thể đã ghi đảo vĩ độ và kinh độ)`,
    'outside-province': (p) =>
      `toạ độ ${p['value']} nằm ngoài ${p['province']} khoảng ${p['km']} km (điểm phải ở trong tỉnh, ra ngoài ranh giới tỉnh tối đa ${p['tolerance']} km; với xã đảo, cách trung tâm xã tối đa ${p['island']} km); kiểm tra lại vĩ độ, kinh độ`,
    'invalid-age': (p) => `tuổi «${p['value']}» phải là số nguyên từ 0 đến 120`,
    'age-order': () => 'tuổi tối thiểu lớn hơn tuổi tối đa',
    'organization-conflict': (p) => `đơn vị «${p['value']}» đã được ghi loại «${p['other']}» ở dòng ${p['otherRow']}`,
  },
  en: {
    'file-not-utf8': () =>
      'the file is not UTF-8. In Excel use Save As → “CSV UTF-8 (Comma delimited)”; in LibreOffice choose the character set “Unicode (UTF-8)”',
    'file-empty': () => 'the file has no data rows',
    'csv-malformed': (p) => `the CSV file cannot be read (${p['detail']})`,
    'json-malformed': (p) => `the JSON file cannot be read (${p['detail']})`,
    'json-shape': () =>
      'the JSON file must be an array of HSDS 3.0 services, a page like { "contents": [...] }, or an array of pages',
    'json-no-location': () => 'the service is not linked to any location (service_at_locations[].location)',
    'missing-column': () => 'this column is missing from the header row',
    'unknown-column': (p) =>
      `column “${p['value']}” is not in the template. Name a notes column of your own starting with “Note”`,
    'duplicate-column': (p) => `column “${p['value']}” appears twice`,
    required: () => 'required, but empty',
    'too-long': (p) => `longer than ${p['max']} characters`,
    'invalid-row-id': (p) =>
      `row id “${p['value']}” may only hold letters, digits and . _ - / (at most 64 characters, no spaces)`,
    'duplicate-row-id': (p) => `row id “${p['value']}” is already used on row ${p['other']}`,
    'unknown-province': (p) =>
      `there is no province with code “${p['value']}” (the 34 units since 1 July 2025, e.g. 01 Hà Nội)`,
    'province-not-selected': (p) =>
      `the row is in province ${p['value']}, but this import is for province ${p['expected']} only (--province)`,
    'unknown-commune-code': (p) => `there is no commune with code “${p['value']}” (5-digit codes since 1 July 2025)`,
    'commune-other-province': (p) =>
      `${p['name']} (code ${p['value']}) is in ${p['province']}, not in province ${p['expected']}`,
    'commune-not-found': (p) =>
      `no commune named “${p['value']}” in province ${p['expected']}${p['suggestions'] ? `; did you mean: ${p['suggestions']}?` : ''}`,
    'commune-ambiguous': (p) => `“${p['value']}” names several communes: ${p['candidates']}; write the 5-digit code`,
    'invalid-phone': (p) => `phone number “${p['value']}” is not valid (${PHONE_HELP.en})`,
    'invalid-email': (p) => `e-mail address “${p['value']}” is not valid`,
    'invalid-hours': (p) =>
      `opening hours “${p['value']}” cannot be read: ${HOURS_REASONS.en[String(p['reason'])] ?? p['reason']}. Example: ${HOURS_EXAMPLE}`,
    'unknown-service-type': (p) => `unknown service type “${p['value']}” (use one of: ${p['expected']})`,
    'unknown-operator-kind': (p) => `unknown operator kind “${p['value']}” (use one of: ${p['expected']})`,
    'unknown-cost': (p) => `unknown cost “${p['value']}” (use free, insurance or fee)`,
    'unknown-status': (p) => `unknown status “${p['value']}” (use one of: ${p['expected']})`,
    'unknown-language': (p) =>
      `unknown language “${p['value']}” (write a code such as vi, en, km, hmn, or a name such as Vietnamese)`,
    'invalid-date': (p) => `date “${p['value']}” is not valid (YYYY-MM-DD or DD/MM/YYYY)`,
    'future-date': (p) => `date “${p['value']}” is in the future`,
    'invalid-number': (p) => `“${p['value']}” is not a decimal number (e.g. 21.0285)`,
    'coordinates-pair': () => 'give both latitude and longitude, or leave both empty',
    'outside-vietnam': (p) =>
      `the position ${p['value']} is outside Vietnam (latitude 6 to 23.5, longitude 102 to 118; latitude and longitude may be swapped)`,
    'outside-province': (p) =>
      `the position ${p['value']} is about ${p['km']} km outside ${p['province']} (a point must lie in the province, at most ${p['tolerance']} km beyond its outline; for an island commune, within ${p['island']} km of the commune's centre); check the latitude and longitude`,
    'invalid-age': (p) => `age “${p['value']}” must be a whole number from 0 to 120`,
    'age-order': () => 'the minimum age is greater than the maximum age',
    'organization-conflict': (p) =>
      `organization “${p['value']}” was given the operator kind “${p['other']}” on row ${p['otherRow']}`,
  },
};

/** One problem as a sentence: where, then what. */
export function formatProblem(problem: ImportProblem, lang: Lang, source: SourceKind): string {
  const what = TEXT[lang][problem.code](problem.params);
  const where = location(problem, lang, source);
  return where === '' ? what : `${where}: ${what}`;
}

/** The words that say where a problem is, per language. */
const WHERE: Record<
  Lang,
  {
    file: string;
    fileColumn: (field: string) => string;
    row: Record<SourceKind, (row: number) => string>;
    field: Record<SourceKind, (row: string, field: string) => string>;
  }
> = {
  vi: {
    file: 'Tệp',
    fileColumn: (field) => `Tệp, cột «${field}»`,
    row: { csv: (row) => `Dòng ${row}`, json: (row) => `Dịch vụ thứ ${row}` },
    field: { csv: (row, field) => `${row}, cột «${field}»`, json: (row, field) => `${row}, trường «${field}»` },
  },
  en: {
    file: 'File',
    fileColumn: (field) => `File, column “${field}”`,
    row: { csv: (row) => `Row ${row}`, json: (row) => `Service ${row}` },
    field: { csv: (row, field) => `${row}, column “${field}”`, json: (row, field) => `${row}, field “${field}”` },
  },
};

function location(problem: ImportProblem, lang: Lang, source: SourceKind): string {
  const field =
    problem.column === null ? undefined : isColumnKey(problem.column) ? column(problem.column)[lang] : problem.column;
  const words = WHERE[lang];
  if (problem.row === 0) return field === undefined ? words.file : words.fileColumn(field);
  const row = words.row[source](problem.row);
  return field === undefined ? row : words.field[source](row, field);
}

/** Orders problems by row (stable within a row), so a person can walk the sheet top to bottom. */
export function sortProblems(problems: readonly ImportProblem[]): ImportProblem[] {
  return [...problems].sort((a, b) => a.row - b.row);
}
