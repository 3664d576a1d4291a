import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../setup/portal-process.ts';
import { ACCENTS, ACCENT_CODES } from '#src/features/widgets/accents.ts';
import {
  embedHref,
  embedPath,
  presetParams,
  readEmbedLook,
  readHelpLayout,
  readLocatorPreset,
  readWidgetConfig,
} from '#src/features/widgets/options.ts';
import { locatorParamsOf } from '#src/features/widgets/locator-embed-model.server.ts';
import { isEmbedPath } from '#src/server/security-headers.ts';
import { pageTypes } from '#src/features/site/page-types.ts';
import { routes } from '#src/features/site/routes.ts';

const params = (query: string) => new URLSearchParams(query);

describe('embed options: the look', () => {
  it('reads a theme and an accent from the list', () => {
    expect(readEmbedLook(params('theme=dark&accent=purple'))).toEqual({ theme: 'dark', accent: 'purple' });
  });

  it('falls back to the light theme and the portal colour for anything else, without an error', () => {
    expect(readEmbedLook(params(''))).toEqual({ theme: 'light', accent: 'teal' });
    expect(readEmbedLook(params('theme=DARK&accent=%23ff0000'))).toEqual({ theme: 'light', accent: 'teal' });
    expect(readEmbedLook(params('accent=red;background:url(x)'))).toEqual({ theme: 'light', accent: 'teal' });
  });

  it('keeps the look in links inside an embed', () => {
    expect(embedHref('/embed/tim-ho-tro', [['q', 'Phú Quốc']], { theme: 'dark', accent: 'green' })).toBe(
      '/embed/tim-ho-tro?q=Ph%C3%BA+Qu%E1%BB%91c&theme=dark&accent=green',
    );
  });
});

describe('embed options: the locator preset', () => {
  it('reads a province and a service type', () => {
    const preset = readLocatorPreset(params('province=01&service=methadone'));
    expect(preset.province?.fullName).toBe('Thành phố Hà Nội');
    expect(preset.commune).toBeUndefined();
    expect(preset.service).toBe('methadone');
  });

  it('reads a commune, and its province with it', () => {
    const preset = readLocatorPreset(params('commune=00004'));
    expect(preset.commune?.fullName).toBe('Phường Ba Đình');
    expect(preset.province?.code).toBe('01');
  });

  it('drops a commune of another province than the one given', () => {
    const preset = readLocatorPreset(params('province=48&commune=00004'));
    expect(preset.province?.code).toBe('48');
    expect(preset.commune).toBeUndefined();
  });

  it('drops unknown codes and service types quietly', () => {
    expect(readLocatorPreset(params('province=99&commune=99999&service=tattoos'))).toEqual({
      province: undefined,
      commune: undefined,
      service: undefined,
    });
    expect(readLocatorPreset(params('province=1&commune=4')).province).toBeUndefined();
  });

  it("becomes the locator's own query: a commune by name and exact code, a province by name", () => {
    expect(presetParams(readLocatorPreset(params('commune=00004&service=counselling'))).toString()).toBe(
      new URLSearchParams({ q: 'Phường Ba Đình, Hà Nội', commune: '00004', service: 'counselling' }).toString(),
    );
    expect(presetParams(readLocatorPreset(params('province=01'))).get('q')).toBe('Thành phố Hà Nội');
    expect(presetParams(readLocatorPreset(params(''))).toString()).toBe('');
  });

  it("gives way to the reader's own search once they send the embed's form, the preset province as its scope", () => {
    // Issue 19 item 5: "Tân Phú" typed on a Đồng Nai site means Đồng Nai's Tân Phú; the search still finds a place
    // outside the province (tests/e2e/widgets.spec.ts).
    const query = params('province=01&q=Phú Quốc&service=methadone&theme=dark');
    expect([...locatorParamsOf(query, readLocatorPreset(query))]).toEqual([
      ['q', 'Phú Quốc'],
      ['service', 'methadone'],
      ['province', '01'],
    ]);
  });

  it("keeps the exact commune of a place the reader chose from the embed's list", () => {
    const query = params('q=Phường Ba Đình, Hà Nội&commune=00004');
    expect(locatorParamsOf(query, readLocatorPreset(query)).get('commune')).toBe('00004');
  });
});

