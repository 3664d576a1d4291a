import type { Lang } from '#src/i18n/index.ts';
import { ContentError } from '../errors.ts';

/**
 * The eleven H2 sections of a drug page, in order, with exactly these headings (`content/SUBSTANCE-PAGES.md`). The
 * content lint checks the Markdown; the view finds each section by its heading to add what it draws from the
 * frontmatter (the timeline under `feel`, the mixes table under `mixes`, the legal box under `law`…).
 */
export const SUBSTANCE_SECTIONS = [
  { id: 'what', vi: 'Là gì, dùng thế nào', en: 'What it is and how it is taken' },
  { id: 'feel', vi: 'Cảm giác và thời gian tác dụng', en: 'How it feels and how long it lasts' },
  { id: 'after', vi: 'Khi hết tác dụng và khi ngừng dùng', en: 'Coming down and stopping' },
  { id: 'risks', vi: 'Nguy cơ cho sức khỏe', en: 'Health risks' },
  { id: 'mixes', vi: 'Pha trộn nguy hiểm', en: 'Dangerous mixes' },
  { id: 'pregnancy', vi: 'Mang thai và cho con bú', en: 'Pregnancy and breastfeeding' },
  { id: 'driving', vi: 'Lái xe, đi học và đi làm', en: 'Driving, school and work' },
  { id: 'law', vi: 'Pháp luật nói gì', en: 'What the law says' },
  { id: 'still-using', vi: 'Nếu bạn vẫn đang sử dụng', en: 'If you still use' },
  { id: 'overdose', vi: 'Quá liều, ngộ độc: dấu hiệu và cần làm gì', en: 'Overdose and poisoning: signs and what to do' },
  { id: 'help', vi: 'Hỗ trợ nào phù hợp', en: 'Which help fits' },
] as const satisfies readonly { id: string; vi: string; en: string }[];

export type SubstanceSectionId = (typeof SUBSTANCE_SECTIONS)[number]['id'];

/** The required H2 headings of a drug page in one language, in order. */
export function sectionHeadings(lang: Lang): string[] {
  return SUBSTANCE_SECTIONS.map((section) => section[lang]);
}

/** A heading as compared: NFC, spaces collapsed. */
export function normaliseHeading(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** A part of a drug page's rendered body: what comes before the first H2, or one H2 section. */
export interface BodyPart {
  /** The section's id, or `undefined` for the text before the first H2 or an H2 that is not one of the eleven. */
  section: SubstanceSectionId | undefined;
  html: string;
}

const ENTITY = /&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decode(text: string): string {
  return text.replace(ENTITY, (_whole, code: string) => {
    const lower = code.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return NAMED[lower] ?? '';
  });
}

/**
 * Splits a drug page's rendered Markdown (Astro's `entry.rendered.html`) into its H2 sections, so the view can add its
 * boxes under the right ones. `file` names the page in the error thrown when the body has pictures Astro must still
 * process (a relative image path): drug pages link pictures from `public/` by absolute path.
 */
export function splitSections(
  html: string,
  lang: Lang,
  file: string,
  imagePaths: readonly string[] | undefined,
): BodyPart[] {
  if (imagePaths && imagePaths.length > 0) {
    throw new ContentError(
      `${file}: put the pictures of a drug page in public/ and link them by absolute path (e.g. /images/…): ${imagePaths.join(', ')}.`,
    );
  }
  const byHeading = new Map(SUBSTANCE_SECTIONS.map((section) => [normaliseHeading(section[lang]), section.id]));
  return html
    .split(/(?=<h2[\s>])/)
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const heading = /^<h2[^>]*>([\s\S]*?)<\/h2>/.exec(part);
      const text = heading ? normaliseHeading(decode((heading[1] ?? '').replace(/<[^>]+>/g, ''))) : undefined;
      return { section: text === undefined ? undefined : byHeading.get(text), html: part };
    });
}
