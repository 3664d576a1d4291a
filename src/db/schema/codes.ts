/**
 * Code values the database CHECKs. Lists people see (service types, operator kinds, HSDS statuses, cost kinds) come
 * from the shared lists module, so the database, the forms and the export cannot disagree; changing one of those
 * lists needs a new migration (`npm run db:generate -- --name <what-changed>`). Lists only the database uses are here.
 */
// Relative, not `#src/…`: drizzle-kit loads this file with its own resolver.
import { costKinds, hsdsStatuses, operatorKinds, serviceTypes } from '../../features/lists/index.ts';

/** HSDS 3.0 `service.status` values. Points are set to inactive/defunct, never deleted. */
export const STATUSES = hsdsStatuses.codes;

/** What a service offers. One service has one type; a point offering several has several services. */
export const SERVICE_TYPES = serviceTypes.codes;

/** Which kind of body runs an organization; shown to a requester before a request is sent. */
export const OPERATOR_KINDS = operatorKinds.codes;

/** How a service is paid for: free, a fee, or health insurance. */
export const COST_KINDS = costKinds.codes;

/** HSDS 3.0 `location.location_type`. */
export const LOCATION_TYPES = ['physical', 'postal', 'virtual'] as const;

/** HSDS 3.0 `phone.type` (RFC 6350 TEL types). */
export const PHONE_TYPES = ['text', 'voice', 'fax', 'cell', 'video', 'pager', 'textphone'] as const;

/** RFC 5545 weekday codes, as in HSDS `schedule.byday`. */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** Outbox row states: waiting (or being retried), delivered, failed for good (a dead letter the console shows). */
export const OUTBOX_STATUSES = ['pending', 'sent', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