describe('embed options: the help button', () => {
  it('is a card unless the button alone is asked for', () => {
    expect(readHelpLayout(params('layout=button'))).toBe('button');
    expect(readHelpLayout(params('layout=popup'))).toBe('card');
    expect(readHelpLayout(params(''))).toBe('card');
  });
});

describe("the configurator's form", () => {
  it('defaults to the locator in the language of the page', () => {
    const config = readWidgetConfig(params(''), 'en', []);
    expect(config.widget).toBe('locator');
    expect(config.lang).toBe('en');
    expect(config.look).toEqual({ theme: 'light', accent: 'teal' });
  });

  it('reads every option it offers', () => {
    const config = readWidgetConfig(
      params('widget=campaign&lang=vi&campaign=asking-is-brave&theme=dark&accent=orange&layout=button'),
      'en',
      ['asking-is-brave'],
    );
    expect(config).toMatchObject({
      widget: 'campaign',
      lang: 'vi',
      campaign: 'asking-is-brave',
      layout: 'button',
      look: { theme: 'dark', accent: 'orange' },
    });
  });

  it('accepts only published campaigns and known widgets', () => {
    const config = readWidgetConfig(params('widget=popup&campaign=../secret&lang=fr'), 'vi', ['asking-is-brave']);
    expect(config.widget).toBe('locator');
    expect(config.campaign).toBeUndefined();
    expect(config.lang).toBe('vi');
  });
});

describe('embed paths and framing', () => {
  it("mirror the portal's own paths under /embed, English under /embed/en", () => {
    expect(embedPath('locator', 'vi')).toBe('/embed/tim-ho-tro');
    expect(embedPath('locator', 'en')).toBe('/embed/en/find-help');
    expect(embedPath('help', 'vi')).toBe('/embed/xin-tu-van');
    expect(embedPath('campaign', 'en')).toBe('/embed/en/campaigns');
    expect(embedPath('campaign', 'vi', 'hoi-la-dung-cam')).toBe('/embed/chien-dich/hoi-la-dung-cam');
  });

  it('every embed route, and nothing else, is under /embed/ (the only paths other sites may frame)', () => {
    for (const [id, paths] of Object.entries(routes)) {
      for (const path of Object.values(paths))
        expect(isEmbedPath(path), `${id}: ${path}`).toBe(id.startsWith('embed') && id !== 'embed');
    }
  });

  it('page types marked as embeds are exactly those under /embed/', () => {
    for (const pageType of pageTypes) {
      for (const path of Object.values(pageType.paths)) {
        expect(isEmbedPath(new URL(path, 'http://x').pathname), pageType.id).toBe(pageType.embed === true);
      }
    }
  });
});

describe('accent colours', () => {
  function luminance(hex: string): number {
    const channel = (index: number) => {
      const value = Number.parseInt(hex.slice(index, index + 2), 16) / 255;
      return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  }

  it('all carry white text at a contrast of 4.5:1 or more (WCAG AA)', () => {
    for (const accent of ACCENTS) {
      const contrast = 1.05 / (luminance(accent.hex) + 0.05);
      expect(contrast, accent.code).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('each have a class in the embeds and a swatch in the configurator, in the same colour', () => {
    const embedCss = readFileSync(join(repoRoot, 'src/features/widgets/views/embed.css'), 'utf8');
    const configuratorCss = readFileSync(join(repoRoot, 'src/features/widgets/views/configurator.css'), 'utf8');
    for (const accent of ACCENTS) {
      expect(embedCss).toMatch(new RegExp(`html\\.accent-${accent.code} \\{\\s*--accent: ${accent.hex};`));
      expect(configuratorCss).toMatch(new RegExp(`\\.swatch--${accent.code} \\{\\s*background: ${accent.hex};\\s*\\}`));
    }
    expect(ACCENT_CODES[0]).toBe('teal');
  });
});
