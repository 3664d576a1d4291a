import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents, caseMessages, caseNotices, cases, outbox } from '#src/db/schema/index.ts';
import { seal } from '#src/features/crypto/field-encryption.server.ts';
import { loadKeyring } from '#src/features/crypto/keyring.server.ts';
import { caseMessageContext } from '#src/features/intake/case-store.server.ts';
import { addFollowUp, lookupCase, withdraw } from '#src/features/intake/follow-up.server.ts';
import { handleIntake } from '#src/features/intake/handle-intake.server.ts';
import { formatReceiptCode, generateReceiptCode } from '#src/features/intake/receipt-code.ts';
import { countDueForRetention, runRetention, startRetentionSchedule } from '#src/features/intake/retention.server.ts';
import { createIntakeHarness, validRequest, type IntakeHarness } from './helpers.ts';

let h: IntakeHarness;
beforeAll(async () => {
  h = await createIntakeHarness();
});
afterAll(() => h.cleanup());

/** A new case (through the real handler, gate off); returns its id and receipt code. */
async function newCase(overrides: Record<string, unknown> = {}): Promise<{ id: string; code: string }> {
  const outcome = await handleIntake(validRequest(overrides), {
    lang: 'vi',
    clientKey: h.clientKey,
    gate: false,
    services: h.services,
  });
  if (outcome.kind !== 'accepted') throw new Error(`not accepted: ${outcome.kind}`);
  return { id: outcome.caseId, code: outcome.receiptCode };
}

/** A staff reply, as the console will write it. */
async function staffReply(caseId: string, text: string): Promise<string> {
  const id = randomUUID();
  await h.db.insert(caseMessages).values({
    id,
    caseId,
    sender: 'staff',
    body: seal(h.keyring, text, caseMessageContext(id)),
    createdAt: h.clock.now(),
  });
  return id;
}

async function closeCase(caseId: string): Promise<void> {
  await h.db
    .update(cases)
    .set({ status: 'closed', closedAt: h.clock.now(), outcome: 'counselled' })
    .where(eq(cases.id, caseId));
}

const options = () => ({ services: h.services });

describe('lookupCase', () => {
  it('shows the status, the point and the conversation for the right code, however it is typed', async () => {
    const { code } = await newCase();
    const view = await lookupCase(code.toLowerCase().replaceAll('-', ' '), options());
    expect(view).toMatchObject({
      status: 'new',
      withdrawn: false,
      who: 'family',
      ageBand: '18-24',
      helpWanted: 'counselling',
      messages: [],
    });
    expect(view?.point).toMatchObject({ name: 'Trạm Y tế phường Ba Đình', phones: ['024 3823 1234'] });
  });

  it('gives the same null for malformed, unknown, other-installation and purged codes', async () => {
    const { id, code } = await newCase();
    const wrong = [
      '',
      'hello',
      'x'.repeat(10_000),
      formatReceiptCode(generateReceiptCode()),
      code.slice(0, -1) + (code.endsWith('0') ? '1' : '0'),
      null,
      42,
      { code },
    ];
    for (const candidate of wrong) expect(await lookupCase(candidate, options())).toBeNull();
    // The same code under another keyring (another installation, or a lost key): nothing.
    const foreign = {
      ...h.services,
      keyring: () =>
        loadKeyring({ keyFile: '/nonexistent', intakeEncryptionKey: Buffer.alloc(32, 7).toString('base64') }),
    };
    expect(await lookupCase(code, { services: foreign })).toBeNull();
    await h.db
      .update(cases)
      .set({ payload: null, receiptHash: null, receiptKeyId: null, purgedAt: h.clock.now() })
      .where(eq(cases.id, id));
    expect(await lookupCase(code, options())).toBeNull();
  });

  it('finds a case after the key rotates (the old key still decrypts and still hashes)', async () => {
    const { code } = await newCase();
    await addFollowUp(code, 'trước khi đổi khóa', options());
    const rotated = loadKeyring({
      keyFile: '/nonexistent',
      intakeEncryptionKey: `${Buffer.alloc(32, 9).toString('base64')},${h.keyring.current.key.toString('base64')}`,
    });
    const view = await lookupCase(code, { services: { ...h.services, keyring: () => rotated } });
    expect(view?.messages.map((m) => m.text)).toEqual(['trước khi đổi khóa']);
  });
});

