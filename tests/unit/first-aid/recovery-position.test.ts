import { describe, expect, test } from 'vitest';
import { recoveryPositionDocument, recoveryPositionSvg } from '#src/features/first-aid/recovery-position.ts';

const text = { title: 'Tư thế nằm nghiêng an toàn', description: 'Người bất tỉnh nằm nghiêng; điện thoại với số 115.' };

describe('recovery-position drawing', () => {
  test('is one image named by its title and described, for screen readers', () => {
    const svg = recoveryPositionSvg(text, 'x');
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="x-title x-desc"/);
    expect(svg).toContain('<title id="x-title">Tư thế nằm nghiêng an toàn</title>');
    expect(svg).toContain('<desc id="x-desc">Người bất tỉnh nằm nghiêng; điện thoại với số 115.</desc>');
  });

  test('escapes the texts it is given', () => {
    expect(recoveryPositionSvg({ title: 'A < B & "C"', description: 'd' })).toContain(
      '<title id="recovery-title">A &lt; B &amp; &quot;C&quot;</title>',
    );
  });

  test('draws 115 as strokes, needing no font, so paper, screen and image show the same number', () => {
    const doc = recoveryPositionDocument();
    expect(doc).not.toMatch(/<text/);
    // The telephone's digits: two ones and a five, stroked in white on the red telephone.
    expect(doc).toMatch(/<rect [^>]*fill="#b3261e"/);
    expect(doc.match(/<path d="M\d+ \d+ L\d+ \d+ L\d+ \d+ M\d+ \d+ L\d+ \d+ L\d+ \d+ M/)).not.toBeNull();
  });

  test('scales as a standalone document without changing the drawing', () => {
    expect(recoveryPositionDocument(2)).toMatch(/^<svg [^>]*width="840" height="420" viewBox="0 0 420 210"/);
  });
});
