import type { APIRoute } from 'astro';
import { askForHelpQrResponse } from '#src/features/content/campaign/ask-for-help-qr.ts';

// On demand: the code encodes the public address (SITE_URL), which the build does not know.
export const prerender = false;

export const GET: APIRoute = (context) => askForHelpQrResponse('vi', context);
