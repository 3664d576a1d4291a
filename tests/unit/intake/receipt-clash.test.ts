/**
 * Two requests drawing the same receipt code (as likely as guessing one, but possible): the database's unique index
 * refuses the second write as a whole, and the handler writes it again with a new code. Nothing of the refused attempt
 * is kept, and both requesters get a working, different code.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handleIntake } from '#src/features/intake/handle-intake.server.ts';
import { findCaseByCode } from '#src/features/intake/case-store.server.ts';
import { createIntakeHarness, intakeRowCounts, validRequest, type IntakeHarness } from './helpers.ts';

const codes: string[] = [];
vi.mock('#src/features/intake/receipt-code.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('#src/features/intake/receipt-code.ts')>();
  return {
    ...original,
    // The codes the test lines up, then random ones again.
    generateReceiptCode: () => codes.shift() ?? original.generateReceiptCode(),
  };
});

let h: IntakeHarness;
beforeAll(async () => {
  h = await createIntakeHarness();
});
afterAll(() => h.cleanup());

const submit = () =>
  handleIntake(validRequest(), { lang: 'vi', clientKey: h.clientKey, gate: false, services: h.services });

describe('a receipt code drawn twice', () => {
  it('writes the second request again with a new code, keeping nothing of the refused attempt', async () => {
    codes.push('AAAABBBBCCCC', 'AAAABBBBCCCC', 'DDDDEEEEFFFF');
    const before = await intakeRowCounts(h.db);
    const first = await submit();
    const second = await submit();
    expect(first.kind).toBe('accepted');
    expect(second.kind).toBe('accepted');
    if (first.kind !== 'accepted' || second.kind !== 'accepted') return;
    expect(first.receiptCode).toBe('AAAA-BBBB-CCCC');
    expect(second.receiptCode).toBe('DDDD-EEEE-FFFF');

    // Exactly two cases, two first events, two notices: the clashing attempt left no row anywhere.
    const after = await intakeRowCounts(h.db);
    for (const table of ['cases', 'case_events', 'case_notices', 'outbox'])
      expect({ table, added: after[table]! - before[table]! }).toEqual({ table, added: 2 });
    expect((await findCaseByCode(h.db, h.keyring, first.receiptCode))?.id).toBe(first.caseId);
    expect((await findCaseByCode(h.db, h.keyring, second.receiptCode))?.id).toBe(second.caseId);
  });
});
