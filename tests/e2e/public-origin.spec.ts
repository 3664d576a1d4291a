import { request as httpRequest } from 'node:http';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { Resvg } from '@resvg/resvg-js';
import jsQR from 'jsqr';
import { parse, type HTMLElement } from 'node-html-parser';
import { renderShareCard } from '#src/features/content/campaign/share-card.ts';
import { renderFirstAidImage } from '#src/features/first-aid/share-image.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { languages, useTranslations, type Lang } from '#src/i18n/index.ts';
import { repoRoot, startPortal, type RunningPortal } from '../setup/portal-process.ts';

// The public address is run-time configuration (issue 16, item 2): the portal is built once, without SITE_URL, and a
// server started with SITE_URL names that address everywhere a reader, a search engine, a chat app or a printed poster
// sees one. The address below has a port, as a test proxy's would, so a dropped port shows too.
const SITE = 'https://example.test:8443';
const HOST = 'example.test:8443';
const PORT = Number(process.env['PUBLIC_ORIGIN_E2E_PORT'] ?? 4492);

let portal: RunningPortal;

test.beforeAll(async () => {
  test.setTimeout(200_000);
  portal = await startPortal({ port: PORT, env: { SITE_URL: SITE, DEMO: '0', TRUST_PROXY: '1' } });
});

test.afterAll(async () => {
  await portal.stop();
});

