/** The numbers behind the counts page: 12 weeks in Vietnam's time, by help wanted and outcome, and medians. */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseMessages, cases } from '#src/db/schema/index.ts';
import { countsByProvince, loadCaseCounts, weekLabel, weekStarts } from '#src/features/console/admin/counts.server.ts';
import { createAdminHarness, insertCase, type AdminHarness } from './helpers.ts';

const HOUR = 3_600_000;
let h: AdminHarness;

describe('weeks', () => {
  it('are 12, Monday to Sunday in Vietnam, the current one last', () => {
    // Monday 00:30 in Vietnam is still Sunday in UTC: the week is the one starting that Monday.
    const starts = weekStarts(new Date('2026-11-15T17:30:00Z'));
    expect(starts).toHaveLength(12);
    expect(weekLabel(starts[11] ?? new Date())).toBe('2026-11-16');
    expect(weekLabel(starts[0] ?? new Date())).toBe('2026-08-31');
    expect(starts[11]?.toISOString()).toBe('2026-11-15T17:00:00.000Z');
    expect(weekLabel(weekStarts(new Date('2026-11-15T16:59:00Z'))[11] ?? new Date())).toBe('2026-11-09');
  });
});

describe('case counts', () => {
  beforeAll(async () => {
    h = await createAdminHarness();
    const now = h.clock.now(); // Wednesday 18 November 2026, 10:00 in Vietnam
    const monday = new Date('2026-11-15T17:00:00Z');
    // Six this week at point A (Hà Nội): acknowledged after 1…6 hours; five of them answered after 2, 4, 6, 8, 10 hours.
    for (let index = 1; index <= 6; index += 1) {
      const created = new Date(monday.getTime() + index * HOUR);
      const id = await insertCase(h.db, h.points.a, created, {
        status: index <= 5 ? 'closed' : 'acknowledged',
        acknowledgedAt: new Date(created.getTime() + index * HOUR),
        ...(index <= 5
          ? { closedAt: new Date(created.getTime() + 20 * HOUR), outcome: index === 5 ? 'other' : 'counselled' }
          : {}),
      });
      if (index <= 5) {
        for (const after of [index * 2, index * 2 + 1])
          await h.db.insert(caseMessages).values({
            id: randomUUID(),
            caseId: id,
            sender: 'staff',
            body: Buffer.from('sealed'),
            createdAt: new Date(created.getTime() + after * HOUR),
          });
      }
    }
    // Two last week at point B (Hà Nội), methadone; one 13 weeks ago (outside the period); one in Đà Nẵng.
    await insertCase(h.db, h.points.b, new Date(monday.getTime() - 3 * 24 * HOUR), { helpWanted: 'methadone' });
    await insertCase(h.db, h.points.b, new Date(monday.getTime() - 2 * 24 * HOUR), { helpWanted: 'methadone' });
    await insertCase(h.db, h.points.a, new Date(now.getTime() - 13 * 7 * 24 * HOUR));
    await insertCase(h.db, h.points.c, new Date(now.getTime() - HOUR));
  });
  afterAll(async () => h.cleanup());

  it('counts a province’s requests by week, by help wanted and by outcome', async () => {
    const counts = await loadCaseCounts(h.db, '01', h.clock.now());
    expect(counts.weeks.map((week) => week.count)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 6]);
    expect(counts.weeks[11]?.start).toBe('2026-11-16');
    expect(counts.total).toBe(8);
    expect(Object.fromEntries(counts.byHelp.map((row) => [row.code, row.count]))).toMatchObject({
      counselling: 6,
      methadone: 2,
      'not-sure': 0,
    });
    expect(Object.fromEntries(counts.byOutcome.map((row) => [row.code, row.count]))).toMatchObject({
      counselled: 4,
      other: 1,
      'could-not-reach': 0,
    });
    expect(counts.closed).toBe(5);
  });

  it('gives the median hours to acknowledgement and to the first staff reply', async () => {
    const counts = await loadCaseCounts(h.db, '01', h.clock.now());
    expect(counts.acknowledgement).toEqual({ cases: 6, medianHours: 3.5 });
    expect(counts.firstReply).toEqual({ cases: 5, medianHours: 6 });
  });

  it('counts a case in the province of the point that holds it; the country is every province', async () => {
    expect((await loadCaseCounts(h.db, '48', h.clock.now())).total).toBe(1);
    expect((await loadCaseCounts(h.db, null, h.clock.now())).total).toBe(9);
    expect(Object.fromEntries(await countsByProvince(h.db, h.clock.now()))).toEqual({ '01': 8, '48': 1 });
  });

  it('reads no text: a purged case still counts', async () => {
    await h.db
      .update(cases)
      .set({ payload: null, receiptHash: null, receiptKeyId: null, purgedAt: h.clock.now() })
      .where(eq(cases.pointId, h.points.c));
    expect((await loadCaseCounts(h.db, '48', h.clock.now())).total).toBe(1);
  });
});
