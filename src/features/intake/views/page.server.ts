/**
 * What the four thin pages call: builds the model from Astro's context, then sets the status and the headers every
 * answer of these pages carries. `Cache-Control: no-store`: an answer may hold a receipt code or a conversation, and a
 * form carries a single-use anti-abuse token. `X-Robots-Tag: noindex` as well as the `<meta>`: nothing here is for
 * search engines.
 */
import type { AstroGlobal } from 'astro';
import { loadEnv } from '#src/env.server.ts';
import { getAntiAbuse } from '#src/features/anti-abuse/services.server.ts';
import type { Lang } from '#src/i18n/index.ts';
import { buildAskModel, type AskModel } from './ask-model.server.ts';
import { buildTrackModel, type TrackModel } from './track-model.server.ts';

const clientKeyOf = async (astro: AstroGlobal) => (await getAntiAbuse()).keyer.clientKeyOf(astro);

/** How long content is kept (RETENTION_DAYS_AFTER_CLOSE, RETENTION_MAX_AGE_DAYS), as every intake screen says. */
export interface Retention {
  readonly afterCloseDays: number;
  readonly maxAgeDays: number;
}

/** Sets the headers of an intake or follow-up answer. */
export function setPrivateHeaders(response: AstroGlobal['response'], status: number): void {
  response.status = status;
  response.headers.set('Cache-Control', 'no-store');
  response.headers.set('X-Robots-Tag', 'noindex');
}

/** The ask page's model, the retention settings and how many working days a point has to answer. */
export async function loadAskPage(
  astro: AstroGlobal,
  lang: Lang,
): Promise<{ model: AskModel; retention: Retention; answerWithinDays: number }> {
  const env = loadEnv();
  const model = await buildAskModel(
    { request: astro.request, url: astro.url, siteUrl: env.siteUrl, clientKey: () => clientKeyOf(astro) },
    lang,
  );
  setPrivateHeaders(astro.response, model.status);
  return {
    model,
    retention: { afterCloseDays: env.retentionDaysAfterClose, maxAgeDays: env.retentionMaxAgeDays },
    answerWithinDays: env.escalationWorkingDays,
  };
}

/**
 * The receipt as a text file to save (the ask page's "save-code" answer): an attachment, UTF-8 with a byte order mark
 * (so Notepad on an old Windows phone-shop PC reads the Vietnamese), never cached, never indexed.
 */
export function downloadResponse(download: NonNullable<AskModel['download']>): Response {
  return new Response(`\uFEFF${download.text}`, {
    status: 200,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Disposition': `attachment; filename="${download.filename}"`,
      'Cache-Control': 'no-store',
      'X-Robots-Tag': 'noindex',
    },
  });
}

/** The follow-up page's model and the retention settings. */
export async function loadTrackPage(
  astro: AstroGlobal,
  lang: Lang,
): Promise<{ model: TrackModel; retention: Retention }> {
  const env = loadEnv();
  const model = await buildTrackModel(
    { request: astro.request, url: astro.url, siteUrl: env.siteUrl, clientKey: () => clientKeyOf(astro) },
    lang,
  );
  setPrivateHeaders(astro.response, model.status);
  return { model, retention: { afterCloseDays: env.retentionDaysAfterClose, maxAgeDays: env.retentionMaxAgeDays } };
}
