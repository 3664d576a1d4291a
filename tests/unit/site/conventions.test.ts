import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { securityTxt, SECURITY_TXT_VALID_DAYS } from '#src/features/site/security-txt.ts';
import { robotsTxt } from '#src/features/site/robots.ts';
import { webManifest } from '#src/features/site/web-manifest.ts';
import { MANIFEST_ICONS, PNG_ICONS } from '#src/features/site/icons.ts';
import { renderPngIcon } from '#src/features/site/icon-png.ts';

describe('security.txt', () => {
  const now = new Date('2026-12-06T10:00:00Z');
  const text = securityTxt({
    contacts: ['mailto:security@hotro.example.gov.vn', 'https://hotro.example.gov.vn/bao-mat'],
    origin: 'https://hotro.example.gov.vn',
    now,
  });

  it('has one Contact line per contact, preferred first, as RFC 9116 asks', () => {
    expect(text.split('\n').filter((line) => line.startsWith('Contact: '))).toEqual([
      'Contact: mailto:security@hotro.example.gov.vn',
      'Contact: https://hotro.example.gov.vn/bao-mat',
    ]);
  });

  it('expires less than a year ahead, at midnight UTC', () => {
    const expires = /^Expires: (.+)$/m.exec(text)?.[1];
    expect(expires).toBe('2027-06-04T00:00:00.000Z');
    expect(SECURITY_TXT_VALID_DAYS).toBeLessThan(365);
  });

  it('names its canonical address on the public origin', () => {
    expect(text).toContain('Canonical: https://hotro.example.gov.vn/.well-known/security.txt\n');
  });
});

describe('robots.txt', () => {
  it('keeps crawlers out of the console and the APIs and names the sitemap', () => {
    const text = robotsTxt('https://hotro.example.gov.vn/sitemap-index.xml');
    expect(text).toMatch(/^Disallow: \/quan-ly$/m);
    expect(text).toMatch(/^Disallow: \/en\/console$/m);
    expect(text).toMatch(/^Sitemap: https:\/\/hotro\.example\.gov\.vn\/sitemap-index\.xml$/m);
  });
});

describe('web app manifest', () => {
  it('opens in the language it was added from, and names no origin', () => {
    expect(webManifest('en')).toMatchObject({ start_url: '/en/', lang: 'en-GB', name: 'Addiction support' });
    expect(webManifest('vi')).toMatchObject({ start_url: '/', lang: 'vi-VN' });
    expect(JSON.stringify(webManifest('vi'))).not.toMatch(/https?:/);
  });

  it('lists a maskable icon and the 192 and 512 pixel icons', () => {
    expect(MANIFEST_ICONS.map((icon) => `${icon.size}:${icon.purpose}`)).toEqual([
      '192:any',
      '512:any',
      '512:maskable',
    ]);
  });
});

describe('PNG icons', () => {
  it('are drawn at their stated size', () => {
    for (const icon of PNG_ICONS) {
      const png = Buffer.from(renderPngIcon(icon));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([icon.size, icon.size]);
    }
  });

  it('fill the square when the platform cuts its own shape (maskable), and keep rounded corners otherwise', () => {
    // The top-left pixel: transparent outside the rounded corner, the brand colour when the square is filled.
    const alphaAtCorner = (name: string) => {
      const icon = PNG_ICONS.find((found) => found.name === name);
      if (icon === undefined) throw new Error(name);
      return cornerAlpha(Buffer.from(renderPngIcon(icon)));
    };
    expect(alphaAtCorner('maskable-512')).toBe(255);
    expect(alphaAtCorner('icon-512')).toBe(0);
  });
});

/** The alpha of the first pixel of an RGBA PNG (decoded with the zlib the runtime has). */
function cornerAlpha(png: Buffer): number {
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    if (type === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  // Each row starts with a filter byte; the first pixel's RGBA follows it, unchanged by any filter (no neighbours).
  return raw[4] ?? -1;
}
