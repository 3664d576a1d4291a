/**
 * The database schema: one Drizzle `pg-core` schema for both engines (embedded PGlite and PostgreSQL).
 * The directory follows Open Referral HSDS 3.0 (organization → service → location, joined by service_at_location).
 * Add a table in its own file, export it here, then run `npm run db:generate -- --name <what-changed>`.
 */
export * from './audit.ts';
export * from './auth.ts';
export * from './case-work.ts';
export * from './cases.ts';
export * from './codes.ts';
export * from './cost-options.ts';
export * from './escalation.ts';
export * from './intake-form-tokens.ts';
export * from './languages.ts';
export * from './listing-reports.ts';
export * from './locations.ts';
export * from './organizations.ts';
export * from './outbox.ts';
export * from './phones.ts';
export * from './relations.ts';
export * from './schedules.ts';
export * from './service-areas.ts';
export * from './service-at-location.ts';
export * from './services.ts';
export * from './sign-in.ts';
export * from './staff.ts';
