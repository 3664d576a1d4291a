/**
 * What administrators read about their province: "outdated information" reports (the note decrypted), the audit log
 * (by province, by action, by page, actors by name) and the outbox's dead letters (tied to a province through the
 * request they announce), with the actions on them audited and refused outside the province.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, caseNotices, listingReports, outbox } from '#src/db/schema/index.ts';
import { AUDIT_PAGE_SIZE, loadAuditPage, readAuditFilters } from '#src/features/console/admin/audit-log.server.ts';
import { listDeadLettersFor, retryDeadLetterAsAdmin } from '#src/features/console/admin/dead-letters.server.ts';
import { decideReport, listOpenReports } from '#src/features/console/admin/reports.server.ts';
import { recordAudit } from '#src/features/console/audit/record.server.ts';
import { saveListingReport } from '#src/features/locator/reports/store.server.ts';
import { enqueue } from '#src/features/outbox/enqueue.server.ts';
import { auditOf, createAdminHarness, insertCase, type AdminHarness } from './helpers.ts';

let h: AdminHarness;
beforeAll(async () => {
  h = await createAdminHarness();
});
afterAll(async () => h.cleanup());

const acting = (key: Parameters<AdminHarness['principal']>[0]) => ({
  db: h.db,
  principal: h.principal(key),
  now: h.clock.now(),
});

describe('listing reports', () => {
  let hanoiReport: string;
  let danangReport: string;
  beforeAll(async () => {
    hanoiReport = await saveListingReport(h.db, h.keyring, h.points.a, {
      reason: 'phone-wrong',
      note: 'Số máy không ai nghe.',
    });
    danangReport = await saveListingReport(h.db, h.keyring, h.points.c, { reason: 'hours-wrong', note: undefined });
  });

  it('lists the province’s open reports with the note decrypted, and nothing of another province', async () => {
    const reports = await listOpenReports(h.db, h.keyring, '01');
    expect(reports).toMatchObject([
      { id: hanoiReport, pointId: h.points.a, reason: 'phone-wrong', note: 'Số máy không ai nghe.' },
    ]);
    const all = await listOpenReports(h.db, h.keyring, null);
    expect(all.map((report) => report.id).sort()).toEqual([hanoiReport, danangReport].sort());
    expect(all.find((report) => report.id === danangReport)?.note).toBeNull();
  });

  it('keeps the note sealed at rest', async () => {
    const [row] = await h.db.select().from(listingReports).where(eq(listingReports.id, hanoiReport));
    expect(Buffer.from(row?.note ?? []).toString('utf8')).not.toContain('không ai nghe');
  });

  it('resolving or dismissing is audited; another province’s administrator cannot', async () => {
    expect(await decideReport(acting('danangAdmin'), hanoiReport, 'resolved')).toBe(false);
    expect(await decideReport(acting('hanoiAdmin'), hanoiReport, 'resolved')).toBe(true);
    expect(await decideReport(acting('hanoiAdmin'), hanoiReport, 'dismissed')).toBe(false);
    expect(await decideReport(acting('danangAdmin'), danangReport, 'dismissed')).toBe(true);
    const statuses = await h.db.select({ id: listingReports.id, status: listingReports.status }).from(listingReports);
    expect(Object.fromEntries(statuses.map((row) => [row.id, row.status]))).toEqual({
      [hanoiReport]: 'resolved',
      [danangReport]: 'dismissed',
    });
    expect((await auditOf(h.db, 'report.resolved')).map((entry) => [entry.provinceCode, entry.detail])).toEqual([
      ['01', 'resolved'],
      ['48', 'dismissed'],
    ]);
    expect(await listOpenReports(h.db, h.keyring, null)).toEqual([]);
  });
});

describe('the audit log', () => {
  beforeAll(async () => {
    const base = new Date('2026-11-10T00:00:00Z').getTime();
    for (let index = 0; index < AUDIT_PAGE_SIZE + 5; index += 1)
      await recordAudit(h.db, {
        action: 'case.viewed',
        actorUserId: h.users.staffA,
        at: new Date(base + index * 60_000),
        provinceCode: '01',
        pointId: h.points.a,
      });
    await recordAudit(h.db, {
      action: 'staff.signed-in',
      actorUserId: h.users.staffC,
      at: new Date(base),
      provinceCode: '48',
    });
    await recordAudit(h.db, {
      action: 'staff.signed-in',
      actorUserId: h.users.nationalAdmin,
      at: new Date(base),
      provinceCode: null,
    });
  });

  it('shows a province’s entries newest first, a page at a time, with the actor and point by name', async () => {
    const filters = readAuditFilters(new URLSearchParams('action=case.viewed'), '01');
    const first = await loadAuditPage(h.db, h.principal('hanoiAdmin'), filters);
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.hasNext).toBe(true);
    expect(first.rows[0]?.at.getTime()).toBeGreaterThan(first.rows[1]?.at.getTime() ?? 0);
    expect(first.rows[0]).toMatchObject({
      actorName: 'Người staffA',
      pointName: 'Trạm Y tế phường Ba Đình',
      action: 'case.viewed',
    });
    const second = await loadAuditPage(h.db, h.principal('hanoiAdmin'), { ...filters, page: 2 });
    expect(second.rows).toHaveLength(5);
    expect(second.hasNext).toBe(false);
  });

  it('filters by action', async () => {
    const page = await loadAuditPage(
      h.db,
      h.principal('hanoiAdmin'),
      readAuditFilters(new URLSearchParams('action=staff.signed-in'), '01'),
    );
    expect(page.rows).toEqual([]);
    const unknown = readAuditFilters(new URLSearchParams('action=drop-table&page=-3'), '01');
    expect(unknown).toEqual({ province: '01', action: null, page: 1 });
  });

  it('is not readable by another province’s administrator; a national one reads everything', async () => {
    const other = await loadAuditPage(h.db, h.principal('danangAdmin'), readAuditFilters(new URLSearchParams(), '01'));
    expect(other.rows).toEqual([]);
    const none = await loadAuditPage(h.db, h.principal('danangAdmin'), readAuditFilters(new URLSearchParams(), null));
    expect(none.rows).toEqual([]);
    const all = await loadAuditPage(
      h.db,
      h.principal('nationalAdmin'),
      readAuditFilters(new URLSearchParams('action=staff.signed-in'), null),
    );
    expect(all.rows.map((row) => row.provinceCode).sort()).toEqual(['48', null].sort());
  });

  it('stays append-only', async () => {
    await expect(h.db.delete(auditLog)).rejects.toThrow();
  });
});

describe('dead letters', () => {
  let hanoiLetter: string;
  let danangLetter: string;
  let unboundLetter: string;
  beforeAll(async () => {
    const message = (to: string) => ({
      kind: 'new-case' as const,
      recipientKind: 'point-staff' as const,
      to,
      lang: 'vi' as const,
      params: { pointName: 'Điểm', consoleUrl: '/quan-ly' },
    });
    const dead = async (id: string) => {
      await h.db
        .update(outbox)
        .set({ status: 'dead', attempts: 8, lastError: 'http_422:validation_error' })
        .where(eq(outbox.id, id));
    };
    const hanoiCase = await insertCase(h.db, h.points.a, h.clock.now());
    const danangCase = await insertCase(h.db, h.points.c, h.clock.now());
    hanoiLetter = (await enqueue(h.db, message('hanoi-point@example.invalid'), h.keyring)).id;
    danangLetter = (await enqueue(h.db, message('danang-point@example.invalid'), h.keyring)).id;
    unboundLetter = (
      await enqueue(
        h.db,
        {
          kind: 'invitation',
          recipientKind: 'admin',
          to: 'someone@example.invalid',
          lang: 'vi',
          params: { token: 'a'.repeat(43) },
        },
        h.keyring,
      )
    ).id;
    await h.db.insert(caseNotices).values([
      { caseId: hanoiCase, outboxId: hanoiLetter },
      { caseId: danangCase, outboxId: danangLetter },
    ]);
    for (const id of [hanoiLetter, danangLetter, unboundLetter]) await dead(id);
  });

  it('a province’s administrator sees the dead letters of its points only, never an address or a body', async () => {
    const letters = await listDeadLettersFor(h.db, h.principal('hanoiAdmin'), '01');
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      id: hanoiLetter,
      kind: 'new-case',
      recipientKind: 'point-staff',
      attempts: 8,
      lastError: 'http_422:validation_error',
      provinceCode: '01',
    });
    expect(JSON.stringify(letters)).not.toContain('@example.invalid');
    expect(Object.keys(letters[0] ?? {}).sort()).toEqual([
      'attempts',
      'createdAt',
      'failedAt',
      'id',
      'kind',
      'lastError',
      'provinceCode',
      'recipientKind',
    ]);
    expect(await listDeadLettersFor(h.db, h.principal('hanoiAdmin'), null)).toEqual([]);
  });

  it('a dead letter tied to no province is shown to national administrators only', async () => {
    const all = await listDeadLettersFor(h.db, h.principal('nationalAdmin'), null);
    expect(all.map((letter) => letter.id).sort()).toEqual([hanoiLetter, danangLetter, unboundLetter].sort());
    expect(all.find((letter) => letter.id === unboundLetter)?.provinceCode).toBeNull();
    expect(await retryDeadLetterAsAdmin(acting('hanoiAdmin'), unboundLetter)).toBe(false);
  });

  it('"send again" puts it back in the queue, audited; another province’s administrator cannot', async () => {
    expect(await retryDeadLetterAsAdmin(acting('danangAdmin'), hanoiLetter)).toBe(false);
    expect(await retryDeadLetterAsAdmin(acting('hanoiAdmin'), hanoiLetter)).toBe(true);
    const [row] = await h.db.select().from(outbox).where(eq(outbox.id, hanoiLetter));
    expect(row).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    expect(await retryDeadLetterAsAdmin(acting('hanoiAdmin'), hanoiLetter)).toBe(false);
    expect(await auditOf(h.db, 'outbox.retried')).toMatchObject([
      { actorUserId: h.users.hanoiAdmin, provinceCode: '01', detail: 'new-case' },
    ]);
    expect(await retryDeadLetterAsAdmin(acting('nationalAdmin'), unboundLetter)).toBe(true);
    expect((await auditOf(h.db, 'outbox.retried')).at(-1)).toMatchObject({ provinceCode: null, detail: 'invitation' });
  });
});
