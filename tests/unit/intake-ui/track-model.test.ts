import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '#src/db/schema/index.ts';
import { handleIntake } from '#src/features/intake/handle-intake.server.ts';
import { intakeMessage } from '#src/features/intake/messages.ts';
import { buildTrackModel, type TrackModel } from '#src/features/intake/views/track-model.server.ts';
import { createIntakeHarness, validRequest, type IntakeHarness } from '../intake/helpers.ts';
import { contextFor, formPost, withLimits } from './helpers.ts';

let h: IntakeHarness;
beforeAll(async () => {
  h = await createIntakeHarness();
});
afterAll(() => h.cleanup());

async function newCase(): Promise<{ id: string; code: string }> {
  const outcome = await handleIntake(validRequest({ message: 'Lời nhắn đầu tiên, riêng tư' }), {
    lang: 'vi',
    clientKey: h.clientKey,
    gate: false,
    services: h.services,
  });
  if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
  return { id: outcome.caseId, code: outcome.receiptCode };
}

const track = async (
  fields: Record<string, string>,
  services = h.services,
  proof: () => Promise<string> = () => h.proof(),
) => buildTrackModel(contextFor(h, formPost('/theo-doi', { altcha: await proof(), ...fields }), services), 'vi');

function step<S extends TrackModel['view']['step']>(
  model: TrackModel,
  name: S,
): Extract<TrackModel['view'], { step: S }> {
  expect(model.view.step).toBe(name);
  return model.view as Extract<TrackModel['view'], { step: S }>;
}

describe('the follow-up page', () => {
  it('shows the case for its code, however it is typed, without the first message', async () => {
    const { code } = await newCase();
    const view = step(await track({ code: code.toLowerCase().replaceAll('-', ' ') }), 'case');
    expect(view.view).toMatchObject({ status: 'new', point: { name: 'Trạm Y tế phường Ba Đình' }, messages: [] });
    expect(JSON.stringify(view)).not.toContain('Lời nhắn đầu tiên');
    expect(JSON.stringify(view)).not.toContain('0912345678');
  });

  it('answers a wrong code the same way whatever is wrong with it, keeping what was typed', async () => {
    const answers = [];
    for (const code of ['0000-0000-0000', 'not a code', 'ILO0-0000-000', '7KQM-2W9D-X4TB-EXTRA']) {
      const model = await track({ code });
      expect(model.status).toBe(200);
      const view = step(model, 'code');
      expect(view.code).toBe(code);
      answers.push(view.errors);
    }
    for (const errors of answers)
      expect(errors).toEqual([{ field: 'code', message: intakeMessage('intake.followUp.codeInvalid', 'vi') }]);
  });

  it('asks for the code when none is given, without counting a look-up', async () => {
    const view = step(await track({ code: '  ' }), 'code');
    expect(view.errors).toEqual([{ field: 'code', message: 'Nhập mã tra cứu, ví dụ 7KQM-2W9D-X4TB' }]);
  });

  it('adds a follow-up message, and shows an error in the field’s words when it is empty', async () => {
    const { code } = await newCase();
    const empty = step(await track({ code, action: 'add', text: '   ' }), 'case');
    expect(empty.errors).toEqual([{ field: 'text', message: intakeMessage('intake.followUp.textRequired', 'vi') }]);
    const added = step(await track({ code, action: 'add', text: 'Cảm ơn, tôi chờ.' }), 'case');
    expect(added.added).toBe(true);
    expect(added.text).toBe('');
    expect(added.view.messages.map((message) => [message.from, message.text])).toEqual([
      ['requester', 'Cảm ơn, tôi chờ.'],
    ]);
  });

  it('asks for confirmation before withdrawing, reading nothing, then deletes the content at once', async () => {
    const { id, code } = await newCase();
    // The confirmation needs no proof and reads nothing: any code gets it.
    const confirm = await buildTrackModel(contextFor(h, formPost('/theo-doi', { code, action: 'withdraw-ask' })), 'vi');
    expect(step(confirm, 'confirm-withdraw').code).toBe(code);
    expect(step(await track({ code, action: 'withdraw' }), 'withdrawn')).toEqual({ step: 'withdrawn' });
    const [row] = await h.db
      .select({ status: cases.status, payload: cases.payload })
      .from(cases)
      .where(eq(cases.id, id));
    expect(row).toEqual({ status: 'withdrawn', payload: null });
    expect(step(await track({ code }), 'case').view.status).toBe('withdrawn');
    expect(step(await track({ code: '0000-0000-0000', action: 'withdraw' }), 'code').errors).toHaveLength(1);
  });

  it('needs a proof for every look-up, and counts each against the track limiter', async () => {
    const { code } = await newCase();
    const missing = await buildTrackModel(contextFor(h, formPost('/theo-doi', { code })), 'vi');
    expect(missing.status).toBe(403);
    expect(step(missing, 'code')).toMatchObject({ code, notice: { kind: 'proof' } });

    const limited = withLimits(h, { track: [{ points: 2, durationSeconds: 600 }] });
    try {
      expect((await track({ code }, limited.services, limited.proof)).view.step).toBe('case');
      expect((await track({ code: '0000-0000-0000' }, limited.services, limited.proof)).view.step).toBe('code');
      const refused = await track({ code }, limited.services, limited.proof);
      expect(refused.status).toBe(429);
      expect(step(refused, 'code').notice).toEqual({ kind: 'rate-limited', minutes: 10 });
      const refusedWithdraw = await track({ code, action: 'withdraw' }, limited.services, limited.proof);
      expect(step(refusedWithdraw, 'confirm-withdraw').notice).toEqual({ kind: 'rate-limited', minutes: 10 });
    } finally {
      await limited.close();
    }
  });
});
