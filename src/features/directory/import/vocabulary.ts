/**
 * The values a person may write in the list-like columns (service types, operator kinds, costs, status, languages):
 * the code of the shared list, its Vietnamese or English label, or a common short form, compared without case,
 * accents or punctuation. The export writes codes, which the import reads back unchanged.
 */
import { foldName } from '#src/features/admin-units/index.ts';
import {
  costKinds,
  hsdsStatuses,
  operatorKinds,
  serviceTypes,
  type CostKind,
  type HsdsStatus,
  type OperatorKind,
  type ServiceType,
  type SharedList,
} from '#src/features/lists/index.ts';

/** A lookup from what people write to a code. */
export interface Vocabulary<Code extends string> {
  find(value: string): Code | undefined;
  /** The codes, for messages ("one of: …"). */
  readonly codes: readonly Code[];
}

function vocabulary<Code extends string>(
  list: SharedList<Code>,
  aliases: Readonly<Partial<Record<Code, readonly string[]>>>,
): Vocabulary<Code> {
  const byKey = new Map<string, Code>();
  const add = (text: string, code: Code) => {
    const key = foldName(text);
    const existing = byKey.get(key);
    if (existing !== undefined && existing !== code)
      throw new Error(`vocabulary: "${text}" means both ${existing} and ${code}`);
    byKey.set(key, code);
  };
  for (const item of list.items) {
    add(item.code, item.code);
    add(item.label.vi, item.code);
    add(item.label.en, item.code);
  }
  for (const code of list.codes) for (const alias of aliases[code] ?? []) add(alias, code);
  return { find: (value) => byKey.get(foldName(value)), codes: list.codes };
}

export const serviceTypeWords: Vocabulary<ServiceType> = vocabulary(serviceTypes, {
  'consultation-point': ['điểm tư vấn', 'điểm tư vấn cộng đồng', 'điểm tư vấn hỗ trợ cai nghiện', 'consultation point'],
  counselling: ['tư vấn', 'tư vấn tâm lý', 'tư vấn tâm lý xã hội', 'counseling'],
  methadone: ['điều trị methadone', 'thuốc thay thế', 'điều trị thay thế', 'MAT', 'substitution treatment'],
  'voluntary-rehab': ['cai nghiện tự nguyện', 'cai nghiện tại gia đình', 'cai nghiện tại cộng đồng', 'voluntary rehab'],
  'rehab-facility': ['cơ sở cai nghiện ma túy', 'cơ sở cai nghiện bắt buộc', 'rehab centre', 'rehab center'],
  'post-rehab-support': ['hỗ trợ sau cai', 'hỗ trợ sau cai nghiện', 'sau cai nghiện', 'post rehab', 'aftercare'],
  'hiv-hepatitis-testing': ['xét nghiệm', 'xét nghiệm HIV', 'xét nghiệm viêm gan', 'HIV testing', 'testing'],
  'mental-health': ['tâm thần', 'chăm sóc sức khỏe tâm thần'],
});

export const operatorKindWords: Vocabulary<OperatorKind> = vocabulary(operatorKinds, {
  'health-station': ['trạm y tế', 'trạm y tế xã', 'trạm y tế phường', 'TYT'],
  'community-point': ['điểm tư vấn', 'điểm tư vấn hỗ trợ', 'tổ công tác cai nghiện'],
  'health-facility': ['cơ sở y tế', 'bệnh viện', 'trung tâm y tế', 'cơ sở methadone', 'cơ sở điều trị methadone'],
  'police-facility': ['công an', 'cơ sở cai nghiện công an', 'cơ sở cai nghiện ma túy'],
  'social-organisation': ['tổ chức xã hội', 'đoàn thể', 'hội', 'NGO', 'social organization'],
  other: ['khác', 'đơn vị khác'],
});

export const costWords: Vocabulary<CostKind> = vocabulary(costKinds, {
  free: ['miễn phí', 'không mất phí', 'không thu phí', 'free'],
  insurance: ['bảo hiểm y tế', 'bảo hiểm', 'BHYT', 'health insurance'],
  fee: ['thu phí', 'có phí', 'phí', 'trả phí', 'paid'],
});

