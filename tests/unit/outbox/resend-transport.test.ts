import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALREADY_ACCEPTED, createResendTransport } from '#src/features/outbox/resend-transport.server.ts';
import type { OutgoingMail } from '#src/features/outbox/transport.ts';
import { type FakeResend, startFakeResend } from '../../fixtures/fake-resend.ts';

const mail = (overrides: Partial<OutgoingMail> = {}): OutgoingMail => ({
  id: randomUUID(),
  from: 'Hỗ trợ cai nghiện <no-reply@example.invalid>',
  to: 'staff@example.invalid',
  recipientKind: 'point-staff',
  subject: 'Có yêu cầu tư vấn mới cho Trạm Y tế',
  text: 'text',
  html: '<p>html</p>',
  date: new Date(),
  ...overrides,
});

describe('the Resend transport', () => {
  let resend: FakeResend;
  beforeAll(async () => {
    resend = await startFakeResend();
  });
  beforeEach(() => resend.reset());
  afterAll(() => resend.close());

  // Generous, so a loaded machine never turns a normal answer into a timeout; the timeout test sets its own.
  const transport = (timeoutMs = 5_000) =>
    createResendTransport({ apiKey: resend.apiKey, baseUrl: resend.url, timeoutMs });

  it('sends with the row id as the idempotency key', async () => {
    const message = mail();
    const result = await transport().send(message);
    expect(result.ok).toBe(true);
    expect(resend.deliveries.map((delivery) => delivery.idempotencyKey)).toEqual([message.id]);
  });

  it('returns the provider id of the delivery', async () => {
    const result = await transport().send(mail());
    expect(result).toEqual({ ok: true, providerId: resend.deliveries[0]?.id });
  });

  it('delivers once when the same row is sent twice, answering the same id', async () => {
    const message = mail();
    const first = await transport().send(message);
    const second = await transport().send(message);
    expect([resend.deliveries.length, second]).toEqual([1, first]);
  });

  it('counts a second send of the same row with another body as already sent, delivering nothing more', async () => {
    const message = mail();
    await transport().send(message);
    const again = await transport().send({ ...message, subject: 'Reworded since the first attempt' });
    expect([again, resend.deliveries.length]).toEqual([{ ok: true, providerId: ALREADY_ACCEPTED }, 1]);
  });

  it('treats a 500 as retryable', async () => {
    resend.failNext(500);
    expect(await transport().send(mail())).toEqual({
      ok: false,
      retryable: true,
      error: 'http_500:internal_server_error',
    });
  });

  it('treats a 429 as retryable', async () => {
    resend.failNext(429);
    expect(await transport().send(mail())).toEqual({
      ok: false,
      retryable: true,
      error: 'http_429:rate_limit_exceeded',
    });
  });

  it('gives up after its timeout, as retryable', async () => {
    resend.failNext('timeout');
    const started = Date.now();
    expect(await transport(300).send(mail())).toEqual({ ok: false, retryable: true, error: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('treats a validation error as final', async () => {
    expect(await transport().send(mail({ to: 'x@invalid-on-purpose.test' }))).toEqual({
      ok: false,
      retryable: false,
      error: 'http_422:validation_error',
    });
  });

  it('treats an unreachable API as retryable, without throwing', async () => {
    const closed = await startFakeResend();
    await closed.close();
    const result = await createResendTransport({ apiKey: 're_x', baseUrl: closed.url, timeoutMs: 300 }).send(mail());
    expect(result).toEqual({ ok: false, retryable: true, error: 'network' });
  });

  it('treats a refused API key as retryable (the operator can fix it without losing mail)', async () => {
    const result = await createResendTransport({ apiKey: 're_wrong', baseUrl: resend.url, timeoutMs: 5_000 }).send(
      mail(),
    );
    expect(result).toMatchObject({ ok: false, retryable: true, error: 'http_403:invalid_api_key' });
  });
});