describe('addFollowUp', () => {
  it('adds a sealed message the requester then sees, after the staff replies, oldest first', async () => {
    const { id, code } = await newCase();
    await staffReply(id, 'Chào bạn, điểm đã nhận yêu cầu.');
    h.clock.advanceDays(0.01);
    expect(await addFollowUp(code, '  Cảm ơn,\r\ntôi sẽ chờ.  ', options())).toEqual({ kind: 'added' });
    const view = await lookupCase(code, options());
    expect(view?.messages.map((m) => [m.from, m.text])).toEqual([
      ['staff', 'Chào bạn, điểm đã nhận yêu cầu.'],
      ['requester', 'Cảm ơn,\ntôi sẽ chờ.'],
    ]);
    const rows = await h.db.select({ body: caseMessages.body }).from(caseMessages).where(eq(caseMessages.caseId, id));
    for (const row of rows) expect(Buffer.from(row.body!).includes(Buffer.from('tôi sẽ chờ'))).toBe(false);
  });

  it('checks the text like the first message, and refuses closed and unknown cases', async () => {
    const { id, code } = await newCase();
    expect(await addFollowUp(code, 'a'.repeat(2001), options())).toEqual({
      kind: 'invalid',
      errors: [{ field: 'text', messageKey: 'intake.message.tooLong' }],
    });
    expect(await addFollowUp(code, 'a\u0000', options())).toEqual({
      kind: 'invalid',
      errors: [{ field: 'text', messageKey: 'intake.message.controlChars' }],
    });
    expect(await addFollowUp(code, '   ', options())).toEqual({
      kind: 'invalid',
      errors: [{ field: 'text', messageKey: 'intake.followUp.textRequired' }],
    });
    expect(await addFollowUp('0000-0000-0000', 'xin chào', options())).toEqual({ kind: 'not-found' });
    await closeCase(id);
    expect(await addFollowUp(code, 'xin chào', options())).toEqual({ kind: 'closed', status: 'closed' });
  });
});

describe('withdraw', () => {
  it('deletes the payload, the messages and the notices at once, and records the change', async () => {
    const { id, code } = await newCase();
    await staffReply(id, 'Trả lời của điểm');
    await addFollowUp(code, 'Tin nhắn thêm', options());
    const notices = await h.db.select({ id: caseNotices.outboxId }).from(caseNotices).where(eq(caseNotices.caseId, id));
    expect(notices).toHaveLength(1);

    expect(await withdraw(code, options())).toBe(true);
    const [row] = await h.db.select().from(cases).where(eq(cases.id, id));
    expect(row).toMatchObject({ status: 'withdrawn', payload: null });
    expect(row?.withdrawnAt).not.toBeNull();
    const messages = await h.db.select().from(caseMessages).where(eq(caseMessages.caseId, id));
    expect(messages).toHaveLength(2);
    for (const message of messages) expect(message).toMatchObject({ body: null });
    expect(
      await h.db
        .select()
        .from(outbox)
        .where(
          inArray(
            outbox.id,
            notices.map((n) => n.id),
          ),
        ),
    ).toEqual([]);
    const events = await h.db
      .select({ from: caseEvents.fromStatus, to: caseEvents.toStatus, actor: caseEvents.actorKind })
      .from(caseEvents)
      .where(eq(caseEvents.caseId, id));
    expect(events).toEqual([
      { from: null, to: 'new', actor: 'requester' },
      { from: 'new', to: 'withdrawn', actor: 'requester' },
    ]);

    // The requester still sees that it was withdrawn (until retention purges it), with nothing of its content.
    expect(await lookupCase(code, options())).toMatchObject({ status: 'withdrawn', withdrawn: true, messages: [] });
    expect(await addFollowUp(code, 'again', options())).toEqual({ kind: 'closed', status: 'withdrawn' });
    // Again: harmless, still true; a wrong code: false.
    expect(await withdraw(code, options())).toBe(true);
    expect(await h.db.select().from(caseEvents).where(eq(caseEvents.caseId, id))).toHaveLength(2);
    expect(await withdraw('0000-0000-0000', options())).toBe(false);
  });
});

