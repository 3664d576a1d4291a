/**
 * The message guard (issue 19, item 6): what in a request's message looks like a detail that identifies someone — a
 * full name, a phone number, an ID number (the 12-digit CCCD), a home address, a school — so the preview can ask,
 * gently, whether to keep it. The staff of a point do not need any of it to help, and a message can be read by
 * whoever gets hold of the receipt code.
 *
 * The guard only asks. It never blocks a send and never changes the text; what it found is shown on the preview to
 * the person who wrote it and nowhere else: nothing about a match is logged, counted or stored (this module has no
 * side effect, and its callers pass its answer only to the page).
 *
 * Deliberately narrow: a family's worry ("con tôi 16 tuổi hay bỏ học, tôi lo") must not be flagged, nor a place. Names
 * are recognised by the common Vietnamese family names followed by capitalised syllables, or by "tên là …"/"my name
 * is …"; left alone are the administrative units ("Hoàng Mai" is a ward), landmarks, the people streets and schools
 * are named after, common phrases and drugs' street names (`not-person-names.ts`), words after a place word ("công
 * viên Lê Văn Tám", "đường Trần Phú") or before one ("Tran Hung Dao Street"), and "Hồ" with a place or one word ("Hồ
 * Gươm", "Hồ Ba Bể": a lake). A street named after someone is no home address on its own (thousands live on it); with
 * a house number it is one, and flagged as such. Numbers are recognised by their length; addresses by house numbers
 * with a street, lane or alley, or a hamlet; schools by "trường"/"THCS"/"THPT" or "… School" with a name.
 */
import {
  foldName,
  listCommunes,
  listOldCommunes,
  listOldProvinces,
  listProvinces,
} from '#src/features/admin-units/index.ts';
import { NOT_PERSON_NAMES, PLACE_NOUNS_AFTER } from './not-person-names.ts';
import { normalizeVietnamesePhone } from './text.ts';

/** The kinds of detail the guard looks for, in the order the preview lists them. */
export const PERSONAL_DETAIL_KINDS = ['full-name', 'phone', 'id-number', 'address', 'school'] as const;
export type PersonalDetailKind = (typeof PERSONAL_DETAIL_KINDS)[number];

/** One thing found: its kind and the words as written (shown back to the writer only). */
export interface PersonalDetail {
  readonly kind: PersonalDetailKind;
  readonly text: string;
}

// A capitalised Vietnamese (or English) word: an upper-case letter, then lower-case letters, then no other letter (so
// "THPT" is not the word "T").
const WORD = String.raw`\p{Lu}[\p{Ll}\p{M}]*(?![\p{L}\p{M}])`;

// The family names most Vietnamese carry (about nine in ten people), with and without accents. Left out on purpose:
// names that also begin place names people write every day (Hà Nội, Lâm Đồng, Cao Bằng, Đồng Nai, Bình Dương…).
const FAMILY_NAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Đinh',
  'Trịnh',
  'Đoàn',
  'Lương',
  'Mai',
  'Tô',
  'Tạ',
  'Triệu',
  'Vương',
];
const ASCII_FAMILY_NAMES = ['Nguyen', 'Tran', 'Pham', 'Hoang', 'Huynh', 'Dang', 'Bui', 'Duong', 'Dinh', 'Trinh'];

// "Nguyễn Văn An": a family name and one to three capitalised syllables (four words at most in all).
const VIETNAMESE_NAME = new RegExp(
  String.raw`(?<![\p{L}\p{M}])(?:${FAMILY_NAMES.join('|')})(?:\s+${WORD}){1,3}(?![\p{L}\p{M}])`,
  'gu',
);
// Without accents (as typed in English messages): two more capitalised words at least, "Nguyen Van An".
const ASCII_NAME = new RegExp(String.raw`\b(?:${ASCII_FAMILY_NAMES.join('|')})(?:\s+[A-Z][a-z]+){2,3}\b`, 'g');
// Introduced as a name: "tên là Minh Anh", "tên Minh Anh", "my name is Anna Smith", "named Anna Smith".
const INTRODUCED_NAME = new RegExp(
  String.raw`(?:(?<![\p{L}\p{M}])tên(?:\s+là)?|\b(?:my name is|named|called))\s+(${WORD}(?:\s+${WORD}){1,3})`,
  'giu',
);

// Twelve digits in a row (spaces or dots between groups allowed): a citizen ID (CCCD) number.
const TWELVE_DIGITS = /(?<![\d])\d(?:[ .]?\d){11}(?![\d])/gu;
// Nine to twelve digits, possibly grouped, possibly after +84: a phone number when the phone rules accept it.
const PHONE_CANDIDATE = /(?<![\d+])(?:\+?84[ .-]?|0)\(?\d{1,4}\)?(?:[ .-]?\d){6,9}(?![\d])/gu;

