/**
 * Why a point was chosen, in plain words: in the person's own commune, the province's fallback (the nearest suitable
 * point in the province when the commune has none), or elsewhere (none in the province).
 */
import { useTranslations, type Lang } from '#src/i18n/index.ts';
import type { RoutingReason } from '#src/features/intake/types.ts';
import type { OriginLabel } from '#src/features/intake/views/ask-model.server.ts';

export function reasonText(reason: RoutingReason, origin: OriginLabel | undefined, lang: Lang): string {
  const t = useTranslations(lang);
  const commune = origin?.communeName ?? t('intake.preview.yourLocation');
  const province = origin?.provinceName || t('intake.reason.yourProvince');
  switch (reason) {
    case 'in-commune':
      return t('intake.reason.inCommune', { commune });
    case 'nearest-in-province':
      return t('intake.reason.provinceFallback', { commune, province });
    case 'nearest-anywhere':
      return t('intake.reason.elsewhere', { province });
  }
}

/** Where an offered point is, seen from the requester: "in Xã Chợ Mới", "in Tỉnh Thái Nguyên", "in another province". */
export function offerPlaceText(reason: RoutingReason, origin: OriginLabel | undefined, lang: Lang): string {
  const t = useTranslations(lang);
  const commune = origin?.communeName ?? t('intake.preview.yourLocation');
  const province = origin?.provinceName || t('intake.reason.yourProvince');
  switch (reason) {
    case 'in-commune':
      return t('intake.offers.where.inCommune', { commune });
    case 'nearest-in-province':
      return t('intake.offers.where.inProvince', { province });
    case 'nearest-anywhere':
      return t('intake.offers.where.elsewhere');
  }
}

/**
 * Why the suggested point is suggested: the usual rule (in the commune, else the province's nearest, else the nearest
 * anywhere), or, for counselling, that it is a health or community point chosen over a nearer closed or police-run
 * facility.
 */
export function suggestionText(
  reason: RoutingReason,
  openDoor: boolean,
  origin: OriginLabel | undefined,
  lang: Lang,
): string {
  return openDoor ? useTranslations(lang)('intake.offers.openDoor') : reasonText(reason, origin, lang);
}
