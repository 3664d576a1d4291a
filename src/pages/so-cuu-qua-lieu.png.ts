import type { APIRoute } from 'astro';
import { firstAidImageResponse } from '#src/features/first-aid/share-image-route.ts';

export const GET: APIRoute = ({ site }) => firstAidImageResponse('vi', site);
