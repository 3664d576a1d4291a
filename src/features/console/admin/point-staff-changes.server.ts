/**
 * A point's staff as its administrators change them: add an existing member of point staff of the province, remove
 * one, invite a new person. Each change runs in one transaction with its audit entry and the notice to the point's
 * staff ("the staff of <point> has changed"), so there is never a change nobody was told about. Who may do what is
 * asked of policy.ts, inside the transaction, on the rows as they are then.
 */
import { and, asc, eq, gt, isNull, ne, notInArray } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import { authUsers, locations, pointMemberships, staffInvitations, staffProfiles } from '#src/db/schema/index.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import { isUuid } from '#src/features/directory/uuid-v5.ts';
import type { StaffRole } from '#src/features/lists/index.ts';
import { recordAudit } from '../audit/record.server.ts';
import { canAddToPoint, canAdministerPoint, canChangePointStaff, type AccountScope } from '../policy.ts';
import type { Principal } from '../principal.ts';
import { accountExists } from '../staff/account-creation.server.ts';
import { createInvitation } from '../staff/invitations.server.ts';
import { notifyPointStaffChanged, pointMembers } from '../staff/point-members.server.ts';

interface Acting {
  readonly db: Database;
  readonly keyring: Keyring;
  readonly principal: Principal;
  readonly now: Date;
}

/** The scope of an account for policy.ts: its role and the provinces it reaches. */
export async function accountScope(
  db: Database,
  userId: string,
): Promise<(AccountScope & { disabled: boolean }) | undefined> {
  const [profile] = await db
    .select({
      role: staffProfiles.role,
      provinceCode: staffProfiles.provinceCode,
      disabledAt: staffProfiles.disabledAt,
    })
    .from(staffProfiles)
    .where(eq(staffProfiles.userId, userId))
    .limit(1);
  if (profile === undefined) return undefined;
  const role = profile.role as StaffRole;
  let provinces: string[] = [];
  if (role === 'province-admin' && profile.provinceCode !== null) provinces = [profile.provinceCode];
  if (role === 'point-staff') {
    const rows = await db
      .selectDistinct({ province: locations.provinceCode })
      .from(pointMemberships)
      .innerJoin(locations, eq(locations.id, pointMemberships.pointId))
      .where(eq(pointMemberships.userId, userId));
    provinces = rows.map((row) => row.province).sort();
  }
  return { userId, role, provinces, disabled: profile.disabledAt !== null };
}

/** The point's members (for its page). */
export const membersOfPoint = pointMembers;

/**
 * Active members of point staff who work for another point of the same province and not for this one: the people an
 * administrator can add here without an invitation.
 */
export async function staffToAdd(
  db: Database,
  pointId: string,
  provinceCode: string,
): Promise<Array<{ userId: string; name: string; email: string }>> {
  const members = db
    .select({ userId: pointMemberships.userId })
    .from(pointMemberships)
    .where(eq(pointMemberships.pointId, pointId));
  const inProvince = await db
    .selectDistinct({ userId: authUsers.id, name: authUsers.name, email: authUsers.email })
    .from(pointMemberships)
    .innerJoin(locations, eq(locations.id, pointMemberships.pointId))
    .innerJoin(authUsers, eq(authUsers.id, pointMemberships.userId))
    .innerJoin(staffProfiles, eq(staffProfiles.userId, pointMemberships.userId))
    .where(
      and(
        eq(locations.provinceCode, provinceCode),
        ne(pointMemberships.pointId, pointId),
        eq(staffProfiles.role, 'point-staff'),
        isNull(staffProfiles.disabledAt),
        notInArray(pointMemberships.userId, members),
      ),
    )
    .orderBy(asc(authUsers.name), asc(authUsers.email));
  return inProvince;
}

/** Invitations to this point still waiting to be accepted. */
export async function openInvitationsOfPoint(db: Database, pointId: string, now: Date) {
  return db
    .select({ id: staffInvitations.id, email: staffInvitations.email, expiresAt: staffInvitations.expiresAt })
    .from(staffInvitations)
    .where(
      and(
        eq(staffInvitations.pointId, pointId),
        isNull(staffInvitations.acceptedAt),
        isNull(staffInvitations.revokedAt),
        gt(staffInvitations.expiresAt, now),
      ),
    )
    .orderBy(asc(staffInvitations.createdAt));
}

