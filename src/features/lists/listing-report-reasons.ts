/**
 * What a person can say is wrong with a listing ("Báo thông tin chưa đúng"), and the life of a report. Shared by the
 * database CHECKs (`src/db/schema/listing-reports.ts`), the form and the tests. Dependency-free: drizzle-kit loads it
 * with its own resolver.
 */

/** Reasons, in the order the form shows them. */
export const LISTING_REPORT_REASONS = [
  'phone-wrong',
  'hours-wrong',
  'address-wrong',
  'closed-permanently',
  'service-not-offered',
  'other',
] as const;
export type ListingReportReason = (typeof LISTING_REPORT_REASONS)[number];

/**
 * A report is open until someone who keeps the directory has looked at it: resolved (the listing was corrected, or
 * was right) or dismissed (not a report about the listing: spam, a mistake).
 */
export const LISTING_REPORT_STATUSES = ['open', 'resolved', 'dismissed'] as const;

/** Longest note accepted, in characters. */
export const MAX_REPORT_NOTE_LENGTH = 500;

/** The encryption context of a report's note: binds the ciphertext to its row and field. */
export function reportNoteContext(reportId: string): string {
  return `listing-report:${reportId}:note`;
}
