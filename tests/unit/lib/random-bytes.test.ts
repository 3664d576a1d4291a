import { describe, expect, it } from 'vitest';
import { secureRandomBytes } from '#src/lib/random-bytes.server.ts';

describe('secureRandomBytes (pooled CSPRNG draws)', () => {
  it('gives the asked number of bytes, small and large', () => {
    for (const n of [0, 1, 8, 12, 64, 65, 4096, 10_000]) expect(secureRandomBytes(n)).toHaveLength(n);
  });

  it('never hands out the same bytes twice, across many pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(secureRandomBytes(12).toString('hex'));
    expect(seen.size).toBe(20_000);
  });

  it('gives bytes the caller owns: changing them changes no later draw', () => {
    const first = secureRandomBytes(16);
    first.fill(0);
    const next = secureRandomBytes(16);
    expect(next.equals(Buffer.alloc(16))).toBe(false);
  });

  it('looks uniform: each bit set about half the time over 100,000 bytes', () => {
    const bytes = secureRandomBytes(0);
    expect(bytes).toHaveLength(0);
    let ones = 0;
    for (let i = 0; i < 2_000; i++)
      for (const byte of secureRandomBytes(50)) ones += byte.toString(2).split('1').length - 1;
    // 800,000 bits: mean 400,000, standard deviation ≈ 447; 10 deviations is far beyond chance.
    expect(Math.abs(ones - 400_000)).toBeLessThan(4_470);
  });

  it('refuses a negative or fractional length', () => {
    expect(() => secureRandomBytes(-1)).toThrow(RangeError);
    expect(() => secureRandomBytes(1.5)).toThrow(RangeError);
  });
});
