import type { MessageKey } from '#src/i18n/index.ts';

/**
 * What the first-aid card says, in the order it says it: each section a heading and its lines, all UI strings
 * (`firstAid.*` in `src/i18n/`). The page, the printed A4 sheet and the shareable image all read this one list, so they
 * never disagree.
 */
export interface CardSection {
  /** A stable name for the section (CSS class and test hook). */
  id: 'call' | 'wait' | 'dont' | 'medics';
  title: MessageKey;
  lines: readonly MessageKey[];
  /** A line shown after the list, in the same box. */
  hint?: MessageKey;
}

export const CARD_SECTIONS: readonly CardSection[] = [
  {
    id: 'call',
    title: 'firstAid.call.title',
    lines: ['firstAid.call.1', 'firstAid.call.2', 'firstAid.call.3', 'firstAid.call.4', 'firstAid.call.5'],
    hint: 'firstAid.call.hint',
  },
  {
    id: 'wait',
    title: 'firstAid.wait.title',
    lines: ['firstAid.wait.1', 'firstAid.wait.2', 'firstAid.wait.3', 'firstAid.wait.4', 'firstAid.wait.5'],
  },
  {
    id: 'dont',
    title: 'firstAid.dont.title',
    lines: ['firstAid.dont.1', 'firstAid.dont.2', 'firstAid.dont.3', 'firstAid.dont.4'],
  },
  { id: 'medics', title: 'firstAid.medics.title', lines: ['firstAid.medics.1', 'firstAid.medics.2'] },
];

/**
 * The sources every statement of the card was checked against (ids in `content/sources.json`); the review record is
 * `content/review/first-aid/overdose-first-aid.md`.
 */
export const CARD_SOURCES = [
  'unodc-opioid-overdose-guidance',
  'cdc-stop-overdose',
  'medlineplus-methamphetamine-overdose',
  'iprc-indiana-methamphetamine-overdose',
  'nsw-health-2021-cocaine-opioids-alert',
  'bbc-bitesize-recovery-position',
  'firstaid-1life-tu-the-hoi-suc',
  'vnexpress-2019-08-so-cuu-co-giat',
  'sewanee-alcohol-drug-overdose',
  'quincy-overdose-what-to-do',
  'kinhtedothi-so-dien-thoai-khan-cap-113-114-115',
] as const;

/** The day the card's statements were last checked against their sources. */
export const CARD_REVIEWED_ON = '2026-12-06';
