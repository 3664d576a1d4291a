import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  CROCKFORD_ALPHABET,
  RECEIPT_CODE_BITS,
  RECEIPT_CODE_PATTERN,
  formatReceiptCode,
  generateReceiptCode,
  hashReceiptCode,
  normalizeReceiptCode,
  receiptCodeLookupHashes,
} from '#src/features/intake/receipt-code.ts';
import { loadKeyring } from '#src/features/crypto/keyring.server.ts';
import { testKeyring } from '../../setup/solve-pow.ts';

describe('receipt codes', () => {
  it('look like 7KQM-2W9D-X4TB: 12 Crockford base32 characters in groups of four', () => {
    for (let i = 0; i < 1000; i++) {
      const code = formatReceiptCode(generateReceiptCode());
      expect(code).toMatch(RECEIPT_CODE_PATTERN);
      expect(code).not.toMatch(/[ILOU]/);
    }
    expect(CROCKFORD_ALPHABET).toHaveLength(32);
    expect(RECEIPT_CODE_BITS).toBe(60);
  });

  it('take 60 bits from the CSPRNG: 8 random bytes, of which the low 60 bits make the code', () => {
    const random = vi.fn((n: number) => new Uint8Array(n).fill(0xff));
    expect(generateReceiptCode(random)).toBe('ZZZZZZZZZZZZ');
    expect(random).toHaveBeenCalledWith(8);
    expect(generateReceiptCode((n) => new Uint8Array(n))).toBe('000000000000');
    // Each 5-bit group maps to one character, most significant first: 0x0000000000000021 → …0011 (1, 1).
    expect(generateReceiptCode((n) => Uint8Array.from({ length: n }, (_, i) => (i === n - 1 ? 0x21 : 0)))).toBe(
      '000000000011',
    );
    // Every one of the 60 bits changes the code (no bit is thrown away), and the top 4 bits of the 64 do not.
    const base = generateReceiptCode((n) => new Uint8Array(n));
    const seen = new Set<string>();
    for (let bit = 0; bit < 64; bit++) {
      const bytes = new Uint8Array(8);
      bytes[7 - Math.floor(bit / 8)] = 1 << (bit % 8);
      const code = generateReceiptCode(() => bytes);
      if (bit < 60) seen.add(code);
      else expect(code).toBe(base);
    }
    expect(seen.size).toBe(60);
  });

  it('use every symbol in every position, about evenly (real randomness, 32,000 codes)', () => {
    const counts = Array.from({ length: 12 }, () => new Map<string, number>());
    const n = 32_000;
    for (let i = 0; i < n; i++) {
      const code = generateReceiptCode();
      for (let p = 0; p < 12; p++) counts[p]?.set(code[p] ?? '', (counts[p]?.get(code[p] ?? '') ?? 0) + 1);
    }
    for (const position of counts) {
      expect(position.size).toBe(32);
      // Expected 1,000 each; a fair source stays well within ±25 %.
      for (const count of position.values()) expect(Math.abs(count - n / 32)).toBeLessThan(250);
    }
  });

  it('are read case-insensitively, with or without hyphens or spaces, with I/L as 1 and O as 0', () => {
    expect(normalizeReceiptCode('7KQM-2W9D-X4TB')).toBe('7KQM2W9DX4TB');
    expect(normalizeReceiptCode('7kqm2w9dx4tb')).toBe('7KQM2W9DX4TB');
    expect(normalizeReceiptCode(' 7kqm 2w9d x4tb ')).toBe('7KQM2W9DX4TB');
    expect(normalizeReceiptCode('7KQM–2W9D—X4TB')).toBe('7KQM2W9DX4TB');
    expect(normalizeReceiptCode('IlOo-0000-0000')).toBe('110000000000');
    fc.assert(
      fc.property(
        fc.constant(null).map(() => generateReceiptCode()),
        fc.boolean(),
        fc.boolean(),
        (code, lower, spaced) => {
          let typed = formatReceiptCode(code);
          if (lower) typed = typed.toLowerCase();
          if (spaced) typed = typed.replaceAll('-', ' ');
          expect(normalizeReceiptCode(typed)).toBe(code);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuse what cannot be a code', () => {
    for (const wrong of [
      '',
      '7KQM-2W9D-X4T',
      '7KQM-2W9D-X4TBB',
      '7KQM-2W9D-X4TU',
      '7KQM#2W9D#X4TB',
      'x'.repeat(1000),
      '7KQM-2W9D-X4TÉ',
    ]) {
      expect(normalizeReceiptCode(wrong)).toBeNull();
    }
    for (const wrong of [null, undefined, 123, {}, ['7KQM2W9DX4TB']]) expect(normalizeReceiptCode(wrong)).toBeNull();
  });

  it('are hashed with a key derived from the keyring, and looked up under every key after a rotation', () => {
    const old = testKeyring();
    const oldKey = old.current.key.toString('base64');
    const code = generateReceiptCode();
    const stored = hashReceiptCode(old, code);
    expect(stored.hash).toHaveLength(32);
    expect(stored.keyId).toBe(old.current.id);
    // Same code, same key → same hash; another code → another hash; the code is not in the hash.
    expect(hashReceiptCode(old, code).hash.equals(stored.hash)).toBe(true);
    expect(hashReceiptCode(old, generateReceiptCode()).hash.equals(stored.hash)).toBe(false);
    expect(stored.hash.includes(Buffer.from(code))).toBe(false);

    const rotated = loadKeyring({
      keyFile: '/nonexistent',
      intakeEncryptionKey: `${testKeyring().current.key.toString('base64')},${oldKey}`,
    });
    const lookups = receiptCodeLookupHashes(rotated, code);
    expect(lookups).toHaveLength(2);
    expect(lookups[0]?.keyId).toBe(rotated.current.id);
    expect(lookups.some((entry) => entry.hash.equals(stored.hash) && entry.keyId === old.current.id)).toBe(true);
    // Another keyring (another installation) finds nothing.
    expect(receiptCodeLookupHashes(testKeyring(), code).some((entry) => entry.hash.equals(stored.hash))).toBe(false);
  });
});