// A house number with a street, lane or alley: "số 12 ngõ 34", "12/3 đường Lê Lợi", "ngõ 5", "hẻm 12/4", "nhà số 7".
const ADDRESS_PATTERNS = [
  new RegExp(
    String.raw`(?:(?<![\p{L}\p{M}])số\s+)?\d+[a-zA-Z]?(?:\/\d+)*\s*,?\s+(?:đường|phố|ngõ|ngách|hẻm|kiệt)\s+(?:\d+|${WORD})`,
    'giu',
  ),
  /(?<![\p{L}\p{M}])(?:ngõ|ngách|hẻm|kiệt)\s+\d+(?:\/\d+)*/giu,
  /(?<![\p{L}\p{M}])(?:số nhà|nhà số)\s+\d+/giu,
  // A hamlet or residential group: "thôn Nà Lẹng", "xóm 3", "ấp Tân Hòa", "tổ dân phố 5", "bản Pác Nặm".
  new RegExp(String.raw`(?<![\p{L}\p{M}])(?:thôn|xóm|ấp|bản|tổ dân phố|tổ)\s+(?:\d+|${WORD}(?:\s+${WORD}){0,2})`, 'gu'),
  // A house number and a street named after someone: "số 12 Nguyễn Trãi" (not the emergency numbers 111–116).
  new RegExp(
    String.raw`(?<![\p{L}\p{M}])số\s+(?!11[1-6](?!\d))\d{1,4}[a-zA-Z]?(?:\/\d+)*\s*,?\s+${WORD}(?:\s+${WORD}){1,3}`,
    'gu',
  ),
  // English: "12 Le Loi Street", "12 Nguyễn Trãi street", "alley 5", "house number 7".
  new RegExp(
    String.raw`(?<![\p{L}\p{M}\d])\d+[a-zA-Z]?(?:\/\d+)*\s+(?:${WORD}\s+){1,4}(?:[Ss]treet|St\.|[Rr]oad|Rd\.|[Ll]ane|[Aa]lley|[Aa]venue)(?![\p{L}\p{M}])`,
    'gu',
  ),
  /\b(?:alley|lane|house number)\s+\d+/gi,
];

// A school with its name: "trường THCS Nguyễn Du", "THPT Chu Văn An", "Trường Tiểu học Kim Đồng", "Kim Dong High School".
const SCHOOL_PATTERNS = [
  new RegExp(
    String.raw`(?<![\p{L}\p{M}])(?:trường(?:\s+(?:mầm non|tiểu học|trung học cơ sở|trung học phổ thông|THCS|THPT|PTDTBT|PTDTNT|PTCS|phổ thông|đại học|cao đẳng|trung cấp|chuyên))*|THCS|THPT|TH|PTDTBT|PTDTNT)\s+(?:${WORD}|\d+)(?:\s+(?:${WORD}|\d+)){0,4}`,
    'gu',
  ),
  /\b(?:[A-Z][a-z]+\s+){1,4}(?:High|Secondary|Primary|Middle|International)\s+School\b/g,
  /\b(?:[A-Z][a-z]+\s+){1,3}(?:University|College)\b/g,
];

// Capitalised words that a school pattern may take from the start of a sentence ("Trường học", lower-case) are not
// names; a school pattern must end in a capitalised word or a number.
const ENDS_IN_NAME = new RegExp(String.raw`(?:${WORD}|\d+)$`, 'u');

let placeNames: ReadonlySet<string> | undefined;
let notNames: readonly string[] | undefined;

/** Folded names of every province and commune, current and pre-2025: words that are a place, not a person. */
function knownPlaceNames(): ReadonlySet<string> {
  if (placeNames !== undefined) return placeNames;
  const names = new Set<string>();
  for (const unit of [...listProvinces(), ...listCommunes(), ...listOldProvinces(), ...listOldCommunes()])
    names.add(foldName(unit.name));
  placeNames = names;
  return names;
}

/** Folded landmarks, namesakes, phrases and drug names, longest first. */
function knownNotNames(): readonly string[] {
  notNames ??= NOT_PERSON_NAMES.map((name) => foldName(name)).sort((a, b) => b.length - a.length);
  return notNames;
}

const PLACE_NOUN_AFTER = new RegExp(String.raw`^\s+(?:${PLACE_NOUNS_AFTER.join('|')})\b`, 'i');
const LAST_WORD_IS_PLACE_NOUN = new RegExp(String.raw`\s(?:${PLACE_NOUNS_AFTER.join('|')})$`, 'i');

/**
 * True when the capitalised `words` found at `index` of `text` are a place or a phrase rather than a person: an
 * administrative unit, a landmark, namesake, phrase or drug name that covers all of them, "Hồ" (a lake) with a place
 * or one word, or words between a place word and a place noun ("công viên Lê Văn Tám", "Tran Hung Dao Street").
 */
