import type { APIRoute } from 'astro';
import { formerNameSuggestions } from '#src/features/locator/ui/former-names.ts';

// Pre-2025 names for the autocomplete, asked only when the current-name index has no match (former-names.ts). Never
// cached or logged: what someone types can say where they live.
export const prerender = false;

// `lang=en` names the places in English, as English pages do; anything else, in Vietnamese.
export const GET: APIRoute = ({ url }) =>
  new Response(
    JSON.stringify(
      formerNameSuggestions(url.searchParams.get('q') ?? '', url.searchParams.get('lang') === 'en' ? 'en' : 'vi'),
    ),
    {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Robots-Tag': 'noindex',
      },
    },
  );
