/**
 * Staff accounts and invitations as administrators manage them: the accounts of a province (its administrators and
 * the point staff of its points) with their role, points, second factor and whether they are disabled; the pending
 * invitations (revoke); inviting an administrator; disabling an account, which ends its sessions in the same
 * transaction. Every change is audited; who may do what is asked of policy.ts.
 */
import { and, asc, desc, eq, gt, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import {
  authSessions,
  authUsers,
  locations,
  pointMemberships,
  staffInvitations,
  staffProfiles,
} from '#src/db/schema/index.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import { isUuid } from '#src/features/directory/uuid-v5.ts';
import type { StaffRole } from '#src/features/lists/index.ts';
import { recordAudit } from '../audit/record.server.ts';
import { canDisableAccount, canInviteAdmin, canRevokeInvitation } from '../policy.ts';
import type { Principal } from '../principal.ts';
import { accountExists } from '../staff/account-creation.server.ts';
import { createInvitation } from '../staff/invitations.server.ts';
import { accountScope, hasOpenInvitation } from './point-staff-changes.server.ts';

export interface StaffAccount {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  readonly role: StaffRole;
  readonly provinceCode: string | null;
  readonly points: ReadonlyArray<{ id: string; name: string; provinceCode: string }>;
  readonly twoFactorEnabled: boolean;
  readonly disabledAt: Date | null;
}

/**
 * Accounts of a province: its provincial administrators and everyone who works for one of its points. `null`: the
 * national administrators (the national administrator's view without a chosen province).
 */
export async function listAccounts(db: Database, provinceCode: string | null): Promise<StaffAccount[]> {
  let where: SQL | undefined;
  if (provinceCode === null) where = eq(staffProfiles.role, 'national-admin');
  else {
    const staffOfProvince = db
      .selectDistinct({ userId: pointMemberships.userId })
      .from(pointMemberships)
      .innerJoin(locations, eq(locations.id, pointMemberships.pointId))
      .where(eq(locations.provinceCode, provinceCode));
    where = or(
      and(eq(staffProfiles.role, 'province-admin'), eq(staffProfiles.provinceCode, provinceCode)),
      and(eq(staffProfiles.role, 'point-staff'), inArray(staffProfiles.userId, staffOfProvince)),
    );
  }
  const rows = await db
    .select({
      userId: authUsers.id,
      name: authUsers.name,
      email: authUsers.email,
      role: staffProfiles.role,
      provinceCode: staffProfiles.provinceCode,
      twoFactorEnabled: authUsers.twoFactorEnabled,
      disabledAt: staffProfiles.disabledAt,
    })
    .from(staffProfiles)
    .innerJoin(authUsers, eq(authUsers.id, staffProfiles.userId))
    .where(where)
    .orderBy(asc(staffProfiles.disabledAt), asc(authUsers.name), asc(authUsers.email));
  const ids = rows.map((row) => row.userId);
  const memberships =
    ids.length === 0
      ? []
      : await db
          .select({
            userId: pointMemberships.userId,
            id: locations.id,
            name: locations.name,
            provinceCode: locations.provinceCode,
          })
          .from(pointMemberships)
          .innerJoin(locations, eq(locations.id, pointMemberships.pointId))
          .where(inArray(pointMemberships.userId, ids))
          .orderBy(asc(locations.name));
  return rows.map((row) => ({
    ...row,
    role: row.role as StaffRole,
    points: memberships
      .filter((entry) => entry.userId === row.userId)
      .map(({ id, name, provinceCode }) => ({ id, name, provinceCode })),
  }));
}

export interface PendingInvitation {
  readonly id: string;
  readonly email: string;
  readonly role: StaffRole;
  readonly provinceCode: string | null;
  readonly pointName: string | null;
  readonly expiresAt: Date;
}

/** Invitations still waiting, of a province (`null`: invitations of national administrators). */
export async function listPendingInvitations(
  db: Database,
  provinceCode: string | null,
  now: Date,
): Promise<PendingInvitation[]> {
  const rows = await db
    .select({
      id: staffInvitations.id,
      email: staffInvitations.email,
      role: staffInvitations.role,
      provinceCode: staffInvitations.provinceCode,
      pointName: locations.name,
      expiresAt: staffInvitations.expiresAt,
    })
    .from(staffInvitations)
    .leftJoin(locations, eq(locations.id, staffInvitations.pointId))
    .where(
      and(
        provinceCode === null
          ? eq(staffInvitations.role, 'national-admin')
          : eq(staffInvitations.provinceCode, provinceCode),
        isNull(staffInvitations.acceptedAt),
        isNull(staffInvitations.revokedAt),
        gt(staffInvitations.expiresAt, now),
      ),
    )
    .orderBy(desc(staffInvitations.createdAt));
  return rows.map((row) => ({ ...row, role: row.role as StaffRole }));
}

interface Acting {
  readonly db: Database;
  readonly keyring: Keyring;
  readonly principal: Principal;
  readonly now: Date;
}

/** Revokes a pending invitation (its link stops working), audited. False when not open or not the principal's. */
export async function revokeInvitation(acting: Omit<Acting, 'keyring'>, invitationId: string): Promise<boolean> {
  const { db, principal, now } = acting;
  if (!isUuid(invitationId)) return false;
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .select()
      .from(staffInvitations)
      .where(eq(staffInvitations.id, invitationId))
      .limit(1)
      .for('update');
    if (invitation === undefined || invitation.acceptedAt !== null || invitation.revokedAt !== null) return false;
    if (!canRevokeInvitation(principal, { role: invitation.role as StaffRole, provinceCode: invitation.provinceCode }))
      return false;
    await tx.update(staffInvitations).set({ revokedAt: now }).where(eq(staffInvitations.id, invitationId));
    await recordAudit(tx, {
      action: 'staff.invitation-revoked',
      actorUserId: principal.userId,
      at: now,
      pointId: invitation.pointId ?? undefined,
      provinceCode: invitation.provinceCode,
      detail: invitation.role,
    });
    return true;
  });
}

