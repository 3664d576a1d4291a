/**
 * The escalation digest: requests not acknowledged within the working days allowed are counted for the province of
 * their point, and the province's administrators get one digest a day (counts and a link, no content) — once, even
 * when several workers run it at the same moment (on PostgreSQL, from separate connections).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalationDigests, outbox, staffProfiles } from '#src/db/schema/index.ts';
import { openPostgres } from '#src/db/postgres.server.ts';
import { runEscalationDigest } from '#src/features/console/escalation/digest.server.ts';
import { openPayload } from '#src/features/outbox/payload.server.ts';
import { fixedClock } from '#src/lib/clock.ts';
import { createAdminHarness, insertCase, outboxOf, type AdminHarness } from './helpers.ts';

let h: AdminHarness;
beforeAll(async () => {
  h = await createAdminHarness();
  // Friday 13 November, 08:00 in Vietnam: two working days later is Tuesday 17 November, 08:00. Overdue on Wednesday.
  await insertCase(h.db, h.points.a, new Date('2026-11-13T01:00:00Z'));
  await insertCase(h.db, h.points.b, new Date('2026-11-12T01:00:00Z'), {
    status: 'acknowledged',
    acknowledgedAt: new Date('2026-11-12T02:00:00Z'),
  });
  // Fresh: not overdue yet.
  await insertCase(h.db, h.points.b, new Date('2026-11-18T01:00:00Z'));
  await insertCase(h.db, h.points.c, new Date('2026-11-18T01:00:00Z'));
});
afterAll(async () => h.cleanup());

const at = (instant: string) => ({ escalationWorkingDays: 2, clock: fixedClock(instant) });
const digests = async () =>
  (await outboxOf(h.db, 'daily-digest')).map((row) => ({
    id: row.id,
    ...openPayload(h.keyring, row.id, row.kind, row.payload),
  }));

describe('the escalation digest', () => {
  it('does nothing before 8 o’clock in Vietnam', async () => {
    const run = await runEscalationDigest(h.database.handle, h.keyring, at('2026-11-18T00:30:00Z'));
    expect(run).toEqual({ date: '2026-11-18', provinces: [], emails: 0, due: false });
    expect(await digests()).toEqual([]);
  });

  it('sends the province’s administrators counts and a link, never a word of a request', async () => {
    const run = await runEscalationDigest(h.database.handle, h.keyring, at('2026-11-18T03:00:00Z'));
    expect(run).toEqual({ date: '2026-11-18', provinces: ['01'], emails: 1, due: true });
    const [mail] = await digests();
    expect(mail?.to).toBe('hanoi@example.invalid');
    expect(mail?.params).toEqual({
      pointName: 'Hà Nội',
      newCases: '2',
      openCases: '3',
      overdueCases: '1',
      date: '2026-11-18',
      consoleUrl: '/quan-ly/diem-ho-tro',
    });
    const [row] = await h.db
      .select()
      .from(outbox)
      .where(eq(outbox.id, mail?.id ?? ''));
    expect(row?.recipientKind).toBe('admin');
    expect(await h.db.select().from(escalationDigests)).toMatchObject([
      { provinceCode: '01', digestDate: '2026-11-18', overdueCases: 1, recipients: 1 },
    ]);
  });

  it('is sent once a day: a second run the same day queues nothing', async () => {
    const run = await runEscalationDigest(h.database.handle, h.keyring, at('2026-11-18T09:00:00Z'));
    expect(run.provinces).toEqual([]);
    expect(await digests()).toHaveLength(1);
  });

  it('is sent once even when workers run it at the same moment', async () => {
    const second = h.database.url === undefined ? h.database.handle : await openPostgres(h.database.url);
    try {
      const runs = await Promise.all(
        [h.database.handle, second, h.database.handle, second].map((handle) =>
          runEscalationDigest(handle, h.keyring, at('2026-11-19T02:00:00Z')),
        ),
      );
      expect(runs.flatMap((run) => run.provinces)).toEqual(['01']);
    } finally {
      if (second !== h.database.handle) await second.close();
    }
    expect((await digests()).filter((mail) => mail.params['date'] === '2026-11-19')).toHaveLength(1);
  });

  it('goes to active administrators only, in their language; a province without one is recorded but sends nothing', async () => {
    await h.db.update(staffProfiles).set({ lang: 'en' }).where(eq(staffProfiles.userId, h.users.hanoiAdmin));
    await insertCase(h.db, h.points.c, new Date('2026-11-13T01:00:00Z'));
    await h.db
      .update(staffProfiles)
      .set({ disabledAt: h.clock.now() })
      .where(eq(staffProfiles.userId, h.users.danangAdmin));
    const run = await runEscalationDigest(h.database.handle, h.keyring, at('2026-11-20T02:00:00Z'));
    expect(run).toMatchObject({ provinces: ['01', '48'], emails: 1 });
    const today = (await digests()).filter((mail) => mail.params['date'] === '2026-11-20');
    expect(today).toHaveLength(1);
    expect(today[0]).toMatchObject({ to: 'hanoi@example.invalid', lang: 'en' });
    expect(today[0]?.params['consoleUrl']).toBe('/en/console/points');
    const rows = await h.db.select().from(escalationDigests).where(eq(escalationDigests.digestDate, '2026-11-20'));
    expect(rows.map((row) => [row.provinceCode, row.recipients]).sort()).toEqual([
      ['01', 1],
      ['48', 0],
    ]);
  });
});