describe('retention', () => {
  it(
    'purges exactly what is due: N days after closing or withdrawal, and at the maximum age',
    { timeout: 120_000 },
    async () => {
      // A fresh harness so earlier tests' cases do not count.
      const r = await createIntakeHarness();
      try {
        const make = async () => {
          const outcome = await handleIntake(validRequest(), {
            lang: 'vi',
            clientKey: r.clientKey,
            gate: false,
            services: r.services,
          });
          if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
          const id = randomUUID();
          await r.db.insert(caseMessages).values({
            id,
            caseId: outcome.caseId,
            sender: 'staff',
            body: seal(r.keyring, 'reply', caseMessageContext(id)),
            createdAt: r.clock.now(),
          });
          return { id: outcome.caseId, code: outcome.receiptCode };
        };
        const policy = { daysAfterClose: 90, maxAgeDays: 365 };
        const start = r.clock.now();

        const old = await make(); // day 0, never closed: due at day 365
        r.clock.advanceDays(10);
        const closed = await make(); // day 10, closed at day 20: due at day 110
        r.clock.advanceDays(10);
        await r.db.update(cases).set({ status: 'closed', closedAt: r.clock.now() }).where(eq(cases.id, closed.id));
        const withdrawn = await make(); // day 20, withdrawn at day 20: due at day 110
        await withdraw(withdrawn.code, { services: r.services });
        const fresh = await make(); // day 20, open: due at day 385

        r.clock.set(new Date(start.getTime() + 109 * 86_400_000));
        expect(await runRetention(r.database.handle, policy, r.clock)).toEqual({ cases: 0, messages: 0, notices: 0 });

        r.clock.set(new Date(start.getTime() + 111 * 86_400_000));
        expect(await countDueForRetention(r.database.handle, policy, r.clock)).toBe(2);
        // closed: payload, hash, 1 message, 1 notice; withdrawn: hash only (content went at once).
        expect(await runRetention(r.database.handle, policy, r.clock)).toEqual({ cases: 2, messages: 1, notices: 1 });
        expect(await runRetention(r.database.handle, policy, r.clock)).toEqual({ cases: 0, messages: 0, notices: 0 });
        expect(await lookupCase(closed.code, { services: r.services })).toBeNull();
        expect(await lookupCase(withdrawn.code, { services: r.services })).toBeNull();
        expect(await lookupCase(old.code, { services: r.services })).not.toBeNull();
        expect(await lookupCase(fresh.code, { services: r.services })).not.toBeNull();

        r.clock.set(new Date(start.getTime() + 366 * 86_400_000));
        expect(await runRetention(r.database.handle, policy, r.clock)).toEqual({ cases: 1, messages: 1, notices: 1 });
        expect(await lookupCase(old.code, { services: r.services })).toBeNull();
        expect(await lookupCase(fresh.code, { services: r.services })).not.toBeNull();

        // What a purged case keeps: its coarse fields and history; not one encrypted byte, no code hash.
        const [row] = await r.db.select().from(cases).where(eq(cases.id, closed.id));
        expect(row).toMatchObject({
          payload: null,
          receiptHash: null,
          receiptKeyId: null,
          status: 'closed',
          helpWanted: 'counselling',
          provinceCode: '01',
        });
        expect(row?.purgedAt).not.toBeNull();
        const leftovers = await r.db
          .select({ body: caseMessages.body })
          .from(caseMessages)
          .where(inArray(caseMessages.caseId, [old.id, closed.id, withdrawn.id]));
        expect(leftovers.every((m) => m.body === null)).toBe(true);
        const links = await r.db
          .select()
          .from(caseNotices)
          .where(inArray(caseNotices.caseId, [old.id, closed.id, withdrawn.id]));
        expect(links).toEqual([]);
        expect(
          await r.db.select({ id: caseEvents.id }).from(caseEvents).where(eq(caseEvents.caseId, closed.id)),
        ).toHaveLength(1);
      } finally {
        await r.cleanup();
      }
    },
  );

  it('runs on a schedule and can be stopped', async () => {
    const schedule = startRetentionSchedule(
      h.database.handle,
      { retentionDaysAfterClose: 90, retentionMaxAgeDays: 365 },
      { clock: h.clock, firstRunDelayMs: 5, intervalMs: 60_000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await schedule.runNow()).toEqual({ cases: 0, messages: 0, notices: 0 });
    await schedule.stop();
  });
});
