/**
 * `npm run import:directory -- FILE [--province NN] [--lang vi|en] [--dry-run]`
 *
 * Imports a provincial directory: the spreadsheet template saved as CSV (`public/templates/danh-ba-mau.csv`, columns
 * in `docs/directory-import.md`) or HSDS 3.0 JSON. Every row is checked first; with any problem nothing is written
 * and each problem is listed with its row, column and reason. Otherwise all rows are written in one transaction, and
 * points of the province that an earlier import created and this file no longer lists are set inactive.
 *
 * Exit codes: 0 imported (or dry run done), 1 nothing written (problems in the file, or the database could not be
 * opened), 2 wrong command line.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ImportResult } from '#src/features/directory/import/index.server.ts';
import { padCode } from '#src/features/directory/import/values.ts';
import type { Lang } from '#src/i18n/index.ts';
import { AppError } from '#src/lib/errors.ts';
import { describeError } from '#src/lib/describe-error.ts';

// The database layer, the admin units and the import load in about a second: they are imported only once the command
// line is known to be right, so a usage error answers at once.

const USAGE = {
  vi: `Cách dùng: npm run import:directory -- TỆP [--province NN] [--lang vi|en] [--dry-run]

  TỆP            tệp CSV theo mẫu public/templates/danh-ba-mau.csv, hoặc tệp JSON HSDS 3.0
  --province NN  mã tỉnh 2 chữ số: mọi dòng phải thuộc tỉnh này
  --lang vi|en   ngôn ngữ của thông báo (mặc định vi)
  --dry-run      chỉ kiểm tra và đếm, không ghi gì
Mã thoát: 0 đã nhập; 1 không ghi gì (tệp có lỗi, hoặc không mở được cơ sở dữ liệu); 2 sai câu lệnh.`,
  en: `Usage: npm run import:directory -- FILE [--province NN] [--lang vi|en] [--dry-run]

  FILE           a CSV file in the template public/templates/danh-ba-mau.csv, or an HSDS 3.0 JSON file
  --province NN  two-digit province code: every row must be in this province
  --lang vi|en   language of the messages (default vi)
  --dry-run      check and count only, write nothing
Exit codes: 0 imported; 1 nothing written (problems in the file, or the database could not be opened); 2 wrong command line.`,
};

interface Arguments {
  file: string;
  province: string | undefined;
  lang: Lang;
  dryRun: boolean;
}

function usageError(message: string, lang: Lang): never {
  process.stderr.write(`${message}\n\n${USAGE[lang]}\n`);
  process.exit(2);
}

async function readArguments(argv: readonly string[]): Promise<Arguments> {
  // The language is needed to word a usage error, so it is looked for before anything else can fail.
  const langIndex = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const langValue =
    langIndex === -1 ? 'vi' : argv[langIndex]?.includes('=') ? argv[langIndex]?.split('=')[1] : argv[langIndex + 1];
  const messageLang: Lang = langValue === 'en' ? 'en' : 'vi';
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        province: { type: 'string' },
        lang: { type: 'string' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    usageError(describeError(error), messageLang);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE[messageLang]}\n`);
    process.exit(0);
  }
  if (values.lang !== undefined && values.lang !== 'vi' && values.lang !== 'en') {
    usageError(`--lang: ${JSON.stringify(values.lang)} (vi | en)`, messageLang);
  }
  const lang: Lang = values.lang === 'en' ? 'en' : 'vi';
  if (positionals.length !== 1 || positionals[0] === undefined) {
    usageError(lang === 'vi' ? 'Cần đúng một tệp để nhập.' : 'Give exactly one file to import.', lang);
  }
  let province: string | undefined;
  if (values.province !== undefined) {
    province = padCode(values.province, 2);
    const { getProvince } = await import('#src/features/admin-units/index.ts');
    if (province === undefined || getProvince(province) === undefined) {
      usageError(
        lang === 'vi'
          ? `--province: không có tỉnh mã ${JSON.stringify(values.province)}.`
          : `--province: there is no province with code ${JSON.stringify(values.province)}.`,
        lang,
      );
    }
  }
  // npm runs scripts from the project folder; a relative path means the folder the person typed the command in.
  const file = resolve(process.env['INIT_CWD'] ?? process.cwd(), positionals[0]);
  return { file, province, lang, dryRun: values['dry-run'] ?? false };
}

/** Progress on stderr: a bar that redraws itself on a terminal, a few plain lines otherwise (logs, CI). */
function progressReporter(lang: Lang): (phase: 'check' | 'write', done: number, total: number) => void {
  const stream = process.stderr;
  const label = { check: lang === 'vi' ? 'Kiểm tra' : 'Checking', write: lang === 'vi' ? 'Ghi' : 'Writing' };
  const unit = { check: lang === 'vi' ? 'dòng' : 'rows', write: lang === 'vi' ? 'bước' : 'steps' };
  let lastDraw = 0;
  return (phase, done, total) => {
    if (stream.isTTY) {
      const now = Date.now();
      if (done !== total && now - lastDraw < 80) return;
      lastDraw = now;
      const width = 30;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      stream.write(
        `\r${label[phase]} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${done}/${total}`,
      );
      if (done === total) stream.write('\n');
    } else if (done === total || (phase === 'check' && done % 1000 === 0)) {
      stream.write(`${label[phase]}: ${done}/${total} ${unit[phase]}\n`);
    }
  };
}

