import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
// Astro's own frontmatter reader (a dependency of astro itself): the lint reads each file exactly as the build does.
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { loadTransition } from './transition.ts';
import type { ContentLang, ContentTree, LintEntry, Problem, RegistryRecord, ReviewPolicy } from './types.ts';

/** Where to find the content to check. */
export interface LoadOptions {
  /** Absolute path of the project root. */
  projectRoot: string;
  /** The content directory relative to the project root; `content` unless a test points at a fixture. */
  contentDir?: string;
  /** The workspace's `shared/` folder, or `null` to skip the existence check of shared documents. */
  sharedDir?: string | null;
}

const LANGS: readonly ContentLang[] = ['vi', 'en'];

/** Reads every `<contentDir>/<collection>/{vi,en}/*.md`, the source registry and the review policy. */
export function loadContent(options: LoadOptions): ContentTree {
  const contentDir = options.contentDir ?? 'content';
  const absContent = resolve(options.projectRoot, contentDir);
  const loadProblems: Problem[] = [];
  const entries: LintEntry[] = [];
  for (const collection of listDirs(absContent)) {
    for (const lang of LANGS) {
      const folder = join(absContent, collection, lang);
      if (!existsSync(folder)) continue;
      for (const name of readdirSync(folder).filter((file) => file.endsWith('.md')).sort()) {
        const file = `${contentDir}/${collection}/${lang}/${name}`;
        const entry = readEntry(join(folder, name), file, collection, lang, name.slice(0, -3), loadProblems);
        if (entry) entries.push(entry);
      }
    }
  }
  const registryFile = `${contentDir}/sources.json`;
  const policyFile = `${contentDir}/as-of.json`;
  const defaultShared = resolve(options.projectRoot, '..', 'shared');
  const sharedDir = options.sharedDir === undefined ? (existsSync(defaultShared) ? defaultShared : null) : options.sharedDir;
  return {
    projectRoot: options.projectRoot,
    contentDir,
    entries,
    registry: readRegistry(resolve(options.projectRoot, registryFile), registryFile, loadProblems),
    registryFile,
    policy: readPolicy(resolve(options.projectRoot, policyFile), policyFile, loadProblems),
    policyFile,
    sharedDir,
    transition: loadTransition(options.projectRoot, contentDir, loadProblems),
    loadProblems,
  };
}

function listDirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort();
}

function readEntry(
  path: string,
  file: string,
  collection: string,
  lang: ContentLang,
  slug: string,
  problems: Problem[],
): LintEntry | undefined {
  const raw = readFileSync(path, 'utf8').normalize('NFC');
  const lines = raw.split(/\r?\n/);
  try {
    // `empty-with-lines` keeps the body on the lines it has in the file.
    const { frontmatter, rawFrontmatter } = parseFrontmatter(raw, { frontmatter: 'empty-with-lines' });
    if (rawFrontmatter === '') {
      problems.push({ rule: 'load', file, line: 1, message: 'No frontmatter: start the file with --- and its fields.' });
      return undefined;
    }
    const bodyStartLine = rawFrontmatter.split('\n').length + 1;
    return { collection, lang, slug, file, lines, frontmatter, bodyStartLine };
  } catch (error) {
    // js-yaml reports the line inside the frontmatter, which starts on the file's line 2.
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? String(error);
    problems.push({
      rule: 'load',
      file,
      line: mark?.line !== undefined ? mark.line + 1 : 1,
      message: `The frontmatter is not valid YAML (${reason}). Fix it near this line; a value that contains ": " must be quoted.`,
    });
    return undefined;
  }
}

function readRegistry(path: string, file: string, problems: Problem[]): RegistryRecord[] {
  if (!existsSync(path)) {
    problems.push({ rule: 'load', file, line: 1, message: 'The source registry is missing.' });
    return [];
  }
  const raw = readFileSync(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    problems.push({ rule: 'load', file, line: 1, message: `The registry is not valid JSON: ${String(error)}` });
    return [];
  }
  if (!Array.isArray(parsed)) {
    problems.push({ rule: 'load', file, line: 1, message: 'The registry must be a JSON list of sources.' });
    return [];
  }
  const lines = raw.split('\n');
  const idLines = lines.flatMap((line, index) => (/^\s*"id"\s*:/.test(line) ? [index + 1] : []));
  return parsed.map((item: unknown, index): RegistryRecord => {
    const record = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    return {
      index,
      id: record['id'],
      checkedVia: record['checkedVia'],
      url: record['url'],
      publisher: record['publisher'],
      line: idLines[index] ?? 1,
    };
  });
}

function readPolicy(path: string, file: string, problems: Problem[]): ReviewPolicy {
  const fallback: ReviewPolicy = { asOf: new Date(Number.NaN), months: { default: 12 } };
  if (!existsSync(path)) {
    problems.push({
      rule: 'load',
      file,
      line: 1,
      message: 'Missing: the review policy, e.g. { "asOf": "2026-12-02", "reviewMonths": { "default": 12 } }.',
    });
    return fallback;
  }
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { asOf?: unknown; reviewMonths?: unknown };
  const asOf = typeof raw.asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw.asOf) ? new Date(`${raw.asOf}T00:00:00Z`) : null;
  const months = raw.reviewMonths as Record<string, unknown> | undefined;
  const valid =
    asOf !== null &&
    !Number.isNaN(asOf.getTime()) &&
    typeof months === 'object' &&
    months !== null &&
    Object.values(months).every((value) => Number.isInteger(value) && (value as number) > 0) &&
    typeof months['default'] === 'number';
  if (!valid) {
    problems.push({
      rule: 'load',
      file,
      line: 1,
      message: 'Write asOf as YYYY-MM-DD and reviewMonths as whole numbers of months, with a "default".',
    });
    return fallback;
  }
  return { asOf, months: months as ReviewPolicy['months'] };
}
