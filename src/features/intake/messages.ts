/**
 * The intake's error and status messages: the schema and the handler return these KEYS; their wording is in the
 * catalogues (`src/i18n/*.json`), where pages resolve them with `t(key)` and the JSON API with `intakeMessage`.
 *
 * Wording follows the GOV.UK error pattern: say what to do, name the field in words, the same words in the summary and
 * beside the field.
 */
import { useTranslations, type Lang, type MessageKey } from '#src/i18n/index.ts';

/** Every key the intake's schema and handler may return. */
export const intakeMessageKeys = [
  'intake.who.required',
  'intake.who.invalid',
  'intake.place.required',
  'intake.communeCode.invalid',
  'intake.communeCode.unknown',
  'intake.position.invalid',
  'intake.position.outsideVietnam',
  'intake.position.noCommune',
  'intake.helpWanted.required',
  'intake.helpWanted.invalid',
  'intake.ageBand.required',
  'intake.ageBand.invalid',
  'intake.message.invalid',
  'intake.message.tooLong',
  'intake.message.controlChars',
  'intake.contact.invalid',
  'intake.contact.kindRequired',
  'intake.contact.kindInvalid',
  'intake.contact.valueRequired',
  'intake.contact.phoneInvalid',
  'intake.contact.emailInvalid',
  'intake.contact.zaloInvalid',
  'intake.preferredTime.invalid',
  'intake.lang.invalid',
  'intake.field.unknown',
  'intake.field.invalid',
  'intake.request.notObject',
  'intake.request.contentType',
  'intake.request.tooLarge',
  'intake.request.malformed',
  'intake.request.encoding',
  'intake.refused.rateLimited',
  'intake.refused.proof',
  'intake.pointId.notOffered',
  'intake.alreadySent',
  'intake.withdrawnResend',
  'intake.noPoint',
  'intake.unavailable',
  'intake.followUp.codeInvalid',
  'intake.followUp.closed',
  'intake.followUp.withdrawn',
  'intake.followUp.textRequired',
] as const satisfies readonly MessageKey[];

/** One of the intake's message keys. */
export type IntakeMessageKey = (typeof intakeMessageKeys)[number];

const known: ReadonlySet<string> = new Set(intakeMessageKeys);

/** True when `key` is one of the intake's message keys. */
export function isIntakeMessageKey(key: string): key is IntakeMessageKey {
  return known.has(key);
}

/** The wording of an intake message key in `lang` (an unknown key falls back to the generic "not valid"). */
export function intakeMessage(key: string, lang: Lang): string {
  return useTranslations(lang)(isIntakeMessageKey(key) ? key : 'intake.field.invalid');
}
