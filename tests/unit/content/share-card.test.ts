import { describe, expect, test } from 'vitest';
import { renderShareCard, shareCardSvg } from '#src/features/content/campaign/share-card.ts';
import { ContentError } from '#src/features/content/errors.ts';

// Every Vietnamese letter with a diacritic, upper and lower case: the share card font must draw each one itself.
const VIETNAMESE_LETTERS = 'ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ';

const card = {
  kicker: 'Chiến dịch · Hỗ trợ cai nghiện',
  title: 'Hỏi là dũng cảm',
  slogan: 'Hỏi là dũng cảm.',
  footer: 'Xin tư vấn không cần nêu tên · hotro.example.invalid',
};

describe('campaign share card', () => {
  test('is a 1200×630 PNG', async () => {
    const png = Buffer.from(await renderShareCard(card));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  });

  test('draws every Vietnamese letter with its diacritics from the bundled font', async () => {
    const title = `${VIETNAMESE_LETTERS} ${VIETNAMESE_LETTERS.toLowerCase()}`;
    await expect(shareCardSvg({ ...card, title })).resolves.toMatch(/^<svg/);
  });

  test('accepts text typed with combining accents (NFD) as well as precomposed letters', async () => {
    await expect(shareCardSvg({ ...card, title: 'Không phải kẹo'.normalize('NFD') })).resolves.toMatch(/^<svg/);
  });

  test('stops the build on a character the font cannot draw, rather than printing a box', async () => {
    await expect(shareCardSvg({ ...card, title: 'Hỏi là dũng cảm 勇' })).rejects.toThrow(ContentError);
  });
});
