import type { APIRoute, GetStaticPaths } from 'astro';
import { PNG_ICONS, type PngIcon } from '#src/features/site/icons.ts';
import { renderPngIcon } from '#src/features/site/icon-png.ts';

export const getStaticPaths = (() =>
  PNG_ICONS.map((icon) => ({ params: { name: icon.name }, props: { icon } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(renderPngIcon((props as { icon: PngIcon }).icon), { headers: { 'Content-Type': 'image/png' } });
