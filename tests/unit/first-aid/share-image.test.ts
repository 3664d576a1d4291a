import { describe, expect, test } from 'vitest';
import {
  FIRST_AID_IMAGE_HEIGHT,
  FIRST_AID_IMAGE_WIDTH,
  firstAidImageSvg,
  renderFirstAidImage,
} from '#src/features/first-aid/share-image.ts';
import { languages, useTranslations } from '#src/i18n/index.ts';
import { CARD_SECTIONS } from '#src/features/first-aid/card-content.ts';

describe('first-aid card image', () => {
  for (const lang of languages) {
    test(`is a ${FIRST_AID_IMAGE_WIDTH}×${FIRST_AID_IMAGE_HEIGHT} PNG in ${lang}`, async () => {
      const png = Buffer.from(await renderFirstAidImage(lang, 'hotro.example.invalid/so-cuu-qua-lieu'));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([FIRST_AID_IMAGE_WIDTH, FIRST_AID_IMAGE_HEIGHT]);
    });

    test(`embeds the recovery-position drawing and draws every letter of the card from the bundled font (${lang})`, async () => {
      // A letter the font lacks rejects (see share-image.ts), so resolving proves every glyph was drawn.
      const svg = await firstAidImageSvg(lang, 'hotro.example.invalid/so-cuu-qua-lieu');
      expect(svg).toMatch(/<image [^>]*href="data:image\/svg\+xml;base64,/);
      const drawing = /href="data:image\/svg\+xml;base64,([^"]+)"/.exec(svg)?.[1] ?? '';
      expect(Buffer.from(drawing, 'base64').toString('utf8')).toContain('fill="#b3261e"');
    });
  }

  test('every line the card shows exists in both languages', () => {
    for (const lang of languages) {
      const t = useTranslations(lang);
      for (const section of CARD_SECTIONS) {
        for (const key of [section.title, ...section.lines]) expect(t(key).length, `${lang} ${key}`).toBeGreaterThan(0);
      }
    }
  });
});
