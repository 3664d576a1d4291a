/**
 * Notices about a page as a whole (not about one field): the anti-abuse gate refused a submission, the form did not
 * come from our page, the body was too large, the point sent was not one offered, or the service is unavailable. Each says kindly what happened, that
 * nothing was sent, and what to do; the page adds the emergency line.
 */
import type { GateReason } from '#src/features/anti-abuse/gate.server.ts';
import { plural, useTranslations, type Lang } from '#src/i18n/index.ts';
import { intakeMessage } from '#src/features/intake/messages.ts';

export type PageNotice =
  | { readonly kind: 'rate-limited'; readonly minutes: number }
  | { readonly kind: 'proof' | 'origin' | 'too-large' | 'unsupported' | 'unavailable' | 'point-not-offered' };

/** The notice for a refusal of the gate. Every proof problem (and the honeypot) gets one answer: a robot learns nothing. */
export function refusalNotice(reason: GateReason, retryAfterSeconds: number | undefined): PageNotice {
  if (reason === 'rate-limited')
    return { kind: 'rate-limited', minutes: Math.max(1, Math.ceil((retryAfterSeconds ?? 60) / 60)) };
  return { kind: 'proof' };
}

/** The notice's words for the intake form (`form`: 'intake') or the follow-up page ('track'). */
export function noticeText(notice: PageNotice, lang: Lang, form: 'intake' | 'track'): string {
  const t = useTranslations(lang);
  switch (notice.kind) {
    case 'rate-limited':
      return plural(lang, notice.minutes, {
        one: t(form === 'intake' ? 'intake.notice.rateLimited.one' : 'track.notice.rateLimited.one'),
        other: t(form === 'intake' ? 'intake.notice.rateLimited.other' : 'track.notice.rateLimited.other'),
      });
    case 'proof':
      return t(form === 'intake' ? 'intake.notice.proof' : 'track.notice.proof');
    case 'origin':
      return t('intake.notice.origin');
    case 'too-large':
      return t('intake.notice.tooLarge');
    case 'unsupported':
      return t('intake.notice.unsupported');
    case 'unavailable':
      return intakeMessage('intake.unavailable', lang);
    case 'point-not-offered':
      return intakeMessage('intake.pointId.notOffered', lang);
  }
}
