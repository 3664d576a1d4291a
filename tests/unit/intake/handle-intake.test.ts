import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents, caseNotices, cases, outbox } from '#src/db/schema/index.ts';
import { openPayload } from '#src/features/outbox/payload.server.ts';
import { openCasePayload } from '#src/features/intake/case-store.server.ts';
import { handleIntake, noticePointName, previewRouting } from '#src/features/intake/handle-intake.server.ts';
import { lookupCase } from '#src/features/intake/follow-up.server.ts';
import { normalizeReceiptCode, RECEIPT_CODE_PATTERN } from '#src/features/intake/receipt-code.ts';
import { allRows, createIntakeHarness, intakeRowCounts, validRequest, type IntakeHarness } from './helpers.ts';

let h: IntakeHarness;
beforeAll(async () => {
  h = await createIntakeHarness();
});
afterAll(() => h.cleanup());

const submit = async (body: Record<string, unknown>, gate = true) =>
  handleIntake(gate ? { ...body, altcha: await h.proof() } : body, {
    lang: 'vi',
    clientKey: h.clientKey,
    gate,
    services: h.services,
  });

describe('handleIntake', () => {
  it('accepts a request: the case, its first event and the staff notice in one go, and a receipt code', async () => {
    const before = await intakeRowCounts(h.db);
    const outcome = await submit(validRequest());
    expect(outcome.kind).toBe('accepted');
    if (outcome.kind !== 'accepted') return;
    expect(outcome.receiptCode).toMatch(RECEIPT_CODE_PATTERN);
    expect(outcome.routing).toMatchObject({ reason: 'in-commune', helpWanted: 'counselling' });
    expect(outcome.routing.point).toMatchObject({
      id: h.pointIds[0],
      name: 'Trạm Y tế phường Ba Đình',
      operatorKind: 'health-station',
      phones: ['024 3823 1234'],
      isDemo: false,
    });
    const after = await intakeRowCounts(h.db);
    expect(after).toEqual({
      ...before,
      cases: before['cases']! + 1,
      case_events: before['case_events']! + 1,
      case_notices: before['case_notices']! + 1,
      outbox: before['outbox']! + 1,
    });

    const [row] = await h.db.select().from(cases).where(eq(cases.id, outcome.caseId));
    expect(row).toMatchObject({
      pointId: h.pointIds[0],
      routingReason: 'in-commune',
      helpWanted: 'counselling',
      requesterKind: 'family',
      ageBand: '18-24',
      communeCode: '00004',
      provinceCode: '01',
      status: 'new',
      lang: 'vi',
      receiptKeyId: h.keyring.current.id,
      purgedAt: null,
    });
    expect(row?.createdAt.toISOString()).toBe(h.clock.now().toISOString());
    // The payload is sealed and bound to this case.
    expect(openCasePayload(h.keyring, outcome.caseId, row!.payload!)).toEqual({
      message: 'Con tôi dạo này hay bỏ học, tôi lo lắm.',
      contact: { kind: 'phone', value: '0912345678' },
      preferredTime: 'evening',
    });
    const [event] = await h.db.select().from(caseEvents).where(eq(caseEvents.caseId, outcome.caseId));
    expect(event).toMatchObject({ fromStatus: null, toStatus: 'new', actorKind: 'requester' });

    const [link] = await h.db.select().from(caseNotices).where(eq(caseNotices.caseId, outcome.caseId));
    const [notice] = await h.db.select().from(outbox).where(eq(outbox.id, link!.outboxId));
    expect(notice).toMatchObject({ kind: 'new-case', recipientKind: 'point-staff', status: 'pending' });
    const sealed = openPayload(h.keyring, notice!.id, notice!.kind, notice!.payload);
    expect(sealed).toEqual({
      to: 'tram-ba-dinh@example.invalid',
      lang: 'vi',
      params: { pointName: 'Trạm Y tế phường Ba Đình', consoleUrl: `/quan-ly/yeu-cau/${outcome.caseId}` },
    });
  });

  it('stores only the keyed hash of the receipt code, never the code', async () => {
    const outcome = await submit(validRequest());
    if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
    const canonical = normalizeReceiptCode(outcome.receiptCode)!;
    const rows = await allRows(h.db, 'cases');
    const mine = rows.find((r) => r['id'] === outcome.caseId)!;
    expect(Buffer.from(mine['receipt_hash'] as Uint8Array)).toHaveLength(32);
    for (const value of Object.values(mine)) {
      const text = value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : String(value);
      expect(text.toUpperCase()).not.toContain(canonical);
    }
    // And the code finds the case.
    expect((await lookupCase(outcome.receiptCode, { services: h.services }))?.status).toBe('new');
  });

  it('stores no payload when the requester wrote nothing optional', async () => {
    const outcome = await submit({ who: 'self', communeCode: '00004', helpWanted: 'not-sure', ageBand: 'unknown' });
    if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
    const [row] = await h.db.select({ payload: cases.payload }).from(cases).where(eq(cases.id, outcome.caseId));
    expect(row?.payload).toBeNull();
  });

  it('routes by the help wanted and records why', async () => {
    const methadone = await submit(validRequest({ helpWanted: 'methadone' }));
    expect(methadone.kind === 'accepted' && methadone.routing).toMatchObject({
      reason: 'nearest-anywhere',
      point: { id: h.pointIds[2] },
    });
    const rehab = await submit(validRequest({ helpWanted: 'voluntary-rehab' }));
    expect(rehab.kind === 'accepted' && rehab.routing).toMatchObject({
      reason: 'nearest-in-province',
      point: { id: h.pointIds[1] },
    });
    const { communeCode: _, ...rest } = validRequest();
    const byPosition = await submit({ ...rest, position: { lat: 21.0364, lon: 105.8379 } });
    expect(byPosition.kind === 'accepted' && byPosition.routing.point.id).toBe(h.pointIds[0]);
    if (byPosition.kind !== 'accepted') return;
    const [row] = await h.db
      .select({ commune: cases.communeCode, province: cases.provinceCode, reason: cases.routingReason })
      .from(cases)
      .where(eq(cases.id, byPosition.caseId));
    expect(row).toEqual({ commune: '00004', province: '01', reason: 'in-commune' });
  });

  it('answers invalid with the field errors and writes nothing', async () => {
    const before = await intakeRowCounts(h.db);
    const outcome = await submit(validRequest({ who: 'boss', message: 'x'.repeat(3000), extra: 1 }));
    expect(outcome).toEqual({
      kind: 'invalid',
      errors: [
        { field: 'who', messageKey: 'intake.who.invalid' },
        { field: 'message', messageKey: 'intake.message.tooLong' },
        { field: 'extra', messageKey: 'intake.field.unknown' },
      ],
    });
    expect(await intakeRowCounts(h.db)).toEqual(before);
  });

  it('runs the gate first: no proof, a reused proof, the honeypot are refused before validation', async () => {
    const before = await intakeRowCounts(h.db);
    const ctx = { lang: 'vi' as const, clientKey: h.clientKey, gate: true, services: h.services };
    expect(await handleIntake(validRequest(), ctx)).toEqual({ kind: 'refused', reason: 'proof-missing' });
    expect(await handleIntake({ not: 'valid' }, ctx)).toEqual({ kind: 'refused', reason: 'proof-missing' });
    expect(await handleIntake({ ...validRequest(), altcha: 'forged' }, ctx)).toMatchObject({
      kind: 'refused',
      reason: 'proof-invalid',
    });
    const altcha = await h.proof();
    expect((await handleIntake({ ...validRequest(), altcha }, ctx)).kind).toBe('accepted');
    expect(await handleIntake({ ...validRequest(), altcha }, ctx)).toMatchObject({
      kind: 'refused',
      reason: 'proof-reused',
    });
    expect(await handleIntake({ ...validRequest(), altcha: await h.proof(), website: 'http://spam' }, ctx)).toEqual({
      kind: 'refused',
      reason: 'honeypot',
    });
    const after = await intakeRowCounts(h.db);
    expect(after['cases']).toBe(before['cases']! + 1);
  });

  it('takes the HTML form as FormData (the same handler)', async () => {
    const form = new FormData();
    for (const [name, value] of Object.entries({
      who: 'friend',
      communeCode: '00004',
      helpWanted: 'counselling',
      ageBand: '12-17',
      message: 'Bạn tôi\r\ncần giúp',
      contactKind: 'email',
      contactValue: 'ban@example.com',
      preferredTime: 'any',
      altcha: await h.proof(),
      website: '',
    })) {
      form.append(name, value);
    }
    const outcome = await handleIntake(form, { lang: 'en', clientKey: h.clientKey, gate: true, services: h.services });
    expect(outcome.kind).toBe('accepted');
    if (outcome.kind !== 'accepted') return;
    const [row] = await h.db
      .select({ lang: cases.lang, payload: cases.payload })
      .from(cases)
      .where(eq(cases.id, outcome.caseId));
    expect(row?.lang).toBe('en');
    expect(openCasePayload(h.keyring, outcome.caseId, row!.payload!)).toEqual({
      message: 'Bạn tôi\ncần giúp',
      contact: { kind: 'email', value: 'ban@example.com' },
      preferredTime: 'any',
    });
  });

  it('previews the routing without writing anything', async () => {
    const before = await intakeRowCounts(h.db);
    const preview = await previewRouting(
      { communeCode: '00004', helpWanted: 'voluntary-rehab', who: 'ignored' },
      { services: h.services },
    );
    expect(preview).toMatchObject({
      kind: 'routed',
      routing: {
        reason: 'nearest-in-province',
        point: { name: 'Điểm tư vấn cộng đồng Hoàn Kiếm', operatorKind: 'community-point' },
      },
    });
    expect(await previewRouting({ communeCode: '123' }, { services: h.services })).toEqual({
      kind: 'invalid',
      errors: [
        { field: 'communeCode', messageKey: 'intake.communeCode.invalid' },
        { field: 'helpWanted', messageKey: 'intake.helpWanted.required' },
      ],
    });
    expect(await intakeRowCounts(h.db)).toEqual(before);
  });

  it('keeps point names that the outbox would refuse from blocking requests', () => {
    expect(noticePointName('Trạm Y tế xã A', 'Org')).toBe('Trạm Y tế xã A');
    expect(noticePointName('Điểm 0912345678', 'Trung tâm Y tế B')).toBe('Trung tâm Y tế B');
    expect(noticePointName('a@b', 'c@d')).toBe('điểm hỗ trợ');
  });
});

describe('handleIntake without any suitable point', () => {
  let empty: IntakeHarness;
  beforeAll(async () => {
    empty = await createIntakeHarness({ points: [] });
  });
  afterAll(() => empty.cleanup());

  it('answers no-point with the province, and writes nothing', async () => {
    const outcome = await handleIntake(
      { ...validRequest(), altcha: await empty.proof() },
      { lang: 'vi', clientKey: empty.clientKey, gate: true, services: empty.services },
    );
    expect(outcome).toEqual({ kind: 'no-point', provinceCode: '01' });
    expect(Object.values(await intakeRowCounts(empty.db)).every((n) => n === 0)).toBe(true);
  });
});
