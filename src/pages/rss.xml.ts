import type { APIRoute } from 'astro';
import { articlesFeed } from '#src/features/feeds/articles-feed.ts';

export const GET: APIRoute = ({ site }) => articlesFeed('vi', site);
