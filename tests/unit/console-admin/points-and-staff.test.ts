/**
 * Administering points and staff on a real database: every change is audited (and, for a point's staff, told to the
 * point's staff through the outbox), the directory snapshot is invalidated after a point changes, and nothing happens
 * for an administrator of another province.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  authSessions,
  locations,
  phones,
  pointMemberships,
  staffInvitations,
  staffProfiles,
} from '#src/db/schema/index.ts';
import {
  addStaffToPoint,
  inviteToPoint,
  removeStaffFromPoint,
  staffToAdd,
} from '#src/features/console/admin/point-staff-changes.server.ts';
import { loadAdminPoint, markPointChecked, savePoint } from '#src/features/console/admin/points.server.ts';
import { readPointForm } from '#src/features/console/admin/point-form.ts';
import {
  disableAccount,
  inviteAdmin,
  listAccounts,
  revokeInvitation,
} from '#src/features/console/admin/staff-accounts.server.ts';
import { openPayload } from '#src/features/outbox/payload.server.ts';
import { auditOf, createAdminHarness, outboxOf, type AdminHarness } from './helpers.ts';

const invalidate = vi.hoisted(() => vi.fn());
vi.mock('#src/features/directory/snapshot.server.ts', async (original) => ({
  ...(await original<typeof import('#src/features/directory/snapshot.server.ts')>()),
  invalidateDirectorySnapshot: invalidate,
}));

let h: AdminHarness;
beforeAll(async () => {
  h = await createAdminHarness();
});
afterAll(async () => h.cleanup());
beforeEach(() => invalidate.mockClear());

const acting = (key: Parameters<AdminHarness['principal']>[0]) => ({
  db: h.db,
  keyring: h.keyring,
  principal: h.principal(key),
  now: h.clock.now(),
});

function edit(fields: Record<string, string | string[]>) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) params.append(name, one);
  const read = readPointForm(params);
  if (!read.ok) throw new Error(`bad test form: ${JSON.stringify(read.problems)}`);
  return read.edit;
}

/** Recipients of the outbox rows of a kind, decrypted (as the worker would). */
async function recipientsOf(kind: string): Promise<string[]> {
  const rows = await outboxOf(h.db, kind);
  return rows.map((row) => openPayload(h.keyring, row.id, row.kind, row.payload).to).sort();
}

describe('a point’s details', () => {
  it('are saved, audited with what changed, and the directory snapshot is invalidated', async () => {
    const changes = await savePoint(
      acting('hanoiAdmin'),
      h.points.a,
      edit({
        name: 'Trạm Y tế phường Ba Đình (mới)',
        address: 'Số 2, phố Mới',
        phones: '0912 345 678',
        hours: 'T2-T6 07:30-11:30',
        services: ['counselling', 'methadone'],
        status: 'temporarily closed',
        notificationEmail: 'moi@example.invalid',
      }),
    );
    expect(changes).toEqual(['name', 'address', 'status', 'email', 'phones', 'hours', 'services']);
    const point = await loadAdminPoint(h.db, h.principal('hanoiAdmin'), h.points.a);
    expect(point).toMatchObject({
      name: 'Trạm Y tế phường Ba Đình (mới)',
      address: 'Số 2, phố Mới',
      status: 'temporarily closed',
      notificationEmail: 'moi@example.invalid',
      phones: ['0912345678'],
      services: ['counselling', 'methadone'],
    });
    expect(point?.hours).toEqual([{ days: ['MO', 'TU', 'WE', 'TH', 'FR'], opens: 450, closes: 690 }]);
    const [entry] = await auditOf(h.db, 'point.updated');
    expect(entry).toMatchObject({
      actorUserId: h.users.hanoiAdmin,
      pointId: h.points.a,
      provinceCode: '01',
      detail: 'name.address.status.email.phones.hours.services',
    });
    expect(invalidate).toHaveBeenCalledTimes(1);
  });

  it('unticking a service makes it inactive, and ticking it again brings the same service back', async () => {
    await savePoint(acting('hanoiAdmin'), h.points.a, edit({ name: 'A', services: ['methadone'], status: 'active' }));
    expect((await loadAdminPoint(h.db, h.principal('hanoiAdmin'), h.points.a))?.services).toEqual(['methadone']);
    await savePoint(
      acting('hanoiAdmin'),
      h.points.a,
      edit({ name: 'A', services: ['methadone', 'counselling'], status: 'active' }),
    );
    expect((await loadAdminPoint(h.db, h.principal('hanoiAdmin'), h.points.a))?.services).toEqual([
      'counselling',
      'methadone',
    ]);
  });

  it('an unchanged form writes nothing and is not audited', async () => {
    const before = (await auditOf(h.db, 'point.updated')).length;
    const point = await loadAdminPoint(h.db, h.principal('hanoiAdmin'), h.points.a);
    const changes = await savePoint(
      acting('hanoiAdmin'),
      h.points.a,
      edit({
        name: point?.name ?? '',
        services: [...(point?.services ?? [])],
        status: point?.status ?? 'active',
        phones: point?.phones.join('\n') ?? '',
      }),
    );
    expect(changes).toEqual([]);
    expect(await auditOf(h.db, 'point.updated')).toHaveLength(before);
    expect(invalidate).not.toHaveBeenCalled();
  });

  it('are neither shown to nor changed by an administrator of another province', async () => {
    expect(await loadAdminPoint(h.db, h.principal('danangAdmin'), h.points.a)).toBeUndefined();
    expect(await loadAdminPoint(h.db, h.principal('staffA'), h.points.a)).toBeUndefined();
    const result = await savePoint(
      acting('danangAdmin'),
      h.points.a,
      edit({ name: 'Hijacked', services: ['counselling'], status: 'defunct' }),
    );
    expect(result).toBeUndefined();
    const [row] = await h.db.select({ name: locations.name }).from(locations).where(eq(locations.id, h.points.a));
    expect(row?.name).not.toBe('Hijacked');
    expect(await markPointChecked(acting('danangAdmin'), h.points.a)).toBe(false);
  });

  it('"checked today" sets checked_on to the date in Vietnam, audited', async () => {
    // 18:30 UTC on 18 November is already 19 November in Vietnam.
    h.clock.set('2026-11-18T18:30:00Z');
    expect(await markPointChecked(acting('nationalAdmin'), h.points.c)).toBe(true);
    const [row] = await h.db
      .select({ checkedOn: locations.checkedOn })
      .from(locations)
      .where(eq(locations.id, h.points.c));
    expect(row?.checkedOn).toBe('2026-11-19');
    expect((await auditOf(h.db, 'point.checked')).at(-1)).toMatchObject({
      pointId: h.points.c,
      provinceCode: '48',
      actorUserId: h.users.nationalAdmin,
    });
    expect(invalidate).toHaveBeenCalledTimes(1);
    h.clock.set('2026-11-18T03:00:00Z');
  });

  it('keeps the phones of other points as they are', async () => {
    const others = await h.db.select().from(phones).where(eq(phones.locationId, h.points.b));
    expect(others.map((phone) => phone.number)).toEqual(['024 3823 1234']);
  });
});

