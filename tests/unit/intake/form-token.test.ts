/**
 * A receipt that cannot be lost or doubled (issue 19, item 1), on the engine of TEST_DB_ENGINE: one form token writes
 * one case however often it is sent — again, at once, with the same or another proof — and a resend shows the same
 * receipt for 15 minutes, then "already sent"; an edited message gets "already sent" at once. The code is kept only
 * sealed under a key derived from the token.
 */
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, intakeFormTokens } from '#src/db/schema/index.ts';
import { handleIntakeApiRequest } from '#src/features/intake/api.server.ts';
import { withdraw } from '#src/features/intake/follow-up.server.ts';
import { handleIntake } from '#src/features/intake/handle-intake.server.ts';
import { intakeMessage } from '#src/features/intake/messages.ts';
import { formTokenLookupHashes, newFormToken, RESEND_MINUTES } from '#src/features/intake/form-token.server.ts';
import { normalizeReceiptCode } from '#src/features/intake/receipt-code.ts';
import { runRetention } from '#src/features/intake/retention.server.ts';
import type { IntakeOutcome } from '#src/features/intake/types.ts';
import { createIntakeHarness, intakeRowCounts, validRequest, type IntakeHarness } from './helpers.ts';

let h: IntakeHarness;
beforeAll(async () => {
  h = await createIntakeHarness();
});
afterAll(() => h.cleanup());

const send = (body: Record<string, unknown>) =>
  handleIntake(body, { lang: 'vi', clientKey: h.clientKey, gate: true, services: h.services });

function codeOf(outcome: IntakeOutcome): string {
  if (outcome.kind !== 'accepted') throw new Error(`expected a receipt, got ${JSON.stringify(outcome)}`);
  return outcome.receiptCode;
}

async function casesOfToken(): Promise<number> {
  return (await intakeRowCounts(h.db))['cases'] ?? 0;
}

