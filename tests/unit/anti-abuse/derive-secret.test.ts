import { describe, expect, it } from 'vitest';
import { deriveSecret, SecretPurposeError } from '#src/features/crypto/derive-secret.server.ts';
import { testKeyring } from '../../setup/solve-pow.ts';

describe('derived secrets', () => {
  it('are the same for the same key and purpose, on every instance', () => {
    const key = testKeyring().current;
    expect(deriveSecret(key, 'anti-abuse:test').equals(deriveSecret({ ...key }, 'anti-abuse:test'))).toBe(true);
    expect(deriveSecret(key, 'anti-abuse:test')).toHaveLength(32);
  });

  it('differ between purposes and between keys, and never equal the key', () => {
    const key = testKeyring().current;
    const one = deriveSecret(key, 'anti-abuse:one');
    expect(one.equals(deriveSecret(key, 'anti-abuse:two'))).toBe(false);
    expect(one.equals(deriveSecret(testKeyring().current, 'anti-abuse:one'))).toBe(false);
    expect(one.equals(key.key)).toBe(false);
  });

  it('refuse an empty or unusual purpose', () => {
    const key = testKeyring().current;
    expect(() => deriveSecret(key, '')).toThrow(SecretPurposeError);
    expect(() => deriveSecret(key, 'with space')).toThrow(SecretPurposeError);
  });
});