async function get(path: string): Promise<{ status: number; type: string; text: string; bytes: Buffer }> {
  const response = await fetch(`${portal.url}${path}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    text: bytes.toString('utf8'),
    bytes,
  };
}

/** No other origin than SITE_URL: the build's own address, or the one the server listens on. */
function expectNoOtherOrigin(text: string, where: string) {
  for (const foreign of ['localhost', '127.0.0.1', '.invalid'])
    expect(text.includes(foreign), `${where} names ${foreign}`).toBe(false);
}

function campaignSlugs(lang: Lang): string[] {
  return readdirSync(join(repoRoot, 'content/campaigns', lang))
    .filter((file) => file.endsWith('.md'))
    .map((file) => file.replace(/\.md$/, ''));
}

function attr(root: HTMLElement, selector: string, name: string): string {
  return root.querySelector(selector)?.getAttribute(name) ?? '';
}

/** What the QR code in this SVG says, as a phone's camera reads it. */
function decodeQr(svg: string): string | undefined {
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: 400 }, background: 'white' }).render();
  const code = jsQR(new Uint8ClampedArray(image.pixels), image.width, image.height);
  return code?.data;
}

const pages = [
  '/',
  '/en/',
  '/ma-tuy-a-z/heroin/',
  '/en/guides/',
  '/so-cuu-qua-lieu/',
  '/xin-tu-van',
  '/en/ask-for-help',
];

test('pages name SITE_URL in canonical, hreflang and link-preview tags, prerendered or not', async () => {
  for (const path of pages) {
    const page = await get(path);
    expect(page.status, path).toBe(200);
    expectNoOtherOrigin(page.text, path);
    const root = parse(page.text);
    const canonical = attr(root, 'link[rel="canonical"]', 'href');
    expect(canonical.replace(/\/$/, ''), path).toBe(`${SITE}${path}`.replace(/\/$/, ''));
    const alternates = root
      .querySelectorAll('link[rel="alternate"][hreflang]')
      .map((link) => link.getAttribute('href'));
    expect(alternates.length, path).toBe(3);
    for (const href of alternates) expect(href, path).toMatch(new RegExp(`^${SITE}/`));
    expect(attr(root, 'meta[property="og:url"]', 'content'), path).toBe(canonical);
    expect(attr(root, 'meta[property="og:image"]', 'content'), path).toMatch(new RegExp(`^${SITE}/.+\\.png$`));
    expect(attr(root, 'meta[name="twitter:image"]', 'content'), path).toMatch(new RegExp(`^${SITE}/.+\\.png$`));
  }
});

test('the sitemap, the feeds and robots.txt name SITE_URL', async () => {
  const index = await get('/sitemap-index.xml');
  expect(index.status).toBe(200);
  expectNoOtherOrigin(index.text, 'sitemap-index.xml');
  const sitemaps = [...index.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1] ?? '');
  expect(sitemaps.length).toBeGreaterThan(0);
  for (const sitemap of sitemaps) {
    expect(sitemap).toMatch(new RegExp(`^${SITE}/`));
    const body = await get(new URL(sitemap).pathname);
    expectNoOtherOrigin(body.text, sitemap);
    const addresses = [...body.text.matchAll(/(?:<loc>|href=")(https?:[^<"]+)/g)].map((match) => match[1] ?? '');
    expect(addresses.length).toBeGreaterThan(100);
    for (const address of addresses) expect(address).toMatch(new RegExp(`^${SITE}/`));
  }
  for (const lang of languages) {
    const feed = await get(localizedPath('rss', lang));
    expect(feed.status).toBe(200);
    expectNoOtherOrigin(feed.text, `RSS ${lang}`);
    const links = [...feed.text.matchAll(/<link>([^<]+)<\/link>/g)].map((match) => match[1] ?? '');
    expect(links.length).toBeGreaterThan(1);
    for (const link of links) expect(link).toMatch(new RegExp(`^${SITE}(/|$)`));
  }
  const robots = await get('/robots.txt');
  expect(robots.text).toContain(`Sitemap: ${SITE}/sitemap-index.xml`);
  expectNoOtherOrigin(robots.text, 'robots.txt');
});

test('campaign pages share, print and encode SITE_URL; their cards print its host', async () => {
  for (const lang of languages) {
    const t = useTranslations(lang);
    const askUrl = `${SITE}${localizedPath('askForHelp', lang)}`;
    const slug = campaignSlugs(lang)[0] ?? '';
    const path = localizedPath('campaign', lang, { slug });
    const page = await get(path);
    expect(page.status, path).toBe(200);
    expectNoOtherOrigin(page.text, path);
    const root = parse(page.text);
    const pageUrl = attr(root, 'link[rel="canonical"]', 'href');
    expect(pageUrl).toMatch(new RegExp(`^${SITE}/`));
    // Share links carry the page's address, encoded in their query.
    const zalo = attr(root, 'a[href^="https://sp.zalo.me/"]', 'href');
    const facebook = attr(root, 'a[href^="https://www.facebook.com/"]', 'href');
    expect(new URL(zalo).searchParams.get('url')).toBe(pageUrl);
    expect(new URL(facebook).searchParams.get('u')).toBe(pageUrl);
    expect(root.querySelector('#share-text')?.text ?? '').toContain(askUrl);
    // The printed poster: addresses without the scheme, and a QR code a phone reads as the "ask for help" address.
    const printed = root.querySelectorAll('.poster__url').map((element) => element.text.trim());
    expect(printed).toEqual([
      `${HOST}${localizedPath('askForHelp', lang)}`,
      `${HOST}${localizedPath('findHelp', lang)}`,
    ]);
    const qr = root.querySelector('.poster__qr');
    const inline = qr?.querySelector('svg')?.toString();
    const src = qr?.querySelector('img')?.getAttribute('src');
    const svg = inline ?? (src === undefined ? '' : (await get(src)).text);
    expect(decodeQr(svg), `${path} QR code`).toBe(askUrl);
    // The share card's footer prints the host: the card served is the one drawn for SITE_URL.
    const card = await get(localizedPath('campaignCard', lang, { slug }));
    expect(card.status).toBe(200);
    const expected = await renderShareCard({
      kicker: t('content.campaign.card.kicker', { site: t('site.name') }),
      title: root.querySelector('h1')?.text.trim() ?? '',
      slogan: root.querySelector('.slogan')?.text.trim() ?? '',
      footer: t('content.campaign.card.footer', { host: HOST }),
    });
    expect(card.bytes.equals(Buffer.from(expected)), `${lang} campaign card drawn for ${HOST}`).toBe(true);
    const firstAid = await get(localizedPath('firstAidCard', lang));
    const expectedFirstAid = await renderFirstAidImage(lang, `${HOST}${localizedPath('firstAid', lang)}`);
    expect(firstAid.bytes.equals(Buffer.from(expectedFirstAid)), `${lang} first-aid card drawn for ${HOST}`).toBe(true);
  }
});

/** A form POST as the browser sends it through a TLS proxy: the proxy's Host, plain HTTP to the portal. */
function postThroughProxy(path: string, origin: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const body = 'message=x';
    const outgoing = httpRequest(
      `${portal.url}${path}`,
      {
        method: 'POST',
        headers: {
          host: HOST,
          origin,
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': String(Buffer.byteLength(body)),
          'x-forwarded-proto': 'https',
          'x-forwarded-for': '198.51.100.77',
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

test('behind a TLS proxy a form POST from SITE_URL passes the origin check, and one from another site does not', async () => {
  for (const path of ['/xin-tu-van', '/theo-doi', '/quan-ly/dang-nhap']) {
    const own = await postThroughProxy(path, SITE);
    expect(own.body, path).not.toMatch(/Cross-site/);
    expect(own.status, path).not.toBe(403);
    const other = await postThroughProxy(path, 'https://attacker.example');
    expect(other.status, path).toBe(403);
  }
});