export type StaffChangeResult = 'done' | 'not-allowed' | 'no-change';

async function lockedPoint(tx: Database, pointId: string) {
  if (!isUuid(pointId)) return undefined;
  const [point] = await tx
    .select({ id: locations.id, provinceCode: locations.provinceCode })
    .from(locations)
    .where(eq(locations.id, pointId))
    .limit(1)
    .for('update');
  return point;
}

/** Adds a member of point staff of the province to the point; audited, and the point's staff are told. */
export async function addStaffToPoint(acting: Acting, pointId: string, userId: string): Promise<StaffChangeResult> {
  const { db, keyring, principal, now } = acting;
  return db.transaction(async (tx) => {
    const point = await lockedPoint(tx, pointId);
    if (point === undefined) return 'not-allowed';
    const target = await accountScope(tx, userId);
    if (target === undefined || target.disabled || !canAddToPoint(principal, point, target)) return 'not-allowed';
    // Only someone who already works for a point of this province is added without an invitation.
    if (!target.provinces.includes(point.provinceCode)) return 'not-allowed';
    const inserted = await tx
      .insert(pointMemberships)
      .values({ userId, pointId, createdAt: now })
      .onConflictDoNothing()
      .returning({ userId: pointMemberships.userId });
    if (inserted.length === 0) return 'no-change';
    await recordAudit(tx, {
      action: 'staff.added-to-point',
      actorUserId: principal.userId,
      at: now,
      pointId,
      targetUserId: userId,
      provinceCode: point.provinceCode,
    });
    await notifyPointStaffChanged(tx, keyring, pointId, userId);
    return 'done';
  });
}

/** Removes a member from the point's staff; audited, and the remaining staff are told. */
export async function removeStaffFromPoint(
  acting: Acting,
  pointId: string,
  userId: string,
): Promise<StaffChangeResult> {
  const { db, keyring, principal, now } = acting;
  return db.transaction(async (tx) => {
    const point = await lockedPoint(tx, pointId);
    if (point === undefined || !canChangePointStaff(principal, point, userId)) return 'not-allowed';
    const removed = await tx
      .delete(pointMemberships)
      .where(and(eq(pointMemberships.pointId, pointId), eq(pointMemberships.userId, userId)))
      .returning({ userId: pointMemberships.userId });
    if (removed.length === 0) return 'no-change';
    await recordAudit(tx, {
      action: 'staff.removed-from-point',
      actorUserId: principal.userId,
      at: now,
      pointId,
      targetUserId: userId,
      provinceCode: point.provinceCode,
    });
    await notifyPointStaffChanged(tx, keyring, pointId, userId);
    return 'done';
  });
}

export type InviteResult = 'done' | 'not-allowed' | 'account-exists' | 'already-invited';

/** Whether an open invitation for this address exists (any role). */
export async function hasOpenInvitation(db: Database, email: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: staffInvitations.id })
    .from(staffInvitations)
    .where(
      and(
        eq(staffInvitations.email, email),
        isNull(staffInvitations.acceptedAt),
        isNull(staffInvitations.revokedAt),
        gt(staffInvitations.expiresAt, now),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Invites a new person to the point's staff (the invitation is audited and its e-mail queued by createInvitation). */
export async function inviteToPoint(
  acting: Acting,
  pointId: string,
  invitee: { readonly email: string; readonly lang: 'vi' | 'en' },
): Promise<InviteResult> {
  const { db, keyring, principal, now } = acting;
  return db.transaction(async (tx) => {
    const point = await lockedPoint(tx, pointId);
    if (point === undefined || !canAdministerPoint(principal, point)) return 'not-allowed';
    if (await accountExists(tx, invitee.email)) return 'account-exists';
    if (await hasOpenInvitation(tx, invitee.email, now)) return 'already-invited';
    await createInvitation(
      tx,
      keyring,
      {
        email: invitee.email,
        role: 'point-staff',
        provinceCode: point.provinceCode,
        pointId,
        lang: invitee.lang,
        invitedBy: principal.userId,
      },
      now,
    );
    return 'done';
  });
}
