import type { APIRoute } from 'astro';
import { firstAidImageResponse } from '#src/features/first-aid/share-image-route.ts';

// On demand: the card prints the page's public address (SITE_URL), which the build does not know.
export const prerender = false;

export const GET: APIRoute = (context) => firstAidImageResponse('en', context);
