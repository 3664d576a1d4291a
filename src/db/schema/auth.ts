import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The tables better-auth reads and writes for staff accounts (its `user`, `session`, `account`, `verification` and the
 * two-factor plugin's `twoFactor` models, mapped in src/features/console/auth/auth.server.ts). Property names are
 * better-auth's field names; columns are ours. Nobody from the public has a row here: requesters never sign in.
 *
 * better-auth's session model has `ipAddress` and `userAgent` fields. This portal never stores either: the columns
 * exist only because the library writes them, a hook empties them, and a CHECK refuses any row that still carries one,
 * so a library upgrade that started filling them would fail loudly instead of storing them.
 */
const authTimestamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const authUsers = pgTable(
  'auth_users',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    // A work address; also the sign-in name. Lower-cased before it is stored.
    email: text('email').notNull().unique(),
    emailVerified: boolean('email_verified').notNull().default(false),
    image: text('image'),
    twoFactorEnabled: boolean('two_factor_enabled').notNull().default(false),
    ...authTimestamps(),
  },
  (t) => [check('auth_users_email_check', sql`${t.email} = lower(${t.email})`)],
);

export const authSessions = pgTable(
  'auth_sessions',
  {
    id: text('id').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    token: text('token').notNull().unique(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    ...authTimestamps(),
  },
  (t) => [
    check('auth_sessions_no_client_data_check', sql`${t.ipAddress} is null and ${t.userAgent} is null`),
    index('auth_sessions_user_idx').on(t.userId),
  ],
);

export const authAccounts = pgTable(
  'auth_accounts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
    scope: text('scope'),
    // argon2id (`$argon2id$…`), never anything weaker: the CHECK refuses other formats.
    password: text('password'),
    ...authTimestamps(),
  },
  (t) => [
    check('auth_accounts_password_check', sql`${t.password} is null or ${t.password} like '$argon2id$%'`),
    index('auth_accounts_user_idx').on(t.userId),
  ],
);

export const authVerifications = pgTable(
  'auth_verifications',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ...authTimestamps(),
  },
  (t) => [index('auth_verifications_identifier_idx').on(t.identifier)],
);

/** The TOTP secret (encrypted by better-auth with its secret) and the hashed backup codes of one user. */
export const authTwoFactors = pgTable(
  'auth_two_factors',
  {
    id: text('id').primaryKey(),
    secret: text('secret').notNull(),
    backupCodes: text('backup_codes').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    verified: boolean('verified').default(true),
    failedVerificationCount: integer('failed_verification_count').default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (t) => [index('auth_two_factors_user_idx').on(t.userId), index('auth_two_factors_secret_idx').on(t.secret)],
);
