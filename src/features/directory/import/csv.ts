/**
 * Reads the directory spreadsheet saved as CSV: UTF-8 (with or without the BOM Excel writes), comma, semicolon or tab
 * separated (whichever the header row uses), one point per row. Rows whose cells are all empty are skipped.
 */
import { parse } from 'csv-parse/sync';
import { COLUMNS, columnForHeader, isNoteHeader, type ColumnKey } from './columns.ts';
import { crossCheck } from './cross-check.ts';
import type { ImportProblem } from './messages.ts';
import type { ImportPoint } from './model.ts';
import { checkRow, type RowContext } from './row.ts';

/** What reading a file gives: the points of the rows without problems, and every problem of every row. */
export interface ReadResult {
  readonly points: ImportPoint[];
  readonly problems: ImportProblem[];
  /** Data rows read (or services, for JSON). */
  readonly rows: number;
}

/** Told after each row is checked. */
export type RowProgress = (done: number, total: number) => void;

/** Decodes UTF-8 strictly (a file saved in a Windows code page would otherwise turn Vietnamese into mojibake). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Reads and checks a CSV file. */
export function readCsv(bytes: Uint8Array, context: RowContext, onRow?: RowProgress): ReadResult {
  const text = decodeUtf8(bytes);
  if (text === undefined) return fileProblem('file-not-utf8');
  const body = text.replace(/^\uFEFF/, '');
  let records: string[][];
  try {
    records = parse(body, {
      delimiter: detectDelimiter(body),
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    return fileProblem('csv-malformed', { detail: error instanceof Error ? error.message : String(error) });
  }
  const [header, ...rows] = records;
  if (header === undefined) return fileProblem('file-empty');

  const problems: ImportProblem[] = [];
  const keyAt = new Map<number, ColumnKey>();
  const seen = new Set<ColumnKey>();
  header.forEach((raw, index) => {
    const value = raw.replace(/^\uFEFF/, '').trim();
    if (isNoteHeader(value)) return;
    const key = columnForHeader(value);
    if (key === undefined) problems.push({ row: 1, column: null, code: 'unknown-column', params: { value } });
    else if (seen.has(key)) problems.push({ row: 1, column: null, code: 'duplicate-column', params: { value } });
    else {
      seen.add(key);
      keyAt.set(index, key);
    }
  });
  for (const column of COLUMNS) {
    const optionalHere = column.key === 'province' && context.province !== undefined;
    if (column.required && !optionalHere && !seen.has(column.key)) {
      problems.push({ row: 1, column: column.key, code: 'missing-column', params: {} });
    }
  }
  // Without the right header every row would report the same missing cells: the header problems say it all.
  if (problems.length > 0) return { points: [], problems, rows: 0 };

  const points: ImportPoint[] = [];
  let dataRows = 0;
  rows.forEach((record, index) => {
    onRow?.(index + 1, rows.length);
    if (record.every((cell) => cell.trim() === '')) return;
    dataRows += 1;
    const cells = new Map<ColumnKey, string>();
    for (const [position, key] of keyAt) cells.set(key, record[position] ?? '');
    const checked = checkRow(cells, index + 2, context);
    problems.push(...checked.problems);
    if (checked.point) points.push(checked.point);
  });
  if (dataRows === 0) return fileProblem('file-empty');
  problems.push(...crossCheck(points));
  return { points, problems, rows: dataRows };
}

function fileProblem(code: ImportProblem['code'], params: Record<string, string> = {}): ReadResult {
  return { points: [], problems: [{ row: 0, column: null, code, params }], rows: 0 };
}

/** The separator the header row uses most: `,` (the default), `;` (Excel in some locales) or a tab. */
function detectDelimiter(text: string): string {
  const end = text.search(/\r?\n/);
  const firstLine = end === -1 ? text : text.slice(0, end);
  const counts = [',', ';', '\t'].map((delimiter) => ({ delimiter, count: firstLine.split(delimiter).length - 1 }));
  counts.sort((a, b) => b.count - a.count);
  const best = counts[0];
  return best !== undefined && best.count > 0 ? best.delimiter : ',';
}
