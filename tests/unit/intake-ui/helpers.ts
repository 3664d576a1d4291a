/**
 * Requests and contexts for the intake pages' models, on the intake harness (a fresh test database with three points,
 * a cheap proof of work, an in-memory keyring).
 */
import { randomBytes } from 'node:crypto';
import { createAntiAbuse } from '#src/features/anti-abuse/services.server.ts';
import type { RateWindow } from '#src/features/anti-abuse/rate-limits.server.ts';
import type { IntakeServices } from '#src/features/intake/services.server.ts';
import type { AskContext } from '#src/features/intake/views/ask-model.server.ts';
import { FAST_POW } from '../../setup/solve-pow.ts';
import type { IntakeHarness } from '../intake/helpers.ts';

export const ORIGIN = 'http://localhost:4321';

/** A POST of `fields` as a browser sends a form (URL-encoded, with its Origin). */
export function formPost(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...headers },
  });
}

/** The model context for `request`, on the harness's services (or others). */
export function contextFor(h: IntakeHarness, request: Request, services: IntakeServices = h.services): AskContext {
  return { request, url: new URL(request.url), clientKey: async () => h.clientKey, siteUrl: undefined, services };
}

/** The harness's services with rate limits of their own (same keyring, so proofs and tokens still verify). */
export function withLimits(
  h: IntakeHarness,
  limits: { intake?: readonly RateWindow[]; track?: readonly RateWindow[] },
): {
  services: IntakeServices;
  proof(): Promise<string>;
  close(): Promise<void>;
} {
  const antiAbuse = createAntiAbuse({
    keyring: h.keyring,
    keyPrefix: `test:${randomBytes(4).toString('hex')}:`,
    clock: h.clock,
    proofOfWork: FAST_POW,
    limits,
  });
  return {
    services: { ...h.services, antiAbuse: async () => antiAbuse },
    proof: async () => {
      const { solvePow } = await import('../../setup/solve-pow.ts');
      return solvePow(await antiAbuse.proofOfWork.createChallenge());
    },
    close: () => antiAbuse.close(),
  };
}

/** A complete, valid form (the fill step's fields). */
export function validForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    who: 'family',
    q: 'Phường Ba Đình, Hà Nội',
    helpWanted: 'counselling',
    ageBand: '18-24',
    message: 'Con tôi dạo này hay bỏ học.\r\nTôi lo lắm.',
    contactKind: 'phone',
    contactValue: '0912 345 678',
    preferredTime: 'evening',
    ...overrides,
  };
}
