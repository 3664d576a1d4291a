/**
 * Plain share links: an ordinary `<a href>` to each network's own share page. Nothing loads from Zalo or Facebook until
 * the reader taps one, and the link carries only the page's public address (no tracking parameters).
 */
export interface ShareLinks {
  facebook: string;
  zalo: string;
}

/** The share links of one public page, from its absolute address. */
export function shareLinks(pageUrl: string): ShareLinks {
  const url = encodeURIComponent(pageUrl);
  return {
    // Facebook's documented sharer: it reads the page's Open Graph tags for the preview.
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${url}`,
    // Zalo documents only its SDK button, which would load Zalo's script into our page; this plain share address is
    // the one Vietnamese sites use without the SDK. The copyable share text beside it works in any chat too.
    zalo: `https://sp.zalo.me/share_inline?url=${url}`,
  };
}
