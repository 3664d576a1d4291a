import type { Lang } from '#src/i18n/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { localizedEntries } from '#src/features/content/entries.ts';
import { ContentError } from '#src/features/content/errors.ts';

/** The family crisis kit is a guide; this is the `translationKey` both its files share. */
export const FAMILY_KIT_KEY = 'family-crisis-kit';

/** The address of the family crisis kit guide in `lang`, found by its translation key (its slugs differ by language). */
export async function familyKitPath(lang: Lang): Promise<string> {
  const guides = await localizedEntries('guides', lang);
  const kit = guides.find(({ entry }) => entry.data.translationKey === FAMILY_KIT_KEY);
  if (!kit) throw new ContentError(`No published guide has translationKey "${FAMILY_KIT_KEY}" in ${lang}.`);
  return localizedPath('guide', lang, { slug: kit.slug });
}
