import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
// Relative, not `#src/…`: drizzle-kit loads this file with its own resolver.
import { staffRoles } from '../../features/lists/index.ts';
import { authUsers } from './auth.ts';
import { bytea, nullOrMatches, oneOf } from './columns.ts';
import { locations } from './locations.ts';

/**
 * What a staff account may do (one role per account):
 * - `point-staff`: the cases of the points in `point_memberships`;
 * - `province-admin`: the points, staff, directory, counts and audit log of `province_code` — never case text;
 * - `national-admin`: the same for every province.
 * `disabled_at` ends every right at once (sessions are revoked in the same transaction).
 */
export const staffProfiles = pgTable(
  'staff_profiles',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    provinceCode: text('province_code'),
    // The language of the e-mails this person receives.
    lang: text('lang').notNull().default('vi'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [
    check('staff_profiles_role_check', oneOf(t.role, staffRoles.codes)),
    check('staff_profiles_lang_check', oneOf(t.lang, ['vi', 'en'])),
    check('staff_profiles_province_code_check', nullOrMatches(t.provinceCode, '^[0-9]{2}$')),
    // A provincial administrator always has a province; a national one never does.
    check(
      'staff_profiles_role_province_check',
      sql`(${t.role} <> 'province-admin' or ${t.provinceCode} is not null) and (${t.role} <> 'national-admin' or ${t.provinceCode} is null)`,
    ),
  ],
);

/** Which points a member of staff works for. Only `point-staff` accounts have rows here (checked in code). */
export const pointMemberships = pgTable(
  'point_memberships',
  {
    userId: text('user_id')
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    pointId: uuid('point_id')
      .notNull()
      .references(() => locations.id, { onDelete: 'restrict' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.pointId] }), index('point_memberships_point_idx').on(t.pointId)],
);

/**
 * An invitation to the console, sent as a link through the outbox. Only the HMAC of its token is kept here (the token
 * itself sits sealed in the outbox row until the mail is sent), so a copy of this table cannot accept an invitation.
 */
export const staffInvitations = pgTable(
  'staff_invitations',
  {
    id: uuid('id').primaryKey(),
    tokenHash: bytea('token_hash').notNull(),
    tokenKeyId: text('token_key_id').notNull(),
    email: text('email').notNull(),
    role: text('role').notNull(),
    provinceCode: text('province_code'),
    pointId: uuid('point_id').references(() => locations.id, { onDelete: 'restrict' }),
    lang: text('lang').notNull().default('vi'),
    invitedBy: text('invited_by').references(() => authUsers.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    check('staff_invitations_role_check', oneOf(t.role, staffRoles.codes)),
    check('staff_invitations_lang_check', oneOf(t.lang, ['vi', 'en'])),
    check('staff_invitations_email_check', sql`${t.email} = lower(${t.email})`),
    check('staff_invitations_point_check', sql`(${t.role} = 'point-staff') = (${t.pointId} is not null)`),
    check(
      'staff_invitations_province_check',
      sql`(${t.role} = 'national-admin') = (${t.provinceCode} is null) and ${nullOrMatches(t.provinceCode, '^[0-9]{2}$')}`,
    ),
    uniqueIndex('staff_invitations_token_idx').on(t.tokenHash),
    index('staff_invitations_email_idx').on(t.email),
  ],
);
