import type { APIRoute } from 'astro';
import { shareCardResponse } from '#src/features/content/campaign/share-card-route.ts';

// On demand: the card prints the public address (SITE_URL), which the build does not know.
export const prerender = false;

export const GET: APIRoute = (context) => shareCardResponse('vi', context.params.slug, context);
