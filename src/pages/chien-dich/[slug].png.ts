import type { APIRoute, GetStaticPaths } from 'astro';
import {
  shareCardPaths,
  shareCardResponse,
  type ShareCardProps,
} from '#src/features/content/campaign/share-card-route.ts';

export const getStaticPaths = (() => shareCardPaths('vi')) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site }) => shareCardResponse('vi', props as ShareCardProps, site);
