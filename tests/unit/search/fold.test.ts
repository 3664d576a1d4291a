import { describe, expect, test } from 'vitest';
import { foldText, queryWords } from '#src/features/search/fold.ts';

describe('folding text for search', () => {
  test('ignores accents, case and đ', () => {
    expect(foldText('Ma túy ĐÁ')).toBe('ma tuy da');
    expect(foldText('ma tuy da')).toBe(foldText('Ma túy đá'));
  });

  test('treats combining accents like precomposed letters', () => {
    expect(foldText('Ma túy'.normalize('NFD'))).toBe('ma tuy');
  });

  test('drops punctuation and one-letter words from a query', () => {
    expect(queryWords('  "ma túy" — a, đá! ')).toEqual(['ma', 'tuy', 'da']);
  });
});
