/**
 * Creating staff accounts: the better-auth user (verified: staff never sign in by e-mail link, and an unverified
 * account is exposed to better-auth's account-clearing magic-link behaviour), its password credential (argon2id), the
 * staff profile and, for point staff, the point memberships — all in the caller's transaction, so an account is
 * created whole or not at all.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import { authAccounts, authUsers, pointMemberships, staffProfiles } from '#src/db/schema/index.ts';
import type { StaffRole } from '#src/features/lists/index.ts';
import { AppError } from '#src/lib/errors.ts';
import { hashPassword, newPasswordProblem } from '../auth/passwords.server.ts';

/** An account cannot be created as asked (an address already in use, a role without its province or point). */
export class StaffAccountError extends AppError {
  override name = 'StaffAccountError';
}

export interface NewStaffAccount {
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly role: StaffRole;
  readonly provinceCode: string | null;
  readonly pointIds: readonly string[];
  readonly lang: 'vi' | 'en';
}

/** Whether an account with this (lower-case) address exists. */
export async function accountExists(tx: Database, email: string): Promise<boolean> {
  const [row] = await tx.select({ id: authUsers.id }).from(authUsers).where(eq(authUsers.email, email)).limit(1);
  return row !== undefined;
}

/** Creates the account in `tx`; returns its user id. */
export async function createStaffAccount(tx: Database, account: NewStaffAccount, now: Date): Promise<string> {
  if (account.role === 'point-staff' && account.pointIds.length === 0)
    throw new StaffAccountError('A member of point staff needs at least one point');
  if (account.role !== 'point-staff' && account.pointIds.length > 0)
    throw new StaffAccountError('Administrators do not hold points');
  // The pages and admin:create say this in the person's language first; this keeps any other caller honest.
  const problem = newPasswordProblem(account.password);
  if (problem === 'common') throw new StaffAccountError('The password is a common one: choose another');
  if (problem === 'length') throw new StaffAccountError('The password is too short or too long');
  if (await accountExists(tx, account.email))
    throw new StaffAccountError('An account with this e-mail address exists already');
  const userId = randomUUID();
  const password = await hashPassword(account.password);
  await tx.insert(authUsers).values({
    id: userId,
    name: account.name,
    email: account.email,
    emailVerified: true,
    createdAt: now,
    updatedAt: now,
  });
  // better-auth's credential account: provider "credential", account id = user id.
  await tx.insert(authAccounts).values({
    id: randomUUID(),
    accountId: userId,
    providerId: 'credential',
    userId,
    password,
    createdAt: now,
    updatedAt: now,
  });
  await tx.insert(staffProfiles).values({
    userId,
    role: account.role,
    provinceCode: account.role === 'province-admin' ? account.provinceCode : null,
    lang: account.lang,
    createdAt: now,
  });
  if (account.pointIds.length > 0)
    await tx.insert(pointMemberships).values(account.pointIds.map((pointId) => ({ userId, pointId, createdAt: now })));
  return userId;
}