function report(
  result: ImportResult,
  args: Arguments,
  formatProblem: (typeof import('#src/features/directory/import/index.server.ts'))['formatProblem'],
): void {
  const { lang } = args;
  const name = basename(args.file);
  if (!result.ok) {
    const count = result.problems.length;
    process.stderr.write(
      lang === 'vi'
        ? `Không ghi gì: tệp ${name} có ${count} lỗi. Sửa các lỗi sau rồi nhập lại.\n`
        : `Nothing written: ${name} has ${count} problem${count === 1 ? '' : 's'}. Fix them and import again.\n`,
    );
    for (const problem of result.problems) process.stderr.write(`${formatProblem(problem, lang, result.source)}\n`);
    return;
  }
  const { summary } = result;
  const provinces = result.provinces.join(', ');
  const where =
    lang === 'vi' ? ` (tỉnh ${provinces})` : ` (province${result.provinces.length === 1 ? '' : 's'} ${provinces})`;
  const lines =
    lang === 'vi'
      ? [
          `${args.dryRun ? 'Chạy thử, KHÔNG ghi gì' : 'Đã nhập'}: ${name}${where}, ${result.rows} dòng.`,
          `  thêm mới:               ${summary.inserted}`,
          `  cập nhật:               ${summary.updated}`,
          `  không đổi:              ${summary.unchanged}`,
          `  chuyển không hoạt động: ${summary.deactivated}`,
        ]
      : [
          `${args.dryRun ? 'Dry run, NOTHING written' : 'Imported'}: ${name}${where}, ${result.rows} rows.`,
          `  inserted:    ${summary.inserted}`,
          `  updated:     ${summary.updated}`,
          `  unchanged:   ${summary.unchanged}`,
          `  deactivated: ${summary.deactivated}`,
        ];
  const shown = summary.rows.deactivated.slice(0, 50);
  if (shown.length > 0) {
    lines.push(
      lang === 'vi'
        ? 'Các điểm chuyển sang không hoạt động (không còn trong tệp):'
        : 'Points set inactive (no longer in the file):',
    );
    for (const row of shown) lines.push(`  ${row}`);
    const more = summary.rows.deactivated.length - shown.length;
    if (more > 0) lines.push(lang === 'vi' ? `  … và ${more} điểm khác` : `  … and ${more} more`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<number> {
  const args = await readArguments(process.argv.slice(2));
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(args.file);
  } catch (error) {
    usageError(
      args.lang === 'vi'
        ? `Không đọc được tệp ${args.file} (${describeError(error)}).`
        : `Cannot read ${args.file} (${describeError(error)}).`,
      args.lang,
    );
  }
  const { formatProblem, readDirectoryFile, writeDirectoryFile } =
    await import('#src/features/directory/import/index.server.ts');
  const importOptions = {
    ...(args.province === undefined ? {} : { province: args.province }),
    dryRun: args.dryRun,
    onProgress: progressReporter(args.lang),
  };
  // Every row is checked before the database is even opened: a file with problems never reaches it.
  const read = readDirectoryFile(bytes, importOptions);
  if (read.problems.length > 0) {
    report({ ok: false, source: read.source, problems: read.problems }, args, formatProblem);
    return 1;
  }
  const { loadEnv } = await import('#src/env.server.ts');
  const { getDatabase } = await import('#src/db/client.server.ts');
  const { migrateDatabase } = await import('#src/db/migrate.server.ts');
  const handle = await getDatabase(loadEnv());
  try {
    await migrateDatabase(handle);
    const result = await writeDirectoryFile(handle.db, read, importOptions);
    report(result, args, formatProblem);
    return result.ok ? 0 : 1;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Configuration and database problems: one line, no stack trace; nothing was written (one transaction).
    const message = error instanceof AppError ? error.message : describeError(error);
    process.stderr.write(`error: ${message}\n`);
    process.exit(1);
  },
);
