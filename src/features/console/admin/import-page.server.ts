/**
 * The import page (`/quan-ly/nhap-danh-ba`): a multipart form with the file (the CSV template or HSDS 3.0 JSON) and,
 * for a national administrator, the province. Every problem of the file is listed with its row, column and reason in
 * the GOV.UK error summary; a clean file is written whole and the counts are shown.
 */
import type { AstroGlobal } from 'astro';
import type { FieldError } from '#src/components/form/types.ts';
import { formatProblem, type ImportSummary, type SourceKind } from '#src/features/directory/import/index.server.ts';
import { useTranslations, type Lang } from '#src/i18n/index.ts';
import { parseMediaType } from '#src/lib/media-type.ts';
import { readLimitedBody } from '#src/lib/read-limited-body.ts';
import { MAX_IMPORT_FILE_BYTES, MAX_IMPORT_FORM_BYTES } from '../forms.server.ts';
import type { Principal } from '../principal.ts';
import { getConsoleServices } from '../services.server.ts';
import { importForProvince } from './import.server.ts';
import { administrator } from './page.server.ts';
import { provinceCodeOrNull } from './scope.ts';

/** Problems listed at most (a file with thousands of problems is almost always the wrong file). */
export const MAX_PROBLEMS_SHOWN = 200;

export interface ImportPageModel {
  readonly status: 200 | 400 | 413;
  readonly principal: Principal;
  readonly province: string;
  readonly errors: readonly FieldError[];
  /** The file's problems, already worded (row, column, reason). */
  readonly problems: readonly string[];
  readonly moreProblems: number;
  readonly done: { readonly rows: number; readonly summary: ImportSummary; readonly source: SourceKind } | undefined;
}

/** How much of an oversized upload is read (and dropped) so the browser can show the answer; beyond, it is cut off. */
const DISCARD_UP_TO_BYTES = 8 * MAX_IMPORT_FORM_BYTES;

interface Upload {
  readonly fields: Map<string, string>;
  readonly file: { readonly name: string; readonly bytes: Uint8Array } | undefined;
}

/** The multipart body: its text fields and the file; undefined when too large or not multipart. */
async function readUpload(request: Request): Promise<Upload | 'too-large' | undefined> {
  const type = request.headers.get('content-type') ?? '';
  if (parseMediaType(type)?.type !== 'multipart/form-data') return undefined;
  const bytes = await readLimitedBody(request, MAX_IMPORT_FORM_BYTES, { discardUpTo: DISCARD_UP_TO_BYTES }).catch(
    () => undefined,
  );
  if (bytes === undefined) return 'too-large';
  let form: FormData;
  try {
    form = await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), {
      headers: { 'content-type': type },
    }).formData();
  } catch {
    return undefined;
  }
  const fields = new Map<string, string>();
  let file: Upload['file'];
  for (const [name, value] of form) {
    if (typeof value === 'string') fields.set(name, value.trim());
    else if (name === 'file' && value.size > 0)
      file = { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) };
  }
  return { fields, file };
}

export async function importPage(astro: AstroGlobal, lang: Lang): Promise<ImportPageModel | Response> {
  const principal = administrator(astro, lang);
  if (principal instanceof Response) return principal;
  const t = useTranslations(lang);
  const ownProvince = principal.role === 'province-admin' ? (principal.provinceCode ?? '') : '';
  const base: ImportPageModel = {
    status: 200,
    principal,
    province: ownProvince || (provinceCodeOrNull(astro.url.searchParams.get('province') ?? '') ?? ''),
    errors: [],
    problems: [],
    moreProblems: 0,
    done: undefined,
  };
  if (astro.request.method !== 'POST') return base;

  const upload = await readUpload(astro.request);
  // Checked first: the console guard lets an oversized upload through without its session token, to be refused here.
  if (upload === 'too-large' || (upload?.file?.bytes.byteLength ?? 0) > MAX_IMPORT_FILE_BYTES)
    return {
      ...base,
      status: 413,
      errors: [
        {
          field: 'file',
          message: t('console.admin.import.error.tooLarge', { mb: MAX_IMPORT_FILE_BYTES / 1024 / 1024 }),
        },
      ],
    };
  const province = ownProvince || (upload?.fields.get('province') ?? '');
  const errors: FieldError[] = [];
  if (principal.role === 'national-admin' && provinceCodeOrNull(province) === null)
    errors.push({ field: 'province', message: t('console.admin.staff.error.chooseProvince') });
  if (upload?.file === undefined) errors.push({ field: 'file', message: t('console.admin.import.error.chooseFile') });
  if (errors.length > 0 || upload?.file === undefined) return { ...base, province, status: 400, errors };

  const services = await getConsoleServices();
  const result = await importForProvince(
    { db: services.handle.db, principal, clock: services.clock },
    province,
    upload.file.bytes,
  );
  if (result.kind === 'not-allowed')
    return {
      ...base,
      province,
      status: 400,
      errors: [{ field: 'province', message: t('console.admin.staff.error.chooseProvince') }],
    };
  if (result.kind === 'problems') {
    // The command line's wording names its option; on this page the province is fixed by the form.
    const worded = result.problems.map((problem) =>
      formatProblem(problem, lang, result.source).replace(' (--province)', ''),
    );
    return {
      ...base,
      province,
      status: 400,
      errors: [{ field: 'file', message: t('console.admin.import.error.problems', { count: result.problems.length }) }],
      problems: worded.slice(0, MAX_PROBLEMS_SHOWN),
      moreProblems: Math.max(0, worded.length - MAX_PROBLEMS_SHOWN),
    };
  }
  return { ...base, province, done: { rows: result.rows, summary: result.summary, source: result.source } };
}