export const statusWords: Vocabulary<HsdsStatus> = vocabulary(hsdsStatuses, {
  active: ['hoạt động', 'đang hoạt động', 'mở cửa', 'open'],
  'temporarily closed': [
    'tạm ngừng',
    'tạm dừng',
    'tạm đóng cửa',
    'tạm nghỉ',
    'temporarily-closed',
    'closed temporarily',
  ],
  inactive: ['ngừng hoạt động', 'không hoạt động', 'đóng cửa', 'closed'],
  defunct: ['giải thể', 'đã giải thể', 'dissolved'],
});

/** A language the import knows: ISO 639 code, its Vietnamese name (stored) and other names people write. */
export interface KnownLanguage {
  readonly code: string;
  readonly vi: string;
  readonly en: string;
  readonly aliases: readonly string[];
}

// Languages of Vietnam's larger communities and of visitors. A code not listed is refused rather than guessed: a typo
// such as "vn" is more likely than a language this list lacks (add it here when one is needed).
export const KNOWN_LANGUAGES: readonly KnownLanguage[] = [
  { code: 'vi', vi: 'Tiếng Việt', en: 'Vietnamese', aliases: ['Việt', 'tiếng Kinh'] },
  { code: 'en', vi: 'Tiếng Anh', en: 'English', aliases: ['Anh'] },
  { code: 'zh', vi: 'Tiếng Trung', en: 'Chinese', aliases: ['Trung', 'tiếng Hoa', 'Hoa', 'Mandarin', 'Cantonese'] },
  { code: 'km', vi: 'Tiếng Khmer', en: 'Khmer', aliases: ['Khơ-me', 'tiếng Khơ-me'] },
  { code: 'hmn', vi: "Tiếng H'Mông", en: 'Hmong', aliases: ["H'Mông", 'Mông', 'tiếng Mông', 'Hmông'] },
  { code: 'tyz', vi: 'Tiếng Tày', en: 'Tày', aliases: ['Tày'] },
  { code: 'nut', vi: 'Tiếng Nùng', en: 'Nùng', aliases: ['Nùng'] },
  { code: 'blt', vi: 'Tiếng Thái (Thái Đen)', en: 'Tai Dam', aliases: ['Thái Đen', 'tiếng Thái Đen'] },
  { code: 'mtq', vi: 'Tiếng Mường', en: 'Muong', aliases: ['Mường'] },
  { code: 'cja', vi: 'Tiếng Chăm', en: 'Cham', aliases: ['Chăm'] },
  { code: 'rad', vi: 'Tiếng Ê Đê', en: 'Rade', aliases: ['Ê Đê', 'Êđê', 'Rhade'] },
  { code: 'jra', vi: 'Tiếng Gia Rai', en: 'Jarai', aliases: ['Gia Rai', 'Jrai'] },
  { code: 'bdq', vi: 'Tiếng Ba Na', en: 'Bahnar', aliases: ['Ba Na'] },
  { code: 'sed', vi: 'Tiếng Xơ Đăng', en: 'Sedang', aliases: ['Xơ Đăng'] },
  { code: 'dao', vi: 'Tiếng Dao', en: 'Dao', aliases: ['Dao', 'Iu Mien'] },
  { code: 'fr', vi: 'Tiếng Pháp', en: 'French', aliases: ['Pháp'] },
  { code: 'ko', vi: 'Tiếng Hàn', en: 'Korean', aliases: ['Hàn', 'Hàn Quốc'] },
  { code: 'ja', vi: 'Tiếng Nhật', en: 'Japanese', aliases: ['Nhật'] },
];

const languageByKey = new Map<string, KnownLanguage>();
for (const language of KNOWN_LANGUAGES) {
  for (const text of [language.code, language.vi, language.en, ...language.aliases])
    languageByKey.set(foldName(text), language);
}

/** The known language written as `value` (code or name), or undefined. */
export function findLanguage(value: string): KnownLanguage | undefined {
  return languageByKey.get(foldName(value));
}

/** The known language with this code. */
export function languageByCode(code: string): KnownLanguage | undefined {
  return KNOWN_LANGUAGES.find((language) => language.code === code);
}
