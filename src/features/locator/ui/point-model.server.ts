/**
 * The point page's model, and the handling of its "report outdated information" form (a POST to the page itself):
 * origin check, fields, honeypot, then the encrypted note saved with the report. Computed before the page renders so it
 * can answer 404, 400 or 403.
 */
import { useTranslations, type Lang } from '#src/i18n/index.ts';
import type { FieldError } from '#src/components/form/types.ts';
import type { DirectoryPoint } from '#src/features/directory/types.ts';
import { getDirectorySnapshot } from '#src/features/directory/snapshot.server.ts';
import { getDatabase } from '#src/db/client.server.ts';
import { loadEnv } from '#src/env.server.ts';
import { isHoneypotFilled } from '#src/features/anti-abuse/honeypot.ts';
import type { AddressedContext } from '#src/features/anti-abuse/client-key.server.ts';
import { getAntiAbuse } from '#src/features/anti-abuse/services.server.ts';
import { log } from '#src/lib/log.ts';
import { parseReportForm } from '#src/features/locator/reports/form.ts';
import { checkPostOrigin } from '#src/lib/same-origin.ts';
import { processKeyring } from '#src/features/crypto/keyring.server.ts';
import { saveListingReport } from '#src/features/locator/reports/store.server.ts';

/** The report form's state on the page. */
export interface ReportState {
  /** `done`: the report was received; the form is replaced by a confirmation. */
  readonly state: 'form' | 'done';
  readonly errors: readonly FieldError[];
  /** A refusal that is not about a field (the request did not come from our page). */
  readonly refusal: string | undefined;
  readonly raw: { readonly reason: string; readonly note: string };
}

export interface PointModel {
  readonly status: 200 | 400 | 403 | 404 | 429;
  readonly point: DirectoryPoint | undefined;
  readonly demo: boolean;
  readonly report: ReportState;
  readonly now: Date;
}

/** What the page needs from Astro's context. */
export interface PointRequest {
  readonly request: Request;
  readonly url: URL;
  readonly id: string | undefined;
  /** For the rate limit's keyed hash of the address (`Astro` itself); the address is never kept. */
  readonly addressed: AddressedContext;
}

const EMPTY_REPORT: ReportState = { state: 'form', errors: [], refusal: undefined, raw: { reason: '', note: '' } };

/** Builds the model; for a POST, handles the report first. */
export async function buildPointModel(context: PointRequest, lang: Lang, now: Date): Promise<PointModel> {
  const snapshot = await getDirectorySnapshot();
  const point = context.id === undefined ? undefined : snapshot.byId.get(context.id);
  if (point === undefined) return { status: 404, point, demo: snapshot.demo, report: EMPTY_REPORT, now };
  const demo = snapshot.demo || point.isDemo;
  if (context.request.method !== 'POST') return { status: 200, point, demo, report: EMPTY_REPORT, now };
  const { status, report } = await handleReport(context, point, lang);
  return { status, point, demo, report, now };
}

async function handleReport(
  context: PointRequest,
  point: DirectoryPoint,
  lang: Lang,
): Promise<{ status: 200 | 400 | 403 | 429; report: ReportState }> {
  const t = useTranslations(lang);
  const siteUrl = loadEnv().siteUrl;
  const own = [context.url.origin, ...(siteUrl === undefined ? [] : [siteUrl])];
  if (checkPostOrigin(context.request.headers, own) !== 'same-origin') {
    return { status: 403, report: { ...EMPTY_REPORT, refusal: t('locator.report.error.origin') } };
  }
  let form: FormData;
  try {
    form = await context.request.formData();
  } catch {
    return {
      status: 400,
      report: { ...EMPTY_REPORT, errors: [{ field: 'reason', message: t('locator.report.error.reason') }] },
    };
  }
  const parsed = parseReportForm(form);
  if (!parsed.ok) {
    return {
      status: 400,
      report: {
        state: 'form',
        refusal: undefined,
        raw: parsed.raw,
        errors: parsed.errors.map((error) => ({ field: error.field, message: t(error.key) })),
      },
    };
  }
  // A robot filled the hidden field: thank it and keep nothing.
  if (isHoneypotFilled(form)) return { status: 200, report: { ...EMPTY_REPORT, state: 'done' } };
  // The shared "report" limit (src/features/anti-abuse), keyed by a daily-rotating hash of the address.
  const antiAbuse = await getAntiAbuse();
  const limited = await antiAbuse.limits.consume('report', await antiAbuse.keyer.clientKeyOf(context.addressed));
  if (!limited.ok) {
    const minutes = Math.max(1, Math.ceil(limited.retryAfterSeconds / 60));
    return {
      status: 429,
      report: { ...EMPTY_REPORT, raw: parsed.raw, refusal: t('locator.report.error.rateLimited', { minutes }) },
    };
  }
  const handle = await getDatabase();
  await saveListingReport(handle.db, processKeyring(), point.id, parsed.input);
  // Counts only: never the note, never anything about the reporter.
  log.info('listing_report.received', { reason: parsed.input.reason, withNote: parsed.input.note !== undefined });
  return { status: 200, report: { ...EMPTY_REPORT, state: 'done' } };
}