describe('a point’s staff', () => {
  it('lists as addable only active point staff of other points of the province', async () => {
    const people = await staffToAdd(h.db, h.points.b, '01');
    expect(people.map((person) => person.userId)).toEqual([h.users.staffA]);
  });

  it('adding someone is audited and told to the point’s other staff (not to the person added)', async () => {
    expect(await addStaffToPoint(acting('hanoiAdmin'), h.points.b, h.users.staffA)).toBe('done');
    const [entry] = await auditOf(h.db, 'staff.added-to-point');
    expect(entry).toMatchObject({
      actorUserId: h.users.hanoiAdmin,
      targetUserId: h.users.staffA,
      pointId: h.points.b,
      provinceCode: '01',
    });
    expect(await recipientsOf('point-staff-changed')).toEqual(['staff-b@example.invalid']);
    expect(await addStaffToPoint(acting('hanoiAdmin'), h.points.b, h.users.staffA)).toBe('no-change');
  });

  it('removing someone is audited and told to the remaining staff', async () => {
    expect(await removeStaffFromPoint(acting('hanoiAdmin'), h.points.b, h.users.staffA)).toBe('done');
    expect(await auditOf(h.db, 'staff.removed-from-point')).toHaveLength(1);
    expect(await recipientsOf('point-staff-changed')).toEqual(['staff-b@example.invalid', 'staff-b@example.invalid']);
    const memberships = await h.db
      .select()
      .from(pointMemberships)
      .where(and(eq(pointMemberships.pointId, h.points.b), eq(pointMemberships.userId, h.users.staffA)));
    expect(memberships).toEqual([]);
  });

  it('an administrator can never add themselves, or another administrator, to a point', async () => {
    expect(await addStaffToPoint(acting('hanoiAdmin'), h.points.b, h.users.hanoiAdmin)).toBe('not-allowed');
    expect(await addStaffToPoint(acting('nationalAdmin'), h.points.b, h.users.nationalAdmin)).toBe('not-allowed');
    expect(await addStaffToPoint(acting('nationalAdmin'), h.points.b, h.users.hanoiAdmin)).toBe('not-allowed');
  });

  it('an administrator of another province changes nothing', async () => {
    expect(await addStaffToPoint(acting('danangAdmin'), h.points.b, h.users.staffA)).toBe('not-allowed');
    expect(await removeStaffFromPoint(acting('danangAdmin'), h.points.b, h.users.staffB)).toBe('not-allowed');
    expect(await inviteToPoint(acting('danangAdmin'), h.points.b, { email: 'x@example.invalid', lang: 'vi' })).toBe(
      'not-allowed',
    );
    // Nor is staff of another province added without an invitation.
    expect(await addStaffToPoint(acting('nationalAdmin'), h.points.b, h.users.staffC)).toBe('not-allowed');
  });

  it('inviting a new person records the invitation (hashed token), queues its e-mail and audits it', async () => {
    expect(
      await inviteToPoint(acting('hanoiAdmin'), h.points.b, { email: 'new-person@example.invalid', lang: 'en' }),
    ).toBe('done');
    const [invitation] = await h.db
      .select()
      .from(staffInvitations)
      .where(eq(staffInvitations.email, 'new-person@example.invalid'));
    expect(invitation).toMatchObject({
      role: 'point-staff',
      pointId: h.points.b,
      provinceCode: '01',
      invitedBy: h.users.hanoiAdmin,
    });
    expect(await recipientsOf('invitation')).toContain('new-person@example.invalid');
    expect((await auditOf(h.db, 'staff.invited')).at(-1)).toMatchObject({ pointId: h.points.b, detail: 'point-staff' });
    expect(
      await inviteToPoint(acting('hanoiAdmin'), h.points.b, { email: 'new-person@example.invalid', lang: 'en' }),
    ).toBe('already-invited');
    expect(
      await inviteToPoint(acting('hanoiAdmin'), h.points.b, { email: 'staff-a@example.invalid', lang: 'vi' }),
    ).toBe('account-exists');
  });
});

