/**
 * Invitations to the console. The token is 32 random bytes; the table keeps only its keyed hash, the outbox row keeps
 * it sealed until the worker renders the link at send time, and accepting it once spends it. An invitation says what
 * the new account will be (role, province, point), so the person accepting it chooses only a name and a password.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import { locations, staffInvitations } from '#src/db/schema/index.ts';
import { keyedHash, keyedHashesForLookup } from '#src/features/crypto/keyed-hash.server.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import type { StaffRole } from '#src/features/lists/index.ts';
import { enqueue } from '#src/features/outbox/enqueue.server.ts';
import { recordAudit } from '../audit/record.server.ts';
import { createStaffAccount } from './account-creation.server.ts';
import { notifyPointStaffChanged } from './point-members.server.ts';

/** How long an invitation link works. */
export const INVITATION_VALID_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;
const HASH_PURPOSE = 'console:invitation-token';

export interface InvitationRequest {
  readonly email: string;
  readonly role: StaffRole;
  readonly provinceCode: string | null;
  readonly pointId: string | null;
  readonly lang: 'vi' | 'en';
  /** Who invites (null: a command run by an operator). */
  readonly invitedBy: string | null;
}

/**
 * Records an invitation and queues its e-mail, in `tx`. The caller has checked the inviter's rights (policy.ts) and
 * that no account uses the address. Returns the token too, for the command line (`npm run admin:create` prints a link
 * when asked) and tests; pages never show it.
 */
export async function createInvitation(
  tx: Database,
  keyring: Keyring,
  request: InvitationRequest,
  now: Date,
): Promise<{ id: string; token: string }> {
  const token = randomBytes(32).toString('base64url');
  const hashed = keyedHash(keyring, HASH_PURPOSE, token);
  const id = randomUUID();
  const pointName =
    request.pointId === null
      ? undefined
      : (await tx.select({ name: locations.name }).from(locations).where(eq(locations.id, request.pointId)).limit(1))[0]
          ?.name;
  await tx.insert(staffInvitations).values({
    id,
    tokenHash: hashed.hash,
    tokenKeyId: hashed.keyId,
    email: request.email,
    role: request.role,
    provinceCode: request.role === 'national-admin' ? null : request.provinceCode,
    pointId: request.pointId,
    lang: request.lang,
    invitedBy: request.invitedBy,
    createdAt: now,
    expiresAt: new Date(now.getTime() + INVITATION_VALID_DAYS * DAY_MS),
  });
  await enqueue(
    tx,
    {
      kind: 'invitation',
      recipientKind: request.role === 'point-staff' ? 'point-staff' : 'admin',
      to: request.email,
      lang: request.lang,
      params: {
        token,
        validDays: String(INVITATION_VALID_DAYS),
        ...(pointName === undefined ? {} : { pointName }),
      },
    },
    keyring,
  );
  await recordAudit(tx, {
    action: 'staff.invited',
    actorUserId: request.invitedBy,
    at: now,
    pointId: request.pointId ?? undefined,
    provinceCode: request.provinceCode,
    detail: request.role,
  });
  return { id, token };
}

/** An invitation that can still be accepted. */
export interface OpenInvitation {
  readonly id: string;
  readonly email: string;
  readonly role: StaffRole;
  readonly provinceCode: string | null;
  readonly pointId: string | null;
  readonly pointName: string | null;
  readonly lang: 'vi' | 'en';
}

/** The open invitation a token belongs to (not accepted, not revoked, not expired), or undefined. */
export async function findOpenInvitation(
  db: Database,
  keyring: Keyring,
  token: string,
  now: Date,
  options: { forUpdate?: boolean } = {},
): Promise<OpenInvitation | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const hashes = keyedHashesForLookup(keyring, HASH_PURPOSE, token).map((entry) => entry.hash);
  const query = db
    .select({
      id: staffInvitations.id,
      email: staffInvitations.email,
      role: staffInvitations.role,
      provinceCode: staffInvitations.provinceCode,
      pointId: staffInvitations.pointId,
      pointName: locations.name,
      lang: staffInvitations.lang,
    })
    .from(staffInvitations)
    .leftJoin(locations, eq(locations.id, staffInvitations.pointId))
    .where(
      and(
        inArray(staffInvitations.tokenHash, hashes),
        isNull(staffInvitations.acceptedAt),
        isNull(staffInvitations.revokedAt),
        gt(staffInvitations.expiresAt, now),
      ),
    )
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update', { of: staffInvitations }) : await query;
  if (row === undefined) return undefined;
  return { ...row, role: row.role as StaffRole, lang: row.lang === 'en' ? 'en' : 'vi' };
}

/**
 * Accepts an invitation: creates the account it describes with the chosen name and password, spends the invitation,
 * audits it and tells the point's other staff — one transaction. Returns the new user id, or undefined when the token
 * is no longer valid (used, revoked, expired, or unknown: all the same to the caller).
 */
export async function acceptInvitation(
  db: Database,
  keyring: Keyring,
  input: { token: string; name: string; password: string },
  now: Date,
): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    const invitation = await findOpenInvitation(tx, keyring, input.token, now, { forUpdate: true });
    if (invitation === undefined) return undefined;
    const userId = await createStaffAccount(
      tx,
      {
        email: invitation.email,
        name: input.name,
        password: input.password,
        role: invitation.role,
        provinceCode: invitation.provinceCode,
        pointIds: invitation.pointId === null ? [] : [invitation.pointId],
        lang: invitation.lang,
      },
      now,
    );
    await tx.update(staffInvitations).set({ acceptedAt: now }).where(eq(staffInvitations.id, invitation.id));
    await recordAudit(tx, {
      action: 'staff.joined',
      actorUserId: userId,
      at: now,
      targetUserId: userId,
      pointId: invitation.pointId ?? undefined,
      provinceCode: invitation.provinceCode,
      detail: invitation.role,
    });
    if (invitation.pointId !== null) await notifyPointStaffChanged(tx, keyring, invitation.pointId, userId);
    return userId;
  });
}
