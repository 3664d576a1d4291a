/** What the embed pages share: their caching. */

/**
 * Help and campaign embeds say the same thing to everyone: caches may keep them for a while, which spares the portal
 * one request per page view of every partner site. The locator embed answers searches and is not cached.
 */
export const EMBED_CACHE_CONTROL = 'public, max-age=600';
