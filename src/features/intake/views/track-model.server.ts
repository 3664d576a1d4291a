/**
 * The follow-up page (`/theo-doi`, `/en/track`): the receipt code is POSTED in a form, never put in a URL, and every
 * step that uses it passes the anti-abuse gate with the `track` limiter (10 look-ups per 10 minutes per client), so
 * codes cannot be guessed in bulk. A wrong code gets the same answer whatever the reason (malformed, unknown, purged).
 *
 *   code ──"Xem yêu cầu"──▶ case (status, point, messages) ──"Gửi tin nhắn"──▶ case + "sent"
 *                               └──"Rút yêu cầu"──▶ confirm ──"Có, rút"──▶ withdrawn (content deleted at once)
 *
 * The confirmation step reads nothing (it only asks), so it needs no proof; the steps that read or change a case do.
 */
import type { FieldError } from '#src/components/form/types.ts';
import type { ClientKey } from '#src/features/anti-abuse/client-key.server.ts';
import { FOLLOW_UP_TEXT_FIELD, addFollowUp, lookupCase, withdraw } from '#src/features/intake/follow-up.server.ts';
import { intakeMessage } from '#src/features/intake/messages.ts';
import { getIntakeServices, type IntakeServices } from '#src/features/intake/services.server.ts';
import type { CaseView } from '#src/features/intake/types.ts';
import { checkPostOrigin } from '#src/lib/same-origin.ts';
import { useTranslations, type Lang } from '#src/i18n/index.ts';
import { describeError } from '#src/lib/describe-error.ts';
import { log } from '#src/lib/log.ts';
import { field, readFormBody } from '#src/lib/form-body.server.ts';
import { refusalNotice, type PageNotice } from './notices.ts';

/** The code field's name. */
export const CODE_FIELD = 'code';

/** The page's buttons (`name="action"`). A form sent without a button is a look-up. */
export type TrackAction = 'lookup' | 'add' | 'withdraw-ask' | 'withdraw';

/** What the page shows. */
export type TrackView =
  | {
      readonly step: 'code';
      readonly code: string;
      readonly errors: readonly FieldError[];
      readonly notice: PageNotice | undefined;
    }
  | {
      readonly step: 'case';
      readonly code: string;
      readonly view: CaseView;
      /** The follow-up message as typed (kept when it has an error). */
      readonly text: string;
      readonly errors: readonly FieldError[];
      /** A follow-up was just added. */
      readonly added: boolean;
      readonly notice: PageNotice | undefined;
    }
  | { readonly step: 'confirm-withdraw'; readonly code: string; readonly notice: PageNotice | undefined }
  | { readonly step: 'withdrawn' };

export interface TrackModel {
  /**
   * 200 for every page a person can go on with, a form shown back with its errors included (the request was fine; the
   * answers need changing); 4xx/5xx only when the page itself refuses: the origin check, a body too large or not a
   * form, a refusal of the anti-abuse gate (403, 429), or the service unavailable (503).
   */
  readonly status: 200 | 403 | 413 | 415 | 429 | 503;
  readonly view: TrackView;
}

export interface TrackContext {
  readonly request: Request;
  readonly url: URL;
  clientKey(): Promise<ClientKey>;
  readonly siteUrl: string | undefined;
  readonly services?: IntakeServices;
}

const codeStep = (code = '', errors: readonly FieldError[] = [], notice?: PageNotice): TrackView => ({
  step: 'code',
  code,
  errors,
  notice,
});

/** Builds the page's model: the code form for a GET, the next step for a POST. */
export async function buildTrackModel(context: TrackContext, lang: Lang): Promise<TrackModel> {
  if (context.request.method !== 'POST') return { status: 200, view: codeStep() };
  const own = [context.url.origin, ...(context.siteUrl === undefined ? [] : [context.siteUrl])];
  if (checkPostOrigin(context.request.headers, own) !== 'same-origin')
    return { status: 403, view: codeStep('', [], { kind: 'origin' }) };
  const body = await readFormBody(context.request);
  if (!body.ok)
    return { status: body.reason === 'too-large' ? 413 : 415, view: codeStep('', [], { kind: body.reason }) };
  const fields = body.fields;
  const code = field(fields, CODE_FIELD).trim();
  const action = actionOf(field(fields, 'action'));
  const t = useTranslations(lang);
  if (code === '')
    return { status: 200, view: codeStep('', [{ field: CODE_FIELD, message: t('track.code.required') }]) };
  if (action === 'withdraw-ask') return { status: 200, view: { step: 'confirm-withdraw', code, notice: undefined } };

  try {
    const services = context.services ?? (await getIntakeServices());
    const options = { services };
    const { gate } = await services.antiAbuse();
    const verdict = await gate.checkSubmission({
      form: fields,
      clientKey: await context.clientKey(),
      limiter: 'track',
    });
    if (!verdict.ok) {
      const notice = refusalNotice(verdict.reason, verdict.retryAfterSeconds);
      const status = verdict.reason === 'rate-limited' ? 429 : 403;
      // Said where the person was, so nothing they typed is lost.
      if (action === 'withdraw') return { status, view: { step: 'confirm-withdraw', code, notice } };
      return { status, view: codeStep(code, [], notice) };
    }
    const notFound = (): TrackModel => ({
      status: 200,
      view: codeStep(code, [{ field: CODE_FIELD, message: intakeMessage('intake.followUp.codeInvalid', lang) }]),
    });

    if (action === 'withdraw') {
      if (!(await withdraw(code, options))) return notFound();
      return { status: 200, view: { step: 'withdrawn' } };
    }

    if (action === 'add') {
      const text = field(fields, FOLLOW_UP_TEXT_FIELD);
      const added = await addFollowUp(code, text, options);
      if (added.kind === 'not-found') return notFound();
      const view = await lookupCase(code, options);
      if (view === null) return notFound();
      if (added.kind === 'invalid') {
        const errors = added.errors.map((error) => ({
          field: FOLLOW_UP_TEXT_FIELD,
          message: intakeMessage(error.messageKey, lang),
        }));
        return {
          status: 200,
          view: { step: 'case', code, view, text, errors: errors.slice(0, 1), added: false, notice: undefined },
        };
      }
      return {
        status: 200,
        view: {
          step: 'case',
          code,
          view,
          text: added.kind === 'added' ? '' : text,
          errors: [],
          added: added.kind === 'added',
          notice: undefined,
        },
      };
    }

    const view = await lookupCase(code, options);
    if (view === null) return notFound();
    return { status: 200, view: { step: 'case', code, view, text: '', errors: [], added: false, notice: undefined } };
  } catch (error) {
    log.error('intake.track_failed', { step: action, error: describeError(error) });
    return { status: 503, view: codeStep(code, [], { kind: 'unavailable' }) };
  }
}

function actionOf(value: string): TrackAction {
  return value === 'add' || value === 'withdraw-ask' || value === 'withdraw' ? value : 'lookup';
}
