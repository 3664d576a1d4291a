/**
 * Words that label people by their drug use, refused by the content lint, each with the wording to use instead.
 * The rules and their exceptions are explained in `README.md` beside this file; a test pins each one.
 */
export interface StigmaTerm {
  /** A stable id, used in `lint-allow` comments and tests. */
  id: string;
  /** The words as a reader would quote them. */
  term: string;
  /**
   * Matches the term (Unicode-aware, case-insensitive, on NFC text). A match is a problem unless `allowed` says the
   * words after it make it fine.
   */
  pattern: RegExp;
  /** Given the text right after the match, whether this use is not about people. */
  allowed?: (after: string) => boolean;
  /** What to write instead; shown in the problem. */
  suggestion: string;
}

// A Vietnamese word boundary: no letter or combining mark on either side (\b knows only ASCII letters).
const B = '(?<![\\p{L}\\p{M}\\p{N}])';
const E = '(?![\\p{L}\\p{M}\\p{N}])';
const vi = (words: string) => new RegExp(`${B}${words}${E}`, 'giu');

/**
 * "đối tượng" names people in reports ("đối tượng nghiện", "các đối tượng"), but it is also the legal word for the
 * scope of a rule: "đối tượng áp dụng", "đối tượng điều chỉnh" of a law, and "đối tượng nghiên cứu" of a study. Only
 * those three continuations are allowed.
 */
const LEGAL_SCOPE = /^\s+(áp dụng|điều chỉnh|nghiên cứu)(?![\p{L}\p{M}])/iu;

export const stigmaTerms: readonly StigmaTerm[] = [
  {
    id: 'con-nghien',
    term: 'con nghiện',
    pattern: vi('con nghiện'),
    suggestion:
      'write “người sử dụng ma túy”, or “người nghiện ma túy” only where the law’s term is needed; for a child, “con bạn đang sử dụng ma túy” or “con bạn bị nghiện”.',
  },
  {
    id: 'nghien-ngap',
    term: 'nghiện ngập',
    pattern: vi('nghiện ngập'),
    suggestion: 'write “nghiện” or “sử dụng ma túy”, and name the person: “người sử dụng ma túy”.',
  },
  {
    id: 'doi-tuong',
    term: 'đối tượng',
    pattern: vi('đối tượng'),
    allowed: (after) => LEGAL_SCOPE.test(after),
    suggestion:
      'for people write “người”, “người sử dụng ma túy”, “nhóm người có nguy cơ” or “người được hỗ trợ”; the legal “đối tượng áp dụng / điều chỉnh” of a law is fine.',
  },
  {
    id: 'te-nan',
    term: 'tệ nạn (applied to a person)',
    // Only after a word for a person ("dân tệ nạn", "thành phần tệ nạn"): "tệ nạn ma túy" as a phenomenon and
    // names such as "Cục Phòng, chống tệ nạn xã hội" are not about a person.
    pattern: vi('(?:người|dân|thành phần|đối tượng|kẻ|bọn|gã|tên|thằng|con)\\s+tệ nạn'),
    suggestion: 'write “người sử dụng ma túy”; do not call a person a social evil.',
  },
  {
    id: 'addict',
    term: 'addict',
    pattern: /\baddicts?\b/giu,
    suggestion: 'write “person who uses drugs” or “person with a drug dependence”.',
  },
  {
    id: 'junkie',
    term: 'junkie',
    pattern: /\bjunkies?\b/giu,
    suggestion: 'write “person who uses drugs”.',
  },
  {
    id: 'drug-abuser',
    term: 'drug abuser',
    pattern: /\b(?:drug|substance)\s+abusers?\b/giu,
    suggestion: 'write “person who uses drugs”.',
  },
];

/** A match of a refused term on one line. */
export interface StigmaMatch {
  term: StigmaTerm;
  /** The words as written on the line. */
  found: string;
  /** 1-based column. */
  column: number;
}

/** The refused terms on one line of text, left to right. */
export function findStigma(line: string): StigmaMatch[] {
  const text = line.normalize('NFC');
  const matches: StigmaMatch[] = [];
  for (const term of stigmaTerms) {
    for (const match of text.matchAll(term.pattern)) {
      const end = match.index + match[0].length;
      if (term.allowed?.(text.slice(end))) continue;
      matches.push({ term, found: match[0], column: match.index + 1 });
    }
  }
  return matches.sort((a, b) => a.column - b.column);
}
