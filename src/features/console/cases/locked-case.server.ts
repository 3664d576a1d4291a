/**
 * The case an action works on: its row locked in the action's transaction (so two staff acting at once take turns),
 * after checking again that this person may work on it, with the helpers every action uses (audit entry, status move).
 */
import { eq } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import { cases, locations } from '#src/db/schema/index.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import { recordCaseEvent } from '#src/features/intake/case-store.server.ts';
import type { CaseStatus } from '#src/features/lists/index.ts';
import { recordAudit } from '../audit/record.server.ts';
import { canWorkOnCase } from '../policy.ts';
import type { Principal } from '../principal.ts';

const OPEN: readonly string[] = ['new', 'acknowledged', 'in-progress'];

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
type CaseRow = typeof cases.$inferSelect;

/** A case locked for one action, with what every action needs. */
export interface LockedCase {
  readonly tx: Transaction;
  readonly keyring: Keyring;
  readonly now: Date;
  readonly found: CaseRow;
  /** The point that holds the case (its name for a hand-over notice, its province for the audit). */
  readonly point: { readonly name: string; readonly provinceCode: string } | undefined;
  readonly status: CaseStatus;
  /** Open for replies, hand-overs and closing: new, acknowledged or in progress, and not purged. */
  readonly isOpen: boolean;
  /** Records the action in the audit log. */
  audit(action: Parameters<typeof recordAudit>[1]['action'], detail?: string, pointId?: string): Promise<void>;
  /** Moves the case to `to`, with its history entry. */
  moveTo(to: CaseStatus, extra?: Partial<typeof cases.$inferInsert>): Promise<void>;
}

/** Locks the case row; undefined when there is no such case or this person may not work on it. */
export async function lockCase(
  tx: Transaction,
  context: { readonly keyring: Keyring; readonly principal: Principal; readonly now: Date },
  caseId: string,
): Promise<LockedCase | undefined> {
  const { keyring, principal, now } = context;
  const [found] = await tx.select().from(cases).where(eq(cases.id, caseId)).limit(1).for('update');
  if (found === undefined || !canWorkOnCase(principal, { pointId: found.pointId })) return undefined;
  const [point] = await tx
    .select({ name: locations.name, provinceCode: locations.provinceCode })
    .from(locations)
    .where(eq(locations.id, found.pointId))
    .limit(1);
  const status = found.status as CaseStatus;
  return {
    tx,
    keyring,
    now,
    found,
    point,
    status,
    isOpen: OPEN.includes(status) && found.purgedAt === null,
    async audit(action, detail, pointId = found.pointId) {
      await recordAudit(tx, {
        action,
        actorUserId: principal.userId,
        at: now,
        caseId: found.id,
        pointId,
        provinceCode: point?.provinceCode ?? found.provinceCode,
        detail,
      });
    },
    async moveTo(to, extra = {}) {
      await tx
        .update(cases)
        .set({ status: to, ...extra })
        .where(eq(cases.id, found.id));
      await recordCaseEvent(tx, { caseId: found.id, at: now, from: status, to, actor: 'staff' });
    },
  };
}
