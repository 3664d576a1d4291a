import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
// Relative, not `#src/…`: drizzle-kit loads this file with its own resolver.
import {
  ageBands,
  caseOutcomes,
  caseStatuses,
  helpWanted,
  requesterKinds,
  safeguardingKinds,
} from '../../features/lists/index.ts';
import { bytea, nullOrMatches, oneOf } from './columns.ts';
import { locations } from './locations.ts';
import { outbox } from './outbox.ts';

/** Why a case went to its point (the locator's fallback tier that found it). */
export const ROUTING_REASONS = ['in-commune', 'nearest-in-province', 'nearest-anywhere'] as const;

/** Who moved a case from one status to another. No person is named here: staff actions are audited elsewhere. */
export const CASE_ACTOR_KINDS = ['requester', 'staff', 'system'] as const;
export type CaseActorKind = (typeof CASE_ACTOR_KINDS)[number];

/** Who wrote a message of a case. */
export const CASE_MESSAGE_SENDERS = ['staff', 'requester'] as const;
export type CaseMessageSender = (typeof CASE_MESSAGE_SENDERS)[number];

/** Languages a requester can use (the portal's languages). */
export const CASE_LANGS = ['vi', 'en'] as const;

/**
 * A request for counselling (an intake). Only coarse, non-identifying fields are in clear (for routing and counts); the
 * message, the contact and the preferred time are one sealed JSON (`seal(keyring, json, 'case:<id>:payload')`).
 * The receipt code is kept only as an HMAC (`receipt_hash`, with the id of the key it was derived from so keys can
 * rotate). There is no column for a name, an address, an IP address or a user agent, on purpose.
 *
 * Purging (retention, `src/features/intake/retention.server.ts`) empties `payload` and `receipt_hash` and sets
 * `purged_at`; withdrawing empties `payload` at once.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    // Restrict: points are deactivated, never deleted, and a case must keep its point.
    pointId: uuid('point_id')
      .notNull()
      .references(() => locations.id, { onDelete: 'restrict' }),
    routingReason: text('routing_reason').notNull(),
    routingDistanceKm: doublePrecision('routing_distance_km').notNull(),
    helpWanted: text('help_wanted').notNull(),
    requesterKind: text('requester_kind').notNull(),
    ageBand: text('age_band').notNull(),
    // Coarse place, in clear for routing and counts: the chosen commune, or the commune nearest a rounded position.
    communeCode: text('commune_code'),
    provinceCode: text('province_code'),
    status: text('status').notNull().default('new'),
    // HMAC-SHA256 of the normalized receipt code; null once purged (the code then finds nothing).
    receiptHash: bytea('receipt_hash'),
    receiptKeyId: text('receipt_key_id'),
    // Sealed JSON {message, contact, preferredTime}; null when the requester gave none, or once withdrawn or purged.
    payload: bytea('payload'),
    lang: text('lang').notNull().default('vi'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    outcome: text('outcome'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    purgedAt: timestamp('purged_at', { withTimezone: true }),
    // Set by staff when a child is at risk or a life is in danger: the case is shown first, with guidance (111, 115).
    safeguarding: text('safeguarding'),
    safeguardingAt: timestamp('safeguarding_at', { withTimezone: true }),
  },
  (t) => [
    check('cases_status_check', oneOf(t.status, caseStatuses.codes)),
    check('cases_routing_reason_check', oneOf(t.routingReason, ROUTING_REASONS)),
    check('cases_routing_distance_check', sql`${t.routingDistanceKm} >= 0`),
    check('cases_help_wanted_check', oneOf(t.helpWanted, helpWanted.codes)),
    check('cases_requester_kind_check', oneOf(t.requesterKind, requesterKinds.codes)),
    check('cases_age_band_check', oneOf(t.ageBand, ageBands.codes)),
    check('cases_commune_code_check', nullOrMatches(t.communeCode, '^[0-9]{5}$')),
    check('cases_province_code_check', nullOrMatches(t.provinceCode, '^[0-9]{2}$')),
    check('cases_lang_check', oneOf(t.lang, CASE_LANGS)),
    check('cases_outcome_check', sql`(${t.outcome} is null or ${oneOf(t.outcome, caseOutcomes.codes)})`),
    check('cases_receipt_check', sql`(${t.receiptHash} is null) = (${t.receiptKeyId} is null)`),
    // A purged case keeps no content and no way to find it by code; a live one always has its code's hash.
    check('cases_purged_check', sql`(${t.purgedAt} is null) = (${t.receiptHash} is not null)`),
    check('cases_purged_payload_check', sql`${t.purgedAt} is null or ${t.payload} is null`),
    check('cases_withdrawn_check', sql`(${t.status} = 'withdrawn') = (${t.withdrawnAt} is not null)`),
    check('cases_withdrawn_payload_check', sql`${t.withdrawnAt} is null or ${t.payload} is null`),
    check(
      'cases_safeguarding_check',
      sql`(${t.safeguarding} is null) = (${t.safeguardingAt} is null) and (${t.safeguarding} is null or ${oneOf(t.safeguarding, safeguardingKinds.codes)})`,
    ),
    check('cases_closed_check', sql`${t.status} <> 'closed' or ${t.closedAt} is not null`),
    uniqueIndex('cases_receipt_hash_idx').on(t.receiptHash),
    // The console: a point's cases by status, newest first.
    index('cases_point_status_created_idx').on(t.pointId, t.status, t.createdAt),
    index('cases_status_idx').on(t.status),
    index('cases_created_at_idx').on(t.createdAt),
    // Retention: what to purge (only rows not purged yet).
    index('cases_retention_closed_idx')
      .on(t.closedAt)
      .where(sql`${t.purgedAt} is null`),
    index('cases_province_idx').on(t.provinceCode),
  ],
);

/** The status history of a case: one row per change (the first: null → new). No free text. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorKind: text('actor_kind').notNull(),
  },
  (t) => [
    check(
      'case_events_from_status_check',
      sql`(${t.fromStatus} is null or ${oneOf(t.fromStatus, caseStatuses.codes)})`,
    ),
    check('case_events_to_status_check', oneOf(t.toStatus, caseStatuses.codes)),
    check('case_events_actor_kind_check', oneOf(t.actorKind, CASE_ACTOR_KINDS)),
    index('case_events_case_idx').on(t.caseId, t.at),
  ],
);

/**
 * Messages of a case: staff replies and the requester's follow-ups. The body is sealed
 * (`seal(keyring, text, 'case-message:<id>:body')`); purging or withdrawing empties it and sets `purged_at`.
 */
export const caseMessages = pgTable(
  'case_messages',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    sender: text('sender').notNull(),
    body: bytea('body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    purgedAt: timestamp('purged_at', { withTimezone: true }),
  },
  (t) => [
    check('case_messages_sender_check', oneOf(t.sender, CASE_MESSAGE_SENDERS)),
    check('case_messages_purged_check', sql`(${t.body} is null) = (${t.purgedAt} is not null)`),
    index('case_messages_case_idx').on(t.caseId, t.createdAt),
  ],
);

/**
 * Which outbox rows announce something about a case (the new-case notice, reply notices to a requester's e-mail…),
 * so withdrawing and retention can purge their payloads with the case's other encrypted fields.
 */
export const caseNotices = pgTable(
  'case_notices',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    outboxId: uuid('outbox_id')
      .notNull()
      .references(() => outbox.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('case_notices_pk_idx').on(t.caseId, t.outboxId), index('case_notices_outbox_idx').on(t.outboxId)],
);
