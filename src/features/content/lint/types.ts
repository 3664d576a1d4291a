/** The rules of the content lint; each problem names the one that found it. */
export type RuleId =
  | 'load'
  | 'sources'
  | 'review-age'
  | 'pairing'
  | 'stigma'
  | 'links'
  | 'registry'
  | 'places'
  | 'publishers'
  | 'sections'
  | 'review'
  | 'pending'
  | 'mixes'
  | 'transition';

/** One problem: where it is (file relative to the project root, 1-based line) and what to do about it. */
export interface Problem {
  rule: RuleId;
  file: string;
  line: number;
  message: string;
}

/** A content language: the folder an entry sits in. */
export type ContentLang = 'vi' | 'en';

/** One Markdown entry as the lint reads it: its raw lines, its frontmatter as Astro parses it, and where it sits. */
export interface LintEntry {
  /** The folder under the content directory, e.g. `guides`. */
  collection: string;
  lang: ContentLang;
  /** The file name without `.md`: the entry's URL segment. */
  slug: string;
  /** Path from the project root, e.g. `content/guides/vi/cai-nghien-bat-buoc.md`. */
  file: string;
  /** The whole file, split into lines (index 0 is line 1). */
  lines: string[];
  /** The parsed frontmatter (YAML dates are `Date`s). */
  frontmatter: Record<string, unknown>;
  /** The 1-based line where the body starts, after the closing `---`. */
  bodyStartLine: number;
}

/** One record of the source registry, as read (unchecked: the registry rule checks it). */
export interface RegistryRecord {
  index: number;
  id: unknown;
  checkedVia: unknown;
  /** The address, when the record has one. */
  url: unknown;
  /** Who published it. */
  publisher: unknown;
  /** The 1-based line of the record's `"id"` in the registry file. */
  line: number;
}

/** How old a `reviewedOn` may be, in months, per collection (`default` for the rest). */
export interface ReviewPolicy {
  /** The committed date ages are measured against, so the tests give the same answer every day. */
  asOf: Date;
  months: Record<string, number> & { default: number };
}

/** Everything the rules read: the entries, the registry, the review policy and where they came from. */
export interface ContentTree {
  /** Absolute path of the project root; file names in problems are relative to it. */
  projectRoot: string;
  /** The content directory, relative to the project root (`content`, or a fixture's). */
  contentDir: string;
  entries: LintEntry[];
  registry: RegistryRecord[];
  registryFile: string;
  policy: ReviewPolicy;
  policyFile: string;
  /**
   * The absolute path of the workspace's `shared/` folder when it is reachable (development, CI), to check that the
   * documents the registry cites exist; `null` where it is not.
   */
  sharedDir: string | null;
  /** The lists that let pages wait for issue 18's new rules (`transition.ts`); `null` where a list does not exist. */
  transition: Transition;
  /** Problems met while reading (unreadable YAML, a missing registry). */
  loadProblems: Problem[];
}

/**
 * The shrinking lists of issue 18: pages and sources the new rules do not apply to yet. Each is a JSON list of strings
 * in a file of its own; a missing file means "nothing waits" (the rule applies to everything).
 */
export interface Transition {
  /** Pages without a review record yet, as `<collection>/<translationKey>`: `<content>/review/.unreviewed.json`. */
  unreviewed: TransitionList | null;
}

/** One transition list: its file and its items, each with its line. */
export interface TransitionList {
  file: string;
  items: { value: string; line: number }[];
}
