/**
 * The columns of the directory spreadsheet (`public/templates/danh-ba-mau.csv`, documented in
 * `docs/directory-import.md`). The import and the CSV export both read this list, so the export is always a file the
 * import takes back unchanged.
 */
import { foldName } from '#src/features/admin-units/index.ts';

/** One column: a stable key, the header written in the template (Vietnamese) and its English name. */
export interface Column {
  readonly key: ColumnKey;
  readonly vi: string;
  readonly en: string;
  readonly required: boolean;
  /** Other headers accepted for it (compared without case, accents, punctuation or a bracketed note). */
  readonly aliases: readonly string[];
}

export type ColumnKey =
  | 'rowId'
  | 'province'
  | 'commune'
  | 'organization'
  | 'operatorKind'
  | 'pointName'
  | 'address'
  | 'lat'
  | 'lon'
  | 'phones'
  | 'notificationEmail'
  | 'serviceTypes'
  | 'cost'
  | 'languages'
  | 'minAge'
  | 'maxAge'
  | 'hours'
  | 'status'
  | 'checkedOn'
  | 'description'
  | 'descriptionEn'
  | 'serviceDescription'
  | 'serviceDescriptionEn';

/** The columns in template order. */
export const COLUMNS: readonly Column[] = [
  { key: 'rowId', vi: 'Mã dòng', en: 'Row id', required: true, aliases: ['mã', 'id', 'row_id', 'mã điểm'] },
  {
    key: 'province',
    vi: 'Mã tỉnh',
    en: 'Province code',
    required: true,
    aliases: ['tỉnh', 'province', 'province_code'],
  },
  {
    key: 'commune',
    vi: 'Xã/phường (mã hoặc tên)',
    en: 'Commune (code or name)',
    required: true,
    aliases: ['mã xã', 'xã', 'phường', 'xã phường', 'commune', 'commune_code', 'commune code'],
  },
  {
    key: 'organization',
    vi: 'Đơn vị quản lý',
    en: 'Organization',
    required: true,
    aliases: ['tên đơn vị', 'organization name', 'organisation'],
  },
  {
    key: 'operatorKind',
    vi: 'Loại đơn vị',
    en: 'Operator kind',
    required: true,
    aliases: ['operator_kind', 'loại cơ quan'],
  },
  {
    key: 'pointName',
    vi: 'Tên điểm',
    en: 'Point name',
    required: true,
    aliases: ['tên', 'name', 'point', 'location name'],
  },
  { key: 'address', vi: 'Địa chỉ', en: 'Address', required: false, aliases: [] },
  { key: 'lat', vi: 'Vĩ độ', en: 'Latitude', required: false, aliases: ['lat'] },
  { key: 'lon', vi: 'Kinh độ', en: 'Longitude', required: false, aliases: ['lon', 'lng', 'long'] },
  {
    key: 'phones',
    vi: 'Điện thoại',
    en: 'Phones',
    required: false,
    aliases: ['số điện thoại', 'phone', 'sđt', 'điện thoại liên hệ'],
  },
  {
    key: 'notificationEmail',
    vi: 'Email nhận thông báo',
    en: 'Notification e-mail',
    required: false,
    aliases: ['email', 'e-mail', 'notification email', 'email thông báo'],
  },
  {
    key: 'serviceTypes',
    vi: 'Loại dịch vụ',
    en: 'Service types',
    required: true,
    aliases: ['dịch vụ', 'service type', 'services'],
  },
  { key: 'cost', vi: 'Chi phí', en: 'Cost', required: false, aliases: ['phí', 'costs', 'cost options'] },
  { key: 'languages', vi: 'Ngôn ngữ', en: 'Languages', required: false, aliases: ['language'] },
  {
    key: 'minAge',
    vi: 'Tuổi tối thiểu',
    en: 'Minimum age',
    required: false,
    aliases: ['tuổi từ', 'min age', 'min_age'],
  },
  { key: 'maxAge', vi: 'Tuổi tối đa', en: 'Maximum age', required: false, aliases: ['tuổi đến', 'max age', 'max_age'] },
  {
    key: 'hours',
    vi: 'Giờ làm việc',
    en: 'Opening hours',
    required: false,
    aliases: ['giờ mở cửa', 'hours', 'thời gian làm việc'],
  },
  { key: 'status', vi: 'Trạng thái', en: 'Status', required: false, aliases: ['tình trạng'] },
  {
    key: 'checkedOn',
    vi: 'Ngày xác minh',
    en: 'Checked on',
    required: false,
    aliases: ['ngày kiểm tra', 'checked_on', 'checked', 'ngày cập nhật'],
  },
  // Last, so that the columns above keep the places they had before descriptions could be imported. A bracketed note
  // is dropped when headers are compared, so the English ones say "tiếng Anh" without brackets.
  {
    key: 'description',
    vi: 'Mô tả',
    en: 'Description',
    required: false,
    aliases: ['mô tả điểm', 'point description', 'location description', 'location_description'],
  },
  {
    key: 'descriptionEn',
    vi: 'Mô tả tiếng Anh',
    en: 'Description in English',
    required: false,
    aliases: ['description_en', 'english description', 'mô tả điểm tiếng anh', 'location_description_en'],
  },
  {
    key: 'serviceDescription',
    vi: 'Mô tả dịch vụ',
    en: 'Service description',
    required: false,
    aliases: ['service_description'],
  },
  {
    key: 'serviceDescriptionEn',
    vi: 'Mô tả dịch vụ tiếng Anh',
    en: 'Service description in English',
    required: false,
    aliases: ['service_description_en', 'english service description'],
  },
];

const COLUMN_BY_KEY = new Map(COLUMNS.map((column) => [column.key, column]));

/** The column with this key. */
export function column(key: ColumnKey): Column {
  const found = COLUMN_BY_KEY.get(key);
  if (!found) throw new Error(`unknown column key ${key}`);
  return found;
}

/** True when `value` is one of the column keys. */
export function isColumnKey(value: string): value is ColumnKey {
  return COLUMN_BY_KEY.has(value as ColumnKey);
}

/** The comparison key of a header: folded, a bracketed note and a required-mark `*` dropped. */
export function headerKey(header: string): string {
  return foldName(header.replace(/\([^)]*\)/g, ' ').replace(/\*/g, ' '));
}

const COLUMN_BY_HEADER = new Map<string, ColumnKey>();
for (const entry of COLUMNS) {
  for (const text of [entry.vi, entry.en, entry.key, ...entry.aliases]) {
    const key = headerKey(text);
    const existing = COLUMN_BY_HEADER.get(key);
    if (existing !== undefined && existing !== entry.key) throw new Error(`header "${text}" names two columns`);
    COLUMN_BY_HEADER.set(key, entry.key);
  }
}

/** The column a header names, or undefined. */
export function columnForHeader(header: string): ColumnKey | undefined {
  return COLUMN_BY_HEADER.get(headerKey(header));
}

/** Headers starting with one of these are the office's own notes: the import ignores those columns. */
export function isNoteHeader(header: string): boolean {
  const key = headerKey(header);
  return key === '' || /^(ghi chu|note|notes|#)/.test(key) || header.trim().startsWith('#');
}
