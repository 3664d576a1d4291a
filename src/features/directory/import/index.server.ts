/**
 * Directory import (`npm run import:directory -- FILE`): a provincial office's spreadsheet (CSV, template in
 * `public/templates/danh-ba-mau.csv`, columns in `docs/directory-import.md`) or HSDS 3.0 JSON.
 *
 * Every row is checked first; if any problem is found nothing is written and every problem is returned. Otherwise
 * everything is written in one transaction (`write.server.ts`): same file twice, no change at all.
 */
import type { Database } from '#src/db/types.ts';
import { localDateString, systemClock, type Clock } from '#src/lib/clock.ts';
import { readCsv, type ReadResult } from './csv.ts';
import { readHsdsJson } from './hsds-json.ts';
import { sortProblems, type ImportProblem, type SourceKind } from './messages.ts';
import { writePoints, type ImportSummary } from './write.server.ts';

export type { ReadResult } from './csv.ts';
export { formatProblem } from './messages.ts';
export type { ImportProblem, SourceKind } from './messages.ts';
export type { ImportSummary } from './write.server.ts';

/** What an import is told. */
export interface ImportOptions {
  /** `csv` or `json`; by default guessed from the content (JSON starts with `[` or `{`). */
  readonly format?: SourceKind;
  /** Two-digit province code: every row must be in it, and only its points can be deactivated. */
  readonly province?: string;
  /** Check and count, then roll back. */
  readonly dryRun?: boolean;
  readonly clock?: Clock;
  /** Progress of the two phases, for a progress bar. */
  readonly onProgress?: (phase: 'check' | 'write', done: number, total: number) => void;
}

/** The outcome: a summary, or every problem (and nothing written). */
export type ImportResult =
  | {
      readonly ok: true;
      readonly source: SourceKind;
      readonly rows: number;
      /** The provinces the file spoke for (whose missing points were deactivated). */
      readonly provinces: readonly string[];
      readonly summary: ImportSummary;
    }
  | { readonly ok: false; readonly source: SourceKind; readonly problems: readonly ImportProblem[] };

/** Which reader a file needs. */
export function detectFormat(bytes: Uint8Array): SourceKind {
  const start = new TextDecoder()
    .decode(bytes.subarray(0, 64))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return start.startsWith('[') || start.startsWith('{') ? 'json' : 'csv';
}

/** Reads and checks a file without touching the database; problems come sorted by row. */
export function readDirectoryFile(bytes: Uint8Array, options: ImportOptions = {}): ReadResult & { source: SourceKind } {
  const source = options.format ?? detectFormat(bytes);
  const context = { province: options.province, today: localDateString((options.clock ?? systemClock).now()) };
  const onRow = options.onProgress
    ? (done: number, total: number) => options.onProgress?.('check', done, total)
    : undefined;
  const result = source === 'json' ? readHsdsJson(bytes, context, onRow) : readCsv(bytes, context, onRow);
  return { ...result, problems: sortProblems(result.problems), source };
}

/** Writes a file already read without problems (all of it, in one transaction). */
export async function writeDirectoryFile(
  db: Database,
  read: ReadResult & { source: SourceKind },
  options: ImportOptions = {},
): Promise<ImportResult> {
  if (read.problems.length > 0) return { ok: false, source: read.source, problems: read.problems };
  const provinces =
    options.province !== undefined ? [options.province] : [...new Set(read.points.map((p) => p.provinceCode))].sort();
  const summary = await writePoints(db, read.points, {
    provinces,
    dryRun: options.dryRun ?? false,
    onProgress: options.onProgress ? (done, total) => options.onProgress?.('write', done, total) : undefined,
  });
  return { ok: true, source: read.source, rows: read.rows, provinces, summary };
}

/** Checks the whole file, then writes all of it or nothing. */
export async function importDirectory(
  db: Database,
  bytes: Uint8Array,
  options: ImportOptions = {},
): Promise<ImportResult> {
  return writeDirectoryFile(db, readDirectoryFile(bytes, options), options);
}
