/**
 * The intake form's own small choices (the shared lists live in `features/lists`): how to be contacted and when, with
 * their labels, and the words the preview uses to show an answer back.
 */
import { useTranslations, type Lang } from '#src/i18n/index.ts';
import { CONTACT_KINDS, NO_CONTACT, PREFERRED_TIMES } from '#src/features/intake/schema.ts';
import { ageBands, helpWanted, requesterKinds } from '#src/features/lists/index.ts';

/** "No contact" first (the choice that keeps the least), then phone, e-mail, Zalo. */
export function contactOptions(lang: Lang): { value: string; label: string }[] {
  const t = useTranslations(lang);
  return [
    { value: NO_CONTACT, label: t('intake.form.contact.none') },
    ...CONTACT_KINDS.map((kind) => ({ value: kind, label: t(`intake.form.contact.${kind}`) })),
  ];
}

export function preferredTimeOptions(lang: Lang): { value: string; label: string }[] {
  const t = useTranslations(lang);
  return PREFERRED_TIMES.map((time) => ({ value: time, label: t(`intake.form.time.${time}`) }));
}

/** The label of a list value, or the value itself when it is not one (the schema has refused it by then). */
export function answerLabel(
  kind: 'who' | 'helpWanted' | 'ageBand' | 'contactKind' | 'preferredTime',
  value: string,
  lang: Lang,
): string {
  const list =
    kind === 'who' ? requesterKinds : kind === 'helpWanted' ? helpWanted : kind === 'ageBand' ? ageBands : undefined;
  if (list !== undefined) {
    const item = list.items.find((entry) => entry.code === value);
    return item === undefined ? value : item.label[lang];
  }
  const choices = kind === 'contactKind' ? contactOptions(lang) : preferredTimeOptions(lang);
  return choices.find((choice) => choice.value === value)?.label ?? value;
}
