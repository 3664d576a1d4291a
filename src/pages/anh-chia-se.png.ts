import type { APIRoute } from 'astro';
import { siteShareImageResponse } from '#src/features/site/share-image-route.ts';

export const GET: APIRoute = () => siteShareImageResponse('vi');