export type AdminInviteResult = 'done' | 'not-allowed' | 'account-exists' | 'already-invited';

/** Invites a provincial or national administrator (audited and e-mailed by createInvitation). */
export async function inviteAdmin(
  acting: Acting,
  invitee: {
    readonly email: string;
    readonly role: 'province-admin' | 'national-admin';
    readonly provinceCode: string | null;
    readonly lang: 'vi' | 'en';
  },
): Promise<AdminInviteResult> {
  const { db, keyring, principal, now } = acting;
  const provinceCode = invitee.role === 'national-admin' ? null : invitee.provinceCode;
  if (!canInviteAdmin(principal, invitee.role, provinceCode)) return 'not-allowed';
  return db.transaction(async (tx) => {
    if (await accountExists(tx, invitee.email)) return 'account-exists';
    if (await hasOpenInvitation(tx, invitee.email, now)) return 'already-invited';
    await createInvitation(
      tx,
      keyring,
      {
        email: invitee.email,
        role: invitee.role,
        provinceCode,
        pointId: null,
        lang: invitee.lang,
        invitedBy: principal.userId,
      },
      now,
    );
    return 'done';
  });
}

/**
 * Disables an account: it can no longer sign in, and its sessions are deleted in the same transaction, so it is
 * signed out everywhere at once. Audited once per province the account reached (each province's administrators see
 * it). False when the account does not exist, is already disabled, or is not the principal's to disable.
 */
export async function disableAccount(acting: Omit<Acting, 'keyring'>, userId: string): Promise<boolean> {
  const { db, principal, now } = acting;
  return db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ userId: staffProfiles.userId })
      .from(staffProfiles)
      .where(eq(staffProfiles.userId, userId))
      .limit(1)
      .for('update');
    if (locked === undefined) return false;
    const target = await accountScope(tx, userId);
    if (target === undefined || target.disabled || !canDisableAccount(principal, target)) return false;
    await tx.update(staffProfiles).set({ disabledAt: now }).where(eq(staffProfiles.userId, userId));
    await tx.delete(authSessions).where(eq(authSessions.userId, userId));
    const provinces: Array<string | null> = target.provinces.length > 0 ? [...target.provinces] : [null];
    for (const provinceCode of provinces) {
      await recordAudit(tx, {
        action: 'staff.disabled',
        actorUserId: principal.userId,
        at: now,
        targetUserId: userId,
        provinceCode,
        detail: target.role,
      });
    }
    return true;
  });
}
