/**
 * The "report outdated information" form: its fields, their checks and their messages (i18n keys). Browser-safe.
 */
import type { MessageKey } from '#src/i18n/index.ts';
import {
  LISTING_REPORT_REASONS,
  MAX_REPORT_NOTE_LENGTH,
  type ListingReportReason,
} from '#src/features/lists/listing-report-reasons.ts';

/** The label of each reason. */
export const REASON_LABELS: Readonly<Record<ListingReportReason, MessageKey>> = {
  'phone-wrong': 'locator.report.reason.phoneWrong',
  'hours-wrong': 'locator.report.reason.hoursWrong',
  'address-wrong': 'locator.report.reason.addressWrong',
  'closed-permanently': 'locator.report.reason.closedPermanently',
  'service-not-offered': 'locator.report.reason.serviceNotOffered',
  other: 'locator.report.reason.other',
};

/** A checked report. */
export interface ReportInput {
  readonly reason: ListingReportReason;
  /** Trimmed; undefined when empty. */
  readonly note: string | undefined;
}

export interface ReportFieldError {
  readonly field: 'reason' | 'note';
  readonly key: MessageKey;
}

export type ParsedReport =
  | { readonly ok: true; readonly input: ReportInput; readonly raw: { reason: string; note: string } }
  | {
      readonly ok: false;
      readonly errors: readonly ReportFieldError[];
      readonly raw: { reason: string; note: string };
    };

/** Reads the posted form. The note counts characters as people see them (code points), up to 500. */
export function parseReportForm(form: FormData): ParsedReport {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.normalize('NFC') : '';
  };
  const raw = { reason: text('reason').trim(), note: text('note') };
  const errors: ReportFieldError[] = [];
  const reason = (LISTING_REPORT_REASONS as readonly string[]).includes(raw.reason)
    ? (raw.reason as ListingReportReason)
    : undefined;
  if (reason === undefined) errors.push({ field: 'reason', key: 'locator.report.error.reason' });
  const note = raw.note.trim();
  if ([...note].length > MAX_REPORT_NOTE_LENGTH)
    errors.push({ field: 'note', key: 'locator.report.error.noteTooLong' });
  if (errors.length > 0 || reason === undefined) return { ok: false, errors, raw };
  return { ok: true, input: { reason, note: note === '' ? undefined : note }, raw };
}
