/**
 * A point's staff list and the notice every change of it sends: each member of the point (but the person the change
 * is about, who is told by the invitation or not at all) gets "the staff of <point> has changed", with a link to the
 * console, where the audit log says who did what. A point without members yet is told at its notification address.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import { authUsers, locations, pointMemberships, staffProfiles } from '#src/db/schema/index.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import { enqueue } from '#src/features/outbox/enqueue.server.ts';
import { isMailAddress } from '#src/features/outbox/message.ts';
import { routes } from '#src/features/site/routes.ts';

/** The active members of a point, with their addresses and mail language. */
export async function pointMembers(
  tx: Database,
  pointId: string,
): Promise<Array<{ userId: string; name: string; email: string; lang: 'vi' | 'en' }>> {
  const rows = await tx
    .select({ userId: authUsers.id, name: authUsers.name, email: authUsers.email, lang: staffProfiles.lang })
    .from(pointMemberships)
    .innerJoin(authUsers, eq(authUsers.id, pointMemberships.userId))
    .innerJoin(staffProfiles, eq(staffProfiles.userId, pointMemberships.userId))
    .where(and(eq(pointMemberships.pointId, pointId), isNull(staffProfiles.disabledAt)))
    .orderBy(authUsers.name);
  return rows.map((row) => ({ ...row, lang: row.lang === 'en' ? 'en' : 'vi' }));
}

/** Queues "the staff of this point has changed" for the point's members other than `aboutUserId`. Call inside `tx`. */
export async function notifyPointStaffChanged(
  tx: Database,
  keyring: Keyring,
  pointId: string,
  aboutUserId: string | null,
): Promise<number> {
  const [point] = await tx
    .select({ name: locations.name, notificationEmail: locations.notificationEmail })
    .from(locations)
    .where(eq(locations.id, pointId))
    .limit(1);
  if (point === undefined) return 0;
  const members = (await pointMembers(tx, pointId)).filter((member) => member.userId !== aboutUserId);
  const recipients =
    members.length > 0
      ? members.map((member) => ({ to: member.email, lang: member.lang }))
      : point.notificationEmail !== null && isMailAddress(point.notificationEmail)
        ? [{ to: point.notificationEmail, lang: 'vi' as const }]
        : [];
  for (const recipient of recipients) {
    await enqueue(
      tx,
      {
        kind: 'point-staff-changed',
        recipientKind: 'point-staff',
        to: recipient.to,
        lang: recipient.lang,
        params: { pointName: point.name, consoleUrl: routes.console[recipient.lang] },
      },
      keyring,
    );
  }
  return recipients.length;
}
