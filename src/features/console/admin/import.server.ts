/**
 * Importing a directory file from the console, for one province only: the administrator's own (a national
 * administrator names one). It runs the command line's import (src/features/directory/import/) with that province
 * fixed, so every row must be in it and only its points can be deactivated; every row is checked first and, with any
 * problem, nothing is written. Otherwise the file is written in one transaction together with its audit entry
 * (`directory.imported`, the counts as a code such as `inserted-3-updated-2-deactivated-0`), and the directory
 * snapshot is invalidated so the locator shows it at once.
 */
import type { Database } from '#src/db/client.server.ts';
import {
  readDirectoryFile,
  writeDirectoryFile,
  type ImportProblem,
  type ImportSummary,
  type SourceKind,
} from '#src/features/directory/import/index.server.ts';
import { invalidateDirectorySnapshot } from '#src/features/directory/snapshot.server.ts';
import type { Clock } from '#src/lib/clock.ts';
import { recordAudit } from '../audit/record.server.ts';
import { canImportDirectory } from '../policy.ts';
import type { Principal } from '../principal.ts';

export type ProvinceImportResult =
  | { readonly kind: 'not-allowed' }
  | { readonly kind: 'problems'; readonly source: SourceKind; readonly problems: readonly ImportProblem[] }
  | { readonly kind: 'imported'; readonly source: SourceKind; readonly rows: number; readonly summary: ImportSummary };

/** The audit code of an import's counts. */
export function importCode(summary: Pick<ImportSummary, 'inserted' | 'updated' | 'deactivated'>): string {
  return `inserted-${summary.inserted}-updated-${summary.updated}-deactivated-${summary.deactivated}`;
}

export async function importForProvince(
  acting: { readonly db: Database; readonly principal: Principal; readonly clock: Clock },
  provinceCode: string,
  bytes: Uint8Array,
): Promise<ProvinceImportResult> {
  const { db, principal, clock } = acting;
  if (!canImportDirectory(principal, provinceCode)) return { kind: 'not-allowed' };
  const read = readDirectoryFile(bytes, { province: provinceCode, clock });
  if (read.problems.length > 0) return { kind: 'problems', source: read.source, problems: read.problems };
  const result = await db.transaction(async (tx) => {
    // The import's own transaction becomes a savepoint of this one: its rows and the audit entry commit together.
    const written = await writeDirectoryFile(tx, read, { province: provinceCode, clock });
    if (!written.ok) return written;
    await recordAudit(tx, {
      action: 'directory.imported',
      actorUserId: principal.userId,
      at: clock.now(),
      provinceCode,
      detail: importCode(written.summary),
    });
    return written;
  });
  if (!result.ok) return { kind: 'problems', source: result.source, problems: result.problems };
  invalidateDirectorySnapshot();
  return { kind: 'imported', source: result.source, rows: result.rows, summary: result.summary };
}
