/**
 * The substances Vietnam's Criminal Code names outright in its drug articles (Articles 248–252 of the 2015 Code, as
 * amended), and the drug pages (by `translationKey`) that are about each one. A page listed here must state its legal
 * status as `criminal-code`, with the articles and a source: the build refuses it otherwise
 * (`schemas/substances.ts`). A new page about one of these substances (e.g. a page on opium, `opium`) adds its key here.
 */
export const CRIMINAL_CODE_SUBSTANCES = [
  { substance: 'heroin', pages: ['heroin'] },
  { substance: 'cocaine', pages: ['cocaine'] },
  { substance: 'methamphetamine', pages: ['methamphetamine', 'yaba'] },
  { substance: 'amphetamine', pages: ['amphetamine'] },
  { substance: 'MDMA', pages: ['mdma'] },
  { substance: 'XLR-11', pages: ['synthetic-cannabinoids'] },
  { substance: 'cannabis', pages: ['cannabis'] },
  { substance: 'opium', pages: ['opium'] },
] as const satisfies readonly { substance: string; pages: readonly string[] }[];

/** The Code's name for the substance a page is about, or `undefined` when the Code names none of the page's substances. */
export function criminalCodeSubstanceOf(translationKey: string): string | undefined {
  return CRIMINAL_CODE_SUBSTANCES.find((item) => (item.pages as readonly string[]).includes(translationKey))?.substance;
}
