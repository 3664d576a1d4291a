import { describe, expect, test } from 'vitest';
import { shareLinks } from '#src/features/content/campaign/share-links.ts';

describe('campaign share links', () => {
  const page = 'https://hotro.example.invalid/chien-dich/khong-phai-keo';

  test("open Facebook's sharer with the page address and nothing else", () => {
    const url = new URL(shareLinks(page).facebook);
    expect(`${url.origin}${url.pathname}`).toBe('https://www.facebook.com/sharer/sharer.php');
    expect([...url.searchParams]).toEqual([['u', page]]);
  });

  test("open Zalo's share page with the page address and nothing else", () => {
    const url = new URL(shareLinks(page).zalo);
    expect(url.origin).toBe('https://sp.zalo.me');
    expect([...url.searchParams]).toEqual([['url', page]]);
  });
});
