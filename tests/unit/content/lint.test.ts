import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  dueEntries,
  dueOn,
  findStigma,
  formatProblem,
  lintContent,
  type Problem,
} from '#src/features/content/lint/index.ts';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = 'tests/fixtures/content-lint';

describe('the project content', () => {
  test('passes every rule of the content lint', () => {
    const { tree, problems } = lintContent({ projectRoot });
    expect(problems.map(formatProblem)).toEqual([]);
    // Guards against a lint that passes because it read nothing.
    expect(tree.entries.length).toBeGreaterThan(10);
    expect(tree.registry.length).toBeGreaterThan(10);
  });
});

describe('the planted fixture', () => {
  const { problems } = lintContent({
    projectRoot,
    contentDir: `${fixture}/bad`,
    sharedDir: fileURLToPath(new URL(`../../../${fixture}/shared`, import.meta.url)),
  });
  /** The problems found in one fixture file, as `line [rule] message`. */
  const inFile = (file: string) =>
    problems.filter((problem) => problem.file === `${fixture}/bad/${file}`).map((p) => `${p.line} [${p.rule}] ${p.message}`);
  const rulesOf = (file: string) => new Set(problems.filter((p: Problem) => p.file === `${fixture}/bad/${file}`).map((p) => p.rule));

  test('lets a correct guide through: legal “đối tượng áp dụng”, “tệ nạn ma túy”, “addiction”, an allowed quotation', () => {
    expect(inFile('guides/vi/huong-dan-tot.md')).toEqual([]);
    expect(inFile('guides/en/good-guide.md')).toEqual([]);
  });

  test('refuses an entry without sources or reviewedOn, naming the line', () => {
    expect(inFile('articles/vi/khong-nguon.md')).toEqual(
      expect.arrayContaining([
        `4 [sources] No sources: list under sources: the ids (from ${fixture}/bad/sources.json) of what this page’s facts come from.`,
        '1 [sources] No reviewedOn: add reviewedOn: YYYY-MM-DD, the day a person last checked this page’s facts against its sources.',
      ]),
    );
  });

  test('refuses a source id the registry does not hold, on the line of the id', () => {
    expect(inFile('articles/en/unknown-source.md')).toContain(
      `6 [sources] Source "made-up-source" is not in ${fixture}/bad/sources.json: cite only sources recorded there (open the source, then add it), or fix the id.`,
    );
    expect(inFile('statistics/vi/so-lieu.md')).toContain(
      `26 [sources] Source "not-in-registry" is not in ${fixture}/bad/sources.json: record it there, or fix the id.`,
    );
  });

  test('refuses a guide reviewed 6 months before asOf, and not one reviewed a day later', () => {
    expect(inFile('guides/vi/huong-dan-cu.md')).toContain(
      `5 [review-age] reviewedOn 2026-06-02 is older than 6 months at asOf 2026-12-02 (${fixture}/bad/as-of.json); it was due on 2026-12-02. Check the page’s facts against its sources, then set reviewedOn to the day you did.`,
    );
    expect(rulesOf('guides/vi/huong-dan-tot.md').has('review-age')).toBe(false);
  });

  test('refuses a Vietnamese entry without an English one, and the reverse', () => {
    expect(inFile('articles/vi/khong-nguon.md')).toContain(
      `3 [pairing] No English counterpart: add ${fixture}/bad/articles/en/<file>.md with translationKey: no-sources.`,
    );
    expect(inFile('articles/en/unknown-source.md')).toContain(
      `3 [pairing] No Vietnamese counterpart: add ${fixture}/bad/articles/vi/<file>.md with translationKey: unknown-source.`,
    );
  });

  test('refuses each stigmatizing term with its line, column and a suggested wording', () => {
    const stigma = inFile('guides/vi/huong-dan-cu.md').filter((line) => line.includes('[stigma]'));
    expect(stigma).toEqual([
      '8 [stigma] “đối tượng” (column 29) labels people by their drug use: for people write “người”, “người sử dụng ma túy”, “nhóm người có nguy cơ” or “người được hỗ trợ”; the legal “đối tượng áp dụng / điều chỉnh” of a law is fine.',
      '9 [stigma] “con nghiện” (column 7) labels people by their drug use: write “người sử dụng ma túy”, or “người nghiện ma túy” only where the law’s term is needed; for a child, “con bạn đang sử dụng ma túy” or “con bạn bị nghiện”.',
      '9 [stigma] “nghiện ngập” (column 11) labels people by their drug use: write “nghiện” or “sử dụng ma túy”, and name the person: “người sử dụng ma túy”.',
      '9 [stigma] “dân tệ nạn” (column 36) labels people by their drug use: write “người sử dụng ma túy”; do not call a person a social evil.',
    ]);
    expect(inFile('guides/en/old-guide.md').filter((line) => line.includes('[stigma]'))).toEqual([
      '8 [stigma] “addicts” (column 6) labels people by their drug use: write “person who uses drugs” or “person with a drug dependence”.',
      '8 [stigma] “junkies” (column 15) labels people by their drug use: write “person who uses drugs”.',
      '8 [stigma] “drug abusers” (column 27) labels people by their drug use: write “person who uses drugs”.',
    ]);
  });

  test('refuses links that lead nowhere (pages and files), and names the right page when the slug is the other language’s', () => {
    expect(inFile('guides/en/old-guide.md').filter((line) => line.includes('[links]'))).toEqual([
      `9 [links] Link "/en/guides/huong-dan-tot" does not lead to a page: /en/guides/[slug] needs the file name of an entry in ${fixture}/bad/guides/en/. "huong-dan-tot" is the vi file name; the en page is /en/guides/good-guide.`,
      '9 [links] Link "/en/no-such-page" does not lead to a page: no route in src/features/site/routes.ts has the path /en/no-such-page.',
      '9 [links] Link "/en/find-help/province/06" does not lead to a page: "06" is not the two-digit code of a current province.',
      '9 [links] Link "/en/campaigns/none/poster.pdf" does not lead to a file: it is not in public/ and /en/campaigns/none is not a page.',
    ]);
  });

  test('refuses registry sources that were not opened, opened after asOf, missing, or recorded twice', () => {
    expect(problems.filter((p) => p.rule === 'registry').map((p) => `${p.line} ${p.message}`)).toEqual([
      '11 Source "never-opened" does not say how it was checked: add checkedVia { "kind": "stored-copy", "openedOn": "YYYY-MM-DD" } after opening it, or { "kind": "shared-document", "document": "shared/…" }.',
      `14 Source "opened-later" was opened on 2027-01-05, after asOf (${fixture}/bad/as-of.json): move asOf forward to today.`,
      '18 Source "missing-seed": shared/seeds/gone.txt does not exist; cite a document you opened.',
      '22 Source "opened-source" is recorded twice (first on line 3).',
    ]);
  });

  test('refuses statistics places that do not match the 2025 admin data', () => {
    expect(inFile('statistics/vi/so-lieu.md').filter((line) => line.includes('[places]'))).toEqual([
      '13 [places] place.provinceCode "06" is not the code of one of the 34 current provinces. Tỉnh Bắc Kạn is now part of code 19.',
      '17 [places] Tỉnh Quảng Nam became Thành phố Đà Nẵng (code 48) in 2025, not code 51: fix place.provinceCode.',
      '21 [places] place.asNamed "Tỉnh Mường Thanh" is not a pre-2025 province: write the province as the source named it, e.g. "Tỉnh Bắc Kạn".',
    ]);
    expect(inFile('statistics/en/figures.md')).toEqual([
      '13 [places] place.nowNamed should be "Đà Nẵng City", the current name of code 48.',
    ]);
  });

  test('reports a frontmatter that is not valid YAML instead of skipping the file silently', () => {
    expect(inFile('articles/vi/yaml-hong.md')).toHaveLength(1);
    expect(inFile('articles/vi/yaml-hong.md')[0]).toMatch(/^\d+ \[load\] The frontmatter is not valid YAML \(/);
  });
});

describe('the stigma rule', () => {
  const found = (line: string) => findStigma(line).map((match) => match.found);

  test('matches whatever the case and letter composition (NFD input)', () => {
    expect(found('Con nghiện')).toEqual(['Con nghiện']);
    expect(found('ĐỐI TƯỢNG nghiện'.normalize('NFD'))).toEqual(['ĐỐI TƯỢNG']);
  });

  test('lets the legal scope of a law through and refuses people', () => {
    expect(found('Đối tượng áp dụng của Luật; đối tượng điều chỉnh; đối tượng nghiên cứu')).toEqual([]);
    expect(found('nhóm đối tượng có nguy cơ cao')).toEqual(['đối tượng']);
  });

  test('refuses tệ nạn only when applied to a person', () => {
    expect(found('phòng, chống tệ nạn ma túy và tệ nạn xã hội')).toEqual([]);
    expect(found('thành phần tệ nạn')).toEqual(['thành phần tệ nạn']);
  });

  test('refuses English labels but not the words for the condition', () => {
    expect(found('an addict; addiction; addictive; addicted to; a child abuser')).toEqual(['addict']);
  });
});

describe('review dates', () => {
  test('fall due the same day some months later, or on the last day of a shorter month', () => {
    expect(dueOn(new Date('2026-06-02T00:00:00Z'), 6).toISOString().slice(0, 10)).toBe('2026-12-02');
    expect(dueOn(new Date('2026-08-31T00:00:00Z'), 6).toISOString().slice(0, 10)).toBe('2027-02-28');
  });

  test('the audit lists what is due on a given day, not at asOf', () => {
    const { tree } = lintContent({ projectRoot });
    expect(dueEntries(tree.entries, tree.policy, tree.policy.asOf)).toEqual([]);
    const later = new Date('2030-01-01T00:00:00Z');
    expect(dueEntries(tree.entries, tree.policy, later)).toHaveLength(tree.entries.length);
  });
});

describe('the rules of issue 18, on their fixture', () => {
  const base = `${fixture}/issue18`;
  const { problems } = lintContent({
    projectRoot,
    contentDir: base,
    sharedDir: fileURLToPath(new URL(`../../../${fixture}/shared`, import.meta.url)),
  });
  const lines = (rule: string) =>
    problems.filter((p) => p.rule === rule).map((p) => `${p.file.replace(`${base}/`, '')}:${p.line} ${p.message}`);

  test('refuses a source on a mirror or document-sharing site, a subdomain included, naming the site', () => {
    const refused = lines('publishers');
    expect(refused).toContain(
      `sources.json:11 Source "mirror-copy" is on docslib.org, a document-sharing site: find the same document at its publisher (DOI, journal, the agency's own site; vbpl.vn, chinhphu.vn or thuvienphapluat.vn for a legal text), open it, and put that address here.`,
    );
    expect(refused.some((line) => line.startsWith('sources.json:19 Source "subdomain-mirror" is on coek.info'))).toBe(true);
  });

  test('refuses the team’s internal notes as a source, and lets a stored copy of a published page through', () => {
    expect(lines('publishers')).toContain(
      'sources.json:27 Source "internal-notes" is the team\'s internal notes (shared/facts/vietnam-2026.md), not a published source: cite the publication the notes rely on.',
    );
    const named = lines('publishers').join('\n');
    expect(named).not.toContain('"publisher-page"');
    expect(named).not.toContain('"seed-copy"');
  });

  test('refuses a drug page whose H2s are not the eleven sections in order, and a picture by relative path', () => {
    expect(lines('sections')).toEqual([
      'substances/vi/trang-thuoc.md:13 “## Tác dụng” is not one of the eleven sections: use the headings of content/SUBSTANCE-PAGES.md exactly, and ### for sub-headings.',
      'substances/vi/trang-thuoc.md:17 Missing section 2, “## Cảm giác và thời gian tác dụng”, before this one.',
      'substances/vi/trang-thuoc.md:29 Missing section 6, “## Mang thai và cho con bú”, before this one.',
      'substances/vi/trang-thuoc.md:33 “## Mang thai và cho con bú” is out of order or repeated: section 6 comes before “## Lái xe, đi học và đi làm”.',
      'substances/vi/trang-thuoc.md:53 Picture "hinh.png": put drug pages\' pictures in public/ and link them by absolute path, e.g. /images/ten-anh.svg.',
    ]);
  });

  test('refuses an undated “chưa đối chiếu” on a reviewed page, not a dated one nor one on a page still waiting', () => {
    expect(lines('pending')).toEqual([
      'substances/vi/trang-thuoc.md:15 “chưa đối chiếu”: say in the same sentence what is pending and the date it was checked, e.g. “(đối chiếu ngày 6/12/2026)”; or, if it is settled now, state it with its source.',
    ]);
  });

  test('refuses a review record that names a reviewer, has the wrong date, an unknown verdict or source, or one language', () => {
    expect(lines('review')).toEqual([
      'review/articles/an-article.md:3 The record names no reviewer: keep only “Reviewed by the editorial team on YYYY-MM-DD.”',
      `review/articles/an-article.md:4 The review date 2026-12-05 differs from reviewedOn 2026-12-06 of ${base}/articles/vi/an-article.md: set both to the day of the review.`,
      `review/articles/an-article.md:4 The review date 2026-12-05 differs from reviewedOn 2026-12-06 of ${base}/articles/en/an-article.md: set both to the day of the review.`,
      'review/articles/an-article.md:6 No claim of the en page is recorded: the record covers both languages.',
      'review/articles/an-article.md:8 Start the verdict with confirmed, corrected, reworded, removed (a note may follow), not "new".',
      `review/articles/an-article.md:8 Source "made-up-id" is not in ${base}/sources.json.`,
      `review/articles/an-article.md:9 Checked on 2027-01-01 is after asOf (${base}/as-of.json).`,
    ]);
  });

  test('refuses a mixes row naming no drug page', () => {
    expect(lines('mixes')).toEqual([
      'mixes.json:3 Row "unknown-pair": "no-such-drug" is not the translationKey of a drug page (or write group:<group>).',
    ]);
  });

  test('keeps the transition lists shrinking: nothing listed that does not exist or no longer needs it', () => {
    expect(lines('transition')).toEqual([
      'review/.unreviewed.json:3 "articles/ghost" names no page (<collection>/<translationKey>): remove it from the list (or fix the name).',
    ]);
  });
});