function isPlaceOrPhrase(text: string, index: number, words: string): boolean {
  const places = knownPlaceNames();
  const folded = foldName(words);
  if (places.has(folded)) return true;
  // A phrase may go on in lower case ("Đoàn Thanh niên"): it counts when it covers every word found.
  const ahead = foldName(text.slice(index, index + words.length + 40));
  const covers = (entry: string) =>
    entry.length >= folded.length && ahead.startsWith(entry) && !/[a-z0-9]/.test(ahead.charAt(entry.length));
  if (knownNotNames().some(covers)) return true;
  const [first, ...rest] = folded.split(' ');
  if (first === 'ho' && words.startsWith('Hồ') && (rest.length === 1 || places.has(rest.join(' ')))) return true;
  if (LAST_WORD_IS_PLACE_NOUN.test(words) || PLACE_NOUN_AFTER.test(text.slice(index + words.length))) return true;
  return precededByPlaceWord(text, index);
}

/**
 * What in `message` looks like a detail that identifies someone, each kind at most three times, in the order of
 * {@link PERSONAL_DETAIL_KINDS}, then as written. Pure: nothing is logged, counted or kept.
 */
export function findPersonalDetails(message: string): PersonalDetail[] {
  const text = message.normalize('NFC');
  const found: PersonalDetail[] = [];
  const add = (kind: PersonalDetailKind, words: string) => {
    const trimmed = words.trim();
    if (found.filter((item) => item.kind === kind).length >= 3) return;
    if (found.some((item) => item.kind === kind && item.text === trimmed)) return;
    found.push({ kind, text: trimmed });
  };

  // Numbers first: a 12-digit ID number is not also a phone number.
  const ids = [...text.matchAll(TWELVE_DIGITS)].map((match) => match[0]);
  for (const id of ids) add('id-number', id);
  for (const match of text.matchAll(PHONE_CANDIDATE)) {
    const digits = match[0].replace(/\D/g, '');
    if (digits.length === 12 && !match[0].startsWith('+') && !digits.startsWith('84')) continue;
    if (normalizeVietnamesePhone(match[0]) !== null) add('phone', match[0]);
  }

  const schools: string[] = [];
  for (const pattern of SCHOOL_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      if (!ENDS_IN_NAME.test(match[0])) continue;
      schools.push(match[0]);
      add('school', match[0]);
    }
  }
  const addresses: string[] = [];
  for (const pattern of ADDRESS_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      addresses.push(match[0]);
      add('address', match[0]);
    }
  }

  const inOther = (words: string) => [...schools, ...addresses].some((other) => other.includes(words));
  for (const pattern of [VIETNAMESE_NAME, ASCII_NAME]) {
    for (const match of text.matchAll(pattern)) {
      const words = match[0];
      // "Hồ Chí Minh", "Hồ Gươm", "Lê Lợi", "Đoàn Thanh niên": a place or a phrase (with a house number, an address).
      if (inOther(words) || isPlaceOrPhrase(text, match.index, words)) continue;
      add('full-name', words);
    }
  }
  for (const match of text.matchAll(INTRODUCED_NAME)) {
    const words = match[1] ?? '';
    const at = match.index + match[0].length - words.length;
    // Introduced, a name is a name even when a commune has it too ("tên là Minh Khôi"); "a drink called Happy Water",
    // "loại tên là Cỏ Mỹ" or "a bar called Bùi Viện Street" are not a person.
    if (words === '' || inOther(words) || knownNotNames().includes(foldName(words))) continue;
    if (PLACE_NOUN_AFTER.test(text.slice(at + words.length))) continue;
    add('full-name', words);
  }

  const rank = (kind: PersonalDetailKind) => PERSONAL_DETAIL_KINDS.indexOf(kind);
  return found
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rank(a.item.kind) - rank(b.item.kind) || a.index - b.index)
    .map(({ item }) => item);
}

// Words that make the capitalised words after them a place or a street: "phường Lê Lợi", "đường Trần Phú", "TP Hồ Chí
// Minh", "quận Hoàng Mai", "công viên Lê Văn Tám", "tượng đài Trần Hưng Đạo".
const PLACE_WORD_BEFORE =
  /(?:^|[^\p{L}\p{M}])(?:xã|phường|thị trấn|quận|huyện|thị xã|thành phố|tp\.?|tỉnh|đường|phố|phố đi bộ|đại lộ|ngõ|hẻm|khu|chợ|cầu|sông|hồ|đảo|núi|bãi biển|bệnh viện|trung tâm|công viên|vườn hoa|tượng đài|tượng|đền|chùa|nhà thờ|lăng|bảo tàng|nhà văn hóa|sân vận động|quảng trường|bến xe|bến|ga|cảng|city|street|province|district)\s+$/iu;

function precededByPlaceWord(text: string, index: number): boolean {
  return PLACE_WORD_BEFORE.test(text.slice(Math.max(0, index - 24), index));
}