describe('staff accounts', () => {
  it('lists a province’s administrators and the staff of its points, not those of another province', async () => {
    const hanoi = await listAccounts(h.db, '01');
    expect(hanoi.map((account) => account.email).sort()).toEqual([
      'hanoi@example.invalid',
      'staff-a@example.invalid',
      'staff-b@example.invalid',
    ]);
    expect((await listAccounts(h.db, null)).map((account) => account.email)).toEqual(['national@example.invalid']);
  });

  it('a pending invitation is revoked by the province’s administrator, audited, not by another province’s', async () => {
    const [invitation] = await h.db
      .select()
      .from(staffInvitations)
      .where(eq(staffInvitations.email, 'new-person@example.invalid'));
    expect(await revokeInvitation(acting('danangAdmin'), invitation?.id ?? '')).toBe(false);
    expect(await revokeInvitation(acting('hanoiAdmin'), invitation?.id ?? '')).toBe(true);
    expect(await revokeInvitation(acting('hanoiAdmin'), invitation?.id ?? '')).toBe(false);
    expect(await auditOf(h.db, 'staff.invitation-revoked')).toHaveLength(1);
  });

  it('only a national administrator invites a national administrator', async () => {
    const invitee = {
      email: 'boss@example.invalid',
      role: 'national-admin' as const,
      provinceCode: null,
      lang: 'vi' as const,
    };
    expect(await inviteAdmin(acting('hanoiAdmin'), invitee)).toBe('not-allowed');
    expect(await inviteAdmin(acting('nationalAdmin'), invitee)).toBe('done');
    const province = {
      email: 'deputy@example.invalid',
      role: 'province-admin' as const,
      provinceCode: '48',
      lang: 'vi' as const,
    };
    expect(await inviteAdmin(acting('hanoiAdmin'), province)).toBe('not-allowed');
    expect(await inviteAdmin(acting('danangAdmin'), province)).toBe('done');
  });

  it('disabling an account ends its sessions in the same transaction, audited; never one’s own', async () => {
    const now = h.clock.now();
    await h.db.insert(authSessions).values({
      id: 'session-staff-b',
      token: 'token-staff-b',
      userId: h.users.staffB,
      expiresAt: new Date(now.getTime() + 3_600_000),
    });
    expect(await disableAccount(acting('danangAdmin'), h.users.staffB)).toBe(false);
    expect(await disableAccount(acting('hanoiAdmin'), h.users.hanoiAdmin)).toBe(false);
    expect(await disableAccount(acting('hanoiAdmin'), h.users.nationalAdmin)).toBe(false);
    expect(await disableAccount(acting('hanoiAdmin'), h.users.staffB)).toBe(true);
    expect(await h.db.select().from(authSessions).where(eq(authSessions.userId, h.users.staffB))).toEqual([]);
    const [profile] = await h.db.select().from(staffProfiles).where(eq(staffProfiles.userId, h.users.staffB));
    expect(profile?.disabledAt).not.toBeNull();
    expect(await auditOf(h.db, 'staff.disabled')).toMatchObject([
      { targetUserId: h.users.staffB, provinceCode: '01', detail: 'point-staff' },
    ]);
    expect(await disableAccount(acting('hanoiAdmin'), h.users.staffB)).toBe(false);
  });
});