describe('one form token, one case', () => {
  it('a resend with a fresh proof (another instance, JavaScript on) shows the same receipt and writes nothing', async () => {
    const formToken = newFormToken();
    const before = await casesOfToken();
    const first = await send({ ...validRequest(), formToken, altcha: await h.proof() });
    const again = await send({ ...validRequest(), formToken, altcha: await h.proof() });
    expect(codeOf(again)).toBe(codeOf(first));
    expect(again).toMatchObject({ kind: 'accepted', again: true, routing: { point: { id: h.pointIds[0] } } });
    expect(await casesOfToken()).toBe(before + 1);
  });

  it('a reload (the same proof sent again) is never "too early": the same receipt', async () => {
    const formToken = newFormToken();
    const altcha = await h.proof();
    const before = await casesOfToken();
    const first = await send({ ...validRequest(), formToken, altcha });
    const reload = await send({ ...validRequest(), formToken, altcha });
    expect(reload.kind).toBe('accepted');
    expect(codeOf(reload)).toBe(codeOf(first));
    expect(await casesOfToken()).toBe(before + 1);
  });

  it('two concurrent sends of one token write one case and both show its receipt (same proof, and two proofs)', async () => {
    for (const sameProof of [true, false]) {
      const formToken = newFormToken();
      const before = await casesOfToken();
      const proof = await h.proof();
      const outcomes = await Promise.all([
        send({ ...validRequest(), formToken, altcha: proof }),
        send({ ...validRequest(), formToken, altcha: sameProof ? proof : await h.proof() }),
      ]);
      expect(await casesOfToken()).toBe(before + 1);
      expect(codeOf(outcomes[0]!)).toBe(codeOf(outcomes[1]!));
    }
  });

  it('after 15 minutes, or with an edited message, says "already sent" (no second case, no receipt)', async () => {
    const formToken = newFormToken();
    const before = await casesOfToken();
    codeOf(await send({ ...validRequest(), formToken, altcha: await h.proof() }));
    const edited = await send({
      ...validRequest({ message: 'Tôi muốn sửa lời nhắn' }),
      formToken,
      altcha: await h.proof(),
    });
    expect(edited).toEqual({ kind: 'already-sent' });
    h.clock.set(new Date(h.clock.now().getTime() + (RESEND_MINUTES * 60 + 1) * 1000));
    const late = await send({ ...validRequest(), formToken, altcha: await h.proof() });
    expect(late).toEqual({ kind: 'already-sent' });
    expect(await casesOfToken()).toBe(before + 1);
    // The expired receipt is deleted.
    const [mine] = await h.db
      .select()
      .from(intakeFormTokens)
      .where(inArray(intakeFormTokens.tokenHash, formTokenLookupHashes(h.keyring, formToken)));
    expect(mine).toMatchObject({ resend: null, resendUntil: null });
    h.clock.set(new Date());
  });

  it('keeps the token only as a keyed hash and the code only sealed under a key derived from the token', async () => {
    const formToken = newFormToken();
    const code = codeOf(await send({ ...validRequest(), formToken, altcha: await h.proof() }));
    const canonical = normalizeReceiptCode(code)!;
    const rows = await h.db.select().from(intakeFormTokens);
    const text = JSON.stringify(
      rows.map((row) =>
        Object.values(row).map((v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : String(v))),
      ),
    );
    expect(text).not.toContain(formToken);
    expect(text.toUpperCase()).not.toContain(canonical);
    expect(text).not.toContain(code);
    // Each token row belongs to one case.
    for (const row of rows) {
      const [owner] = await h.db.select({ id: cases.id }).from(cases).where(eq(cases.id, row.caseId));
      expect(owner?.id).toBe(row.caseId);
    }
  });

  it('the retention run clears receipts kept past their 15 minutes', async () => {
    const formToken = newFormToken();
    codeOf(await send({ ...validRequest(), formToken, altcha: await h.proof() }));
    const later = { now: () => new Date(Date.now() + (RESEND_MINUTES + 1) * 60_000) };
    await runRetention(h.database.handle, { daysAfterClose: 30, maxAgeDays: 365 }, later);
    const kept = await h.db.select().from(intakeFormTokens);
    expect(kept.map((row) => [row.resend, row.resendUntil])).toEqual(kept.map(() => [null, null]));
  });

  it('a withdrawal within the 15 minutes deletes the sealed receipt at once; a resend then writes nothing and says it was withdrawn', async () => {
    const formToken = newFormToken();
    const code = codeOf(await send({ ...validRequest(), formToken, altcha: await h.proof() }));
    const mine = () =>
      h.db
        .select({ resend: intakeFormTokens.resend, resendUntil: intakeFormTokens.resendUntil })
        .from(intakeFormTokens)
        .where(inArray(intakeFormTokens.tokenHash, formTokenLookupHashes(h.keyring, formToken)));
    expect((await mine())[0]?.resend).not.toBeNull();
    const before = await casesOfToken();
    expect(await withdraw(code, { services: h.services })).toBe(true);
    // What is really stored: the token's row stays (one form, one case), its sealed receipt is gone.
    expect(await mine()).toEqual([{ resend: null, resendUntil: null }]);
    const again = await send({ ...validRequest(), formToken, altcha: await h.proof() });
    expect(again).toEqual({ kind: 'withdrawn' });
    expect(await casesOfToken()).toBe(before);
    // The API answers 409 with the withdrawal's own words, in the request's language.
    for (const lang of ['vi', 'en'] as const) {
      const response = await handleIntakeApiRequest(
        new Request(`http://localhost/api/intake?lang=${lang}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...validRequest(), formToken, altcha: await h.proof() }),
        }),
        { clientKey: async () => h.clientKey, services: h.services },
      );
      expect(response.status).toBe(409);
      expect(await response.json()).toEqual({
        errors: [{ field: 'formToken', message: intakeMessage('intake.withdrawnResend', lang) }],
      });
    }
    expect(intakeMessage('intake.withdrawnResend', 'vi')).not.toBe(intakeMessage('intake.withdrawnResend', 'en'));
    expect(await casesOfToken()).toBe(before);
  });
});
