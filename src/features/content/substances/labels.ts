import type { MessageKey } from '#src/i18n/index.ts';
import type { IntakeRoute, LegalStatus } from '../schemas/substances.ts';

/** The UI string naming each legal status, in the facts table and the legal box. */
const LEGAL_STATUS_KEYS: Record<LegalStatus, MessageKey> = {
  'criminal-code': 'content.substance.legal.criminalCode',
  listed: 'content.substance.legal.listed',
  medicine: 'content.substance.legal.medicine',
  'not-listed': 'content.substance.legal.notListed',
  'not-confirmed': 'content.substance.legal.pending',
};

/** The message key of a legal status's label. */
export function legalStatusKey(status: LegalStatus): MessageKey {
  return LEGAL_STATUS_KEYS[status];
}

/** The UI string naming each way of taking a substance (message keys cannot hold a hyphen). */
const ROUTE_KEYS: Record<IntakeRoute, MessageKey> = {
  smoked: 'content.substance.timeline.route.smoked',
  snorted: 'content.substance.timeline.route.snorted',
  swallowed: 'content.substance.timeline.route.swallowed',
  injected: 'content.substance.timeline.route.injected',
  vaped: 'content.substance.timeline.route.vaped',
  inhaled: 'content.substance.timeline.route.inhaled',
  chewed: 'content.substance.timeline.route.chewed',
  'under-the-tongue': 'content.substance.timeline.route.underTheTongue',
};

/** The message key of a route's label. */
export function routeKey(route: IntakeRoute): MessageKey {
  return ROUTE_KEYS[route];
}
