/**
 * The portal checks proofs with its own `node:crypto` code (`verifySignedSolution`), not altcha-lib's WebCrypto
 * `verifySolution`, because that was most of an intake's proof cost. The two must give the same verdict on every
 * proof: genuine ones, and ones changed in any field a forger could touch.
 */
import { createChallenge, solveChallenge, verifySolution, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import fc from 'fast-check';
import { createSecretKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parsePayload, POW_ALGORITHM, verifySignedSolution } from '#src/features/anti-abuse/proof-of-work.server.ts';

const SIGNATURE_SECRET = 'a1'.repeat(32);
const KEY_SIGNATURE_SECRET = 'b2'.repeat(32);
const ours = {
  signatureKey: createSecretKey(Buffer.from(SIGNATURE_SECRET)),
  keySignatureKey: createSecretKey(Buffer.from(KEY_SIGNATURE_SECRET)),
};

type Proof = {
  challenge: { parameters: Record<string, unknown>; signature: string };
  solution: { counter: number; derivedKey: string };
};

/** A genuine proof, issued and solved as the portal's challenges are (cheap parameters). */
async function genuine(counter: number): Promise<Proof> {
  const challenge = await createChallenge({
    algorithm: POW_ALGORITHM,
    cost: 1,
    counter,
    deriveKey,
    expiresAt: new Date(Date.now() + 600_000),
    data: { kid: 'k1' },
    hmacSignatureSecret: SIGNATURE_SECRET,
    hmacKeySignatureSecret: KEY_SIGNATURE_SECRET,
  });
  const solution = await solveChallenge({ challenge, deriveKey, timeout: 30_000 });
  if (solution === null) throw new Error('not solved');
  return JSON.parse(
    JSON.stringify({ challenge, solution: { counter: solution.counter, derivedKey: solution.derivedKey } }),
  ) as Proof;
}

async function libraryVerdict(proof: Proof): Promise<boolean> {
  try {
    const result = await verifySolution({
      challenge: proof.challenge as unknown as Challenge,
      solution: proof.solution,
      deriveKey,
      hmacSignatureSecret: SIGNATURE_SECRET,
      hmacKeySignatureSecret: KEY_SIGNATURE_SECRET,
    });
    return result.verified;
  } catch {
    return false;
  }
}

function ourVerdict(proof: Proof): boolean {
  const parsed = parsePayload(proof);
  return parsed !== undefined && verifySignedSolution(parsed, ours);
}

const hexDigit = fc.constantFrom(...'0123456789abcdef');
const hexString = (maxLength: number) => fc.string({ unit: hexDigit, maxLength });

/** Ways a forger could change a proof: one field of the parameters, the signature, the counter or the derived key. */
const change = fc.oneof(
  fc.record({
    kind: fc.constant('parameter' as const),
    key: fc.constantFrom('cost', 'keyLength', 'keyPrefix', 'nonce', 'salt', 'expiresAt', 'algorithm', 'extra'),
    value: fc.oneof(fc.integer(), hexString(16), fc.constant(null)),
  }),
  fc.record({ kind: fc.constant('signature' as const), at: fc.nat(63), digit: hexDigit }),
  fc.record({
    kind: fc.constant('counter' as const),
    value: fc.oneof(fc.integer(), fc.double(), fc.constant(0x1_0000_0000)),
  }),
  fc.record({
    kind: fc.constant('derivedKey' as const),
    value: fc.oneof(hexString(80), fc.string({ maxLength: 70 }), fc.constant('AB'.repeat(32))),
  }),
  fc.record({ kind: fc.constant('keySignature' as const), at: fc.nat(63), digit: hexDigit }),
);

type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;

function applyChange(proof: Proof, c: Change): Proof {
  const copy = structuredClone(proof);
  const replaceAt = (text: string, at: number, digit: string) => `${text.slice(0, at)}${digit}${text.slice(at + 1)}`;
  switch (c.kind) {
    case 'parameter':
      copy.challenge.parameters[c.key] = c.value;
      break;
    case 'signature':
      copy.challenge.signature = replaceAt(copy.challenge.signature, c.at, c.digit);
      break;
    case 'counter':
      copy.solution.counter = c.value;
      break;
    case 'derivedKey':
      copy.solution.derivedKey = c.value;
      break;
    case 'keySignature':
      copy.challenge.parameters['keySignature'] = replaceAt(
        String(copy.challenge.parameters['keySignature']),
        c.at,
        c.digit,
      );
      break;
  }
  return copy;
}

describe('our proof check and altcha-lib’s', () => {
  it('both accept genuine proofs', async () => {
    for (const counter of [5, 8, 10]) {
      const proof = await genuine(counter);
      expect(await libraryVerdict(proof)).toBe(true);
      expect(ourVerdict(proof)).toBe(true);
    }
  });

  it('give the same verdict on 500 changed proofs', async () => {
    const base = await genuine(7);
    await fc.assert(
      fc.asyncProperty(change, async (c) => {
        const proof = applyChange(base, c);
        // Our shape check refuses some proofs before any HMAC (not our algorithm, no key id…): those must be ones
        // the library refuses too, or ones it would accept only for a challenge this server never issues.
        expect(ourVerdict(proof)).toBe(await libraryVerdict(proof));
      }),
      { numRuns: 500 },
    );
  });
});
