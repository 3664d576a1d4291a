/**
 * Working on a case: only staff of the point that holds it read or act on it; every reading and every action leaves an
 * audit entry; replies are encrypted and reach the requester's follow-up page; a hand-over moves the case (the old
 * point loses it, the new point is told); closing records the outcome. On PGlite and PostgreSQL (TEST_DB_ENGINE).
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, caseMessages, caseNotes, cases, outbox } from '#src/db/schema/index.ts';
import { runCaseAction } from '#src/features/console/cases/case-actions.server.ts';
import { loadCaseDetail } from '#src/features/console/cases/case-detail.server.ts';
import { loadInbox, readInboxFilters } from '#src/features/console/cases/inbox.server.ts';
import type { Principal } from '#src/features/console/principal.ts';
import { lookupCase } from '#src/features/intake/follow-up.server.ts';
import { testEngine } from '../../setup/db.ts';
import { allRows } from '../intake/helpers.ts';
import { createConsoleBed, type ConsoleBed } from './helpers.ts';

const MARKER = 'ZXQ-console-marker-7731';

describe(`case work in the console (${testEngine})`, () => {
  let bed: ConsoleBed;
  let baDinhStaff: Principal;
  let hoanKiemStaff: Principal;
  let admin: Principal;
  const act = (principal: Principal, caseId: string, action: string, fields: Record<string, string> = {}) =>
    runCaseAction(
      { db: bed.db, keyring: bed.keyring, principal, now: bed.clock.now() },
      caseId,
      action,
      new URLSearchParams(Object.entries(fields).map(([name, value]) => [`${action}-${name}`, value])),
    );

  beforeAll(async () => {
    bed = await createConsoleBed();
    baDinhStaff = await bed.staff({
      email: 'ba-dinh@example.invalid',
      role: 'point-staff',
      pointIds: [bed.points.baDinh],
    });
    hoanKiemStaff = await bed.staff({
      email: 'hoan-kiem@example.invalid',
      role: 'point-staff',
      pointIds: [bed.points.hoanKiem],
    });
    admin = await bed.staff({ email: 'admin@example.invalid', role: 'province-admin', provinceCode: '01' });
  });
  afterAll(() => bed?.cleanup());

  it('opens no case, inbox or action to point staff who have not set up a second factor', async () => {
    const withoutSecondFactor = await bed.staff({
      email: 'no-second-factor@example.invalid',
      role: 'point-staff',
      pointIds: [bed.points.baDinh],
      secondFactor: false,
    });
    const { caseId } = await bed.intake({ message: `Chưa có lớp bảo vệ thứ hai ${MARKER}` });
    expect(await loadCaseDetail(bed.db, bed.keyring, withoutSecondFactor, caseId, bed.clock.now())).toBeUndefined();
    await act(withoutSecondFactor, caseId, 'acknowledge');
    const [row] = await bed.db.select({ status: cases.status }).from(cases).where(eq(cases.id, caseId));
    expect(row?.status).toBe('new');
    const views = await bed.db.select().from(auditLog).where(eq(auditLog.caseId, caseId));
    expect(views).toEqual([]);
    // The same person once the second factor is set up reads it.
    const later = { ...withoutSecondFactor, twoFactorEnabled: true };
    expect((await loadCaseDetail(bed.db, bed.keyring, later, caseId, bed.clock.now()))?.payload?.message).toContain(
      MARKER,
    );
  });

  it("shows a case with its words to its point's staff only, and records each view", async () => {
    const { caseId, pointId } = await bed.intake({ message: `Con tôi ${MARKER}` });
    expect(pointId).toBe(bed.points.baDinh);
    const detail = await loadCaseDetail(bed.db, bed.keyring, baDinhStaff, caseId, bed.clock.now());
    expect(detail?.payload?.message).toBe(`Con tôi ${MARKER}`);
    expect(detail?.payload?.contact).toEqual({ kind: 'phone', value: '0912345678' });
    expect(await loadCaseDetail(bed.db, bed.keyring, hoanKiemStaff, caseId, bed.clock.now())).toBeUndefined();
    expect(await loadCaseDetail(bed.db, bed.keyring, admin, caseId, bed.clock.now())).toBeUndefined();
    const views = await bed.db.select().from(auditLog).where(eq(auditLog.caseId, caseId));
    expect(views.map((entry) => [entry.action, entry.actorUserId])).toEqual([['case.viewed', baDinhStaff.userId]]);
  });

  it('lists new cases first in the inbox, with counts that match the lists', async () => {
    const first = await bed.intake();
    const second = await bed.intake();
    await act(baDinhStaff, first.caseId, 'acknowledge');
    const all = await loadInbox(
      bed.db,
      baDinhStaff.pointIds,
      readInboxFilters(new URLSearchParams(), baDinhStaff.pointIds),
      bed.clock.now(),
      2,
    );
    expect(all.rows[0]?.status).toBe('new');
    expect(all.rows.findIndex((row) => row.id === second.caseId)).toBeLessThan(
      all.rows.findIndex((row) => row.id === first.caseId),
    );
    for (const status of ['new', 'acknowledged'] as const) {
      const filtered = await loadInbox(
        bed.db,
        baDinhStaff.pointIds,
        readInboxFilters(new URLSearchParams({ status }), baDinhStaff.pointIds),
        bed.clock.now(),
        2,
      );
      expect(filtered.rows.length).toBe(all.counts[status]);
      expect(filtered.rows.every((row) => row.status === status)).toBe(true);
    }
    expect(all.counts.open).toBe(all.rows.length);
    const other = await loadInbox(
      bed.db,
      hoanKiemStaff.pointIds,
      readInboxFilters(new URLSearchParams(), hoanKiemStaff.pointIds),
      bed.clock.now(),
      2,
    );
    expect(other.rows.map((row) => row.id)).not.toContain(first.caseId);
  });

  it('flags a new case as overdue after the escalation time in working days', async () => {
    const { caseId } = await bed.intake();
    const later = new Date(bed.clock.now().getTime() + 10 * 24 * 3600 * 1000);
    const inbox = await loadInbox(
      bed.db,
      baDinhStaff.pointIds,
      readInboxFilters(new URLSearchParams({ overdue: '1' }), baDinhStaff.pointIds),
      later,
      2,
    );
    expect(inbox.rows.map((row) => row.id)).toContain(caseId);
    const now = await loadInbox(
      bed.db,
      baDinhStaff.pointIds,
      readInboxFilters(new URLSearchParams({ overdue: '1' }), baDinhStaff.pointIds),
      bed.clock.now(),
      2,
    );
    expect(now.rows.map((row) => row.id)).not.toContain(caseId);
  });

  it('stores a reply encrypted and shows it on the follow-up page; an e-mail contact gets a notice without content', async () => {
    const { caseId, receiptCode } = await bed.intake({ contact: { kind: 'email', value: 'parent@example.invalid' } });
    const outboxBefore = (await bed.db.select().from(outbox)).length;
    expect(await act(baDinhStaff, caseId, 'reply', { text: `Chào anh chị ${MARKER}` })).toEqual({
      kind: 'done',
      notice: 'reply-done',
    });
    const stored = await allRows(bed.db, 'case_messages');
    expect(JSON.stringify(stored)).not.toContain(MARKER);
    const view = await lookupCase(receiptCode, { services: bed.services });
    expect(view?.messages.map((message) => [message.from, message.text])).toEqual([
      ['staff', `Chào anh chị ${MARKER}`],
    ]);
    expect(view?.status).toBe('in-progress');
    const added = (await bed.db.select().from(outbox)).slice(outboxBefore);
    expect(added.map((row) => [row.kind, row.recipientKind])).toEqual([['reply-notice', 'requester']]);
    expect(Buffer.from(added[0]?.payload ?? []).toString('latin1')).not.toContain('parent@example.invalid');
  });

  it('sends no notice for a reply when the requester left no e-mail address', async () => {
    const { caseId } = await bed.intake();
    const before = (await bed.db.select().from(outbox)).length;
    await act(baDinhStaff, caseId, 'reply', { text: 'Chúng tôi sẽ gọi lại.' });
    expect((await bed.db.select().from(outbox)).length).toBe(before);
  });

  it('keeps internal notes away from the requester', async () => {
    const { caseId, receiptCode } = await bed.intake();
    await act(baDinhStaff, caseId, 'note', { text: `Ghi chú ${MARKER}` });
    const detail = await loadCaseDetail(bed.db, bed.keyring, baDinhStaff, caseId, bed.clock.now());
    expect(detail?.notes.map((note) => note.text)).toEqual([`Ghi chú ${MARKER}`]);
    const view = await lookupCase(receiptCode, { services: bed.services });
    expect(JSON.stringify(view)).not.toContain(MARKER);
    expect(JSON.stringify(await allRows(bed.db, 'case_notes'))).not.toContain(MARKER);
  });

  it('hands a case over: the new point has it and is told, the old one loses it', async () => {
    const { caseId } = await bed.intake();
    const before = (await bed.db.select().from(outbox)).length;
    const result = await act(baDinhStaff, caseId, 'handover', {
      toPoint: bed.points.hoanKiem,
      reason: 'closer-to-requester',
      text: 'Gần nhà hơn',
    });
    expect(result).toEqual({ kind: 'done', notice: 'handover-done' });
    expect(await loadCaseDetail(bed.db, bed.keyring, baDinhStaff, caseId, bed.clock.now())).toBeUndefined();
    const detail = await loadCaseDetail(bed.db, bed.keyring, hoanKiemStaff, caseId, bed.clock.now());
    expect(detail?.point.id).toBe(bed.points.hoanKiem);
    expect(detail?.history.some((entry) => entry.kind === 'handover')).toBe(true);
    expect(detail?.notes.map((note) => note.text)).toEqual(['Gần nhà hơn']);
    const added = (await bed.db.select().from(outbox)).slice(before);
    expect(added.map((row) => row.kind)).toEqual(['case-handed-over']);
    expect(await act(baDinhStaff, caseId, 'close', { outcome: 'counselled' })).toEqual({ kind: 'gone' });
  });

  it('refuses every action from staff of another point, changing nothing', async () => {
    const { caseId } = await bed.intake();
    const before = await bed.db.select().from(cases).where(eq(cases.id, caseId));
    for (const [action, fields] of [
      ['acknowledge', {}],
      ['reply', { text: 'x' }],
      ['note', { text: 'x' }],
      ['close', { outcome: 'counselled' }],
      ['safeguard', { safeguarding: 'life-in-danger' }],
      ['handover', { toPoint: bed.points.hoanKiem, reason: 'other' }],
    ] as const) {
      expect(await act(hoanKiemStaff, caseId, action, fields)).toEqual({ kind: 'gone' });
      expect(await act(admin, caseId, action, fields)).toEqual({ kind: 'gone' });
    }
    expect(await bed.db.select().from(cases).where(eq(cases.id, caseId))).toEqual(before);
    expect(await bed.db.select().from(caseMessages).where(eq(caseMessages.caseId, caseId))).toEqual([]);
    expect(await bed.db.select().from(caseNotes).where(eq(caseNotes.caseId, caseId))).toEqual([]);
  });

  it('closes with an outcome, audits every action, and refuses a reply afterwards', async () => {
    const { caseId } = await bed.intake();
    await act(baDinhStaff, caseId, 'acknowledge');
    await act(baDinhStaff, caseId, 'safeguard', { safeguarding: 'child-at-risk' });
    expect(await act(baDinhStaff, caseId, 'close', {})).toEqual({
      kind: 'invalid',
      field: 'outcome',
      problem: 'choose-outcome',
    });
    expect(await act(baDinhStaff, caseId, 'close', { outcome: 'referred-methadone' })).toEqual({
      kind: 'done',
      notice: 'close-done',
    });
    const [row] = await bed.db.select().from(cases).where(eq(cases.id, caseId));
    expect([row?.status, row?.outcome, row?.safeguarding]).toEqual(['closed', 'referred-methadone', 'child-at-risk']);
    expect(await act(baDinhStaff, caseId, 'reply', { text: 'muộn' })).toEqual({
      kind: 'invalid',
      field: 'text',
      problem: 'not-allowed-now',
    });
    const entries = await bed.db.select().from(auditLog).where(eq(auditLog.caseId, caseId)).orderBy(auditLog.at);
    expect(entries.map((entry) => [entry.action, entry.detail])).toEqual([
      ['case.acknowledged', null],
      ['case.safeguarding-flagged', 'child-at-risk'],
      ['case.closed', 'referred-methadone'],
    ]);
  });

  it('refuses empty, oversized and control-character replies with the field named', async () => {
    const { caseId } = await bed.intake();
    expect(await act(baDinhStaff, caseId, 'reply', { text: '   ' })).toEqual({
      kind: 'invalid',
      field: 'text',
      problem: 'text-required',
    });
    expect(await act(baDinhStaff, caseId, 'reply', { text: 'a'.repeat(4001) })).toEqual({
      kind: 'invalid',
      field: 'text',
      problem: 'text-too-long',
    });
    expect(await act(baDinhStaff, caseId, 'reply', { text: 'a\u0000b' })).toEqual({
      kind: 'invalid',
      field: 'text',
      problem: 'text-invalid',
    });
    expect(await act(baDinhStaff, caseId, 'erase', {})).toEqual({
      kind: 'invalid',
      field: 'action',
      problem: 'unknown-action',
    });
  });

  it('keeps the audit log append-only and free of free text', async () => {
    // Drizzle wraps the database's error: the trigger's own words are in its cause.
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => 'accepted',
        (error: Error & { cause?: Error }) => `${error.message} ${error.cause?.message ?? ''}`,
      );
    expect(await refusal(bed.db.execute(sql`update audit_log set detail = 'changed'`))).toMatch(
      /append-only: UPDATE refused/,
    );
    expect(await refusal(bed.db.execute(sql`delete from audit_log`))).toMatch(/append-only: DELETE refused/);
    await expect(
      bed.db
        .insert(auditLog)
        .values({ action: 'case.viewed', actorUserId: null, at: new Date(), detail: 'Nguyễn Văn A gọi lúc 9 giờ' }),
    ).rejects.toThrow();
  });
});
