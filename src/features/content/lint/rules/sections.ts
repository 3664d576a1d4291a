import { normaliseHeading, sectionHeadings } from '../../substances/sections.ts';
import type { ContentTree, LintEntry, Problem } from '../types.ts';

/**
 * A drug page's body has the eleven H2 sections of `content/SUBSTANCE-PAGES.md`, in order, with exactly their headings,
 * and no other H2 (the view adds its boxes under them); its pictures are linked from `public/` by absolute path.
 */
export function checkSections(tree: ContentTree): Problem[] {
  return tree.entries
    .filter((entry) => entry.collection === 'substances')
    .flatMap((entry) => [...checkHeadings(entry), ...checkImages(entry)]);
}

/** The body's H2 headings (outside code fences), with their lines. */
export function h2Headings(entry: LintEntry): { text: string; line: number }[] {
  const headings: { text: string; line: number }[] = [];
  let fenced = false;
  entry.lines.forEach((raw, index) => {
    const line = index + 1;
    if (line < entry.bodyStartLine) return;
    if (/^\s*(```|~~~)/.test(raw)) fenced = !fenced;
    if (fenced) return;
    const match = /^##\s+(.+?)\s*#*\s*$/.exec(raw);
    if (match && !raw.startsWith('###')) headings.push({ text: normaliseHeading(match[1] ?? ''), line });
  });
  return headings;
}

function checkHeadings(entry: LintEntry): Problem[] {
  const expected = sectionHeadings(entry.lang).map(normaliseHeading);
  const found = h2Headings(entry);
  const problem = (line: number, message: string): Problem => ({ rule: 'sections', file: entry.file, line, message });
  const problems: Problem[] = [];
  const lastLine = entry.lines.length;
  let next = 0;
  for (const heading of found) {
    const at = expected.indexOf(heading.text);
    if (at === -1) {
      problems.push(
        problem(
          heading.line,
          `“## ${heading.text}” is not one of the eleven sections: use the headings of content/SUBSTANCE-PAGES.md exactly, and ### for sub-headings.`,
        ),
      );
    } else if (at < next) {
      problems.push(
        problem(heading.line, `“## ${heading.text}” is out of order or repeated: section ${at + 1} comes before “## ${expected[next - 1]}”.`),
      );
    } else {
      for (let missing = next; missing < at; missing += 1) {
        problems.push(problem(heading.line, `Missing section ${missing + 1}, “## ${expected[missing]}”, before this one.`));
      }
      next = at + 1;
    }
  }
  for (let missing = next; missing < expected.length; missing += 1) {
    problems.push(problem(lastLine, `Missing section ${missing + 1}, “## ${expected[missing]}”, at the end.`));
  }
  return problems;
}

// ![alt](path): a path that is not absolute (/…) or a full address is a file Astro would have to process.
const RELATIVE_IMAGE = /!\[[^\]]*\]\(\s*<?(?!\/|https?:)([^)\s>]+)/g;

function checkImages(entry: LintEntry): Problem[] {
  return entry.lines.flatMap((text, index) =>
    index + 1 < entry.bodyStartLine
      ? []
      : [...text.matchAll(RELATIVE_IMAGE)].map((match) => ({
          rule: 'sections' as const,
          file: entry.file,
          line: index + 1,
          message: `Picture "${match[1] ?? ''}": put drug pages' pictures in public/ and link them by absolute path, e.g. /images/ten-anh.svg.`,
        })),
  );
}
