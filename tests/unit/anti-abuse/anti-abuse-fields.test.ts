import { randomBytes } from 'node:crypto';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HONEYPOT_FIELD } from '#src/features/anti-abuse/honeypot.ts';
import { closeAntiAbuse, getAntiAbuse } from '#src/features/anti-abuse/services.server.ts';
import AntiAbuseFields from '#src/features/anti-abuse/ui/AntiAbuseFields.astro';

let container: AstroContainer;
beforeAll(async () => {
  vi.stubEnv('INTAKE_ENCRYPTION_KEY', randomBytes(32).toString('base64'));
  vi.stubEnv('REDIS_URL', '');
  container = await AstroContainer.create();
});
afterAll(async () => {
  await closeAntiAbuse();
  vi.unstubAllEnvs();
});

const props = {
  purpose: 'intake',
  honeypotLabel: 'Để trống ô này',
  working: 'Đang kiểm tra…',
  done: 'Sẵn sàng gửi.',
  failed: 'Không kiểm tra được.',
};

describe('the anti-abuse fields of a form', () => {
  it('carry the honeypot, a fresh fallback token for the form, and the proof-of-work island with an empty altcha field', async () => {
    const html = await container.renderToString(AntiAbuseFields, { props });
    expect(html).toContain(`name="${HONEYPOT_FIELD}"`);
    expect(html).toMatch(/<input type="hidden" name="altcha" value=""/);
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain('<proof-of-work');
    expect(html).not.toMatch(/ style="/);
    const token = /name="fallback" value="([^"]+)"/.exec(html)?.[1];
    expect(token).toMatch(/^f1\./);
    // Issued for this form: the intake handler accepts it (after the minimum fill time), another form does not.
    const { fallback } = await getAntiAbuse();
    expect(await fallback.verify(token, 'track')).toEqual({ ok: false, reason: 'invalid' });
    expect(await fallback.verify(token, 'intake')).toEqual({ ok: false, reason: 'too-early' });
  });

  it('issue a different token on every render', async () => {
    const first = await container.renderToString(AntiAbuseFields, { props });
    const second = await container.renderToString(AntiAbuseFields, { props });
    const token = (html: string) => /name="fallback" value="([^"]+)"/.exec(html)?.[1];
    expect(token(first)).not.toBe(token(second));
  });
});
