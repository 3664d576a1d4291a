import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadKeyring, KeyError } from '#src/features/crypto/keyring.server.ts';
import { DecryptionError, open, seal, sealedKeyId } from '#src/features/crypto/field-encryption.server.ts';

const freshKeyFile = () => join(mkdtempSync(join(tmpdir(), 'hotro-key-')), 'keys', 'intake.key');

describe('field encryption', () => {
  it('generates a key file readable by its owner only on first start', () => {
    const keyFile = freshKeyFile();
    loadKeyring({ keyFile });
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64')).toHaveLength(32);
  });

  it('keeps the same key on the next start', () => {
    const keyFile = freshKeyFile();
    expect(loadKeyring({ keyFile }).current.id).toBe(loadKeyring({ keyFile }).current.id);
  });

  it('round-trips Vietnamese text, and the sealed bytes do not contain it', () => {
    const keyring = loadKeyring({ keyFile: freshKeyFile() });
    const text = 'Con tôi dạo này hay bỏ học, tôi lo lắm — MARKER-7Q2';
    const sealed = seal(keyring, text, 'case:1:message');
    expect(sealed.includes(Buffer.from('MARKER-7Q2'))).toBe(false);
    expect(open(keyring, sealed, 'case:1:message')).toBe(text);
  });

  it('refuses a ciphertext moved to another context', () => {
    const keyring = loadKeyring({ keyFile: freshKeyFile() });
    const sealed = seal(keyring, 'secret', 'case:1:message');
    expect(() => open(keyring, sealed, 'case:2:message')).toThrow(DecryptionError);
  });

  it('refuses a tampered ciphertext', () => {
    const keyring = loadKeyring({ keyFile: freshKeyFile() });
    const sealed = seal(keyring, 'secret', 'ctx');
    sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 1;
    expect(() => open(keyring, sealed, 'ctx')).toThrow(DecryptionError);
  });

  it('still opens values sealed with an older key after rotation', () => {
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('base64');
    const before = loadKeyring({ keyFile: freshKeyFile(), intakeEncryptionKey: oldKey });
    const sealed = seal(before, 'kept', 'ctx');
    const after = loadKeyring({ keyFile: freshKeyFile(), intakeEncryptionKey: `${newKey},${oldKey}` });
    expect(sealedKeyId(seal(after, 'x', 'ctx'))).not.toBe(sealedKeyId(sealed));
    expect(open(after, sealed, 'ctx')).toBe('kept');
  });

  it('names the variable when a given key has the wrong length', () => {
    expect(() =>
      loadKeyring({ keyFile: freshKeyFile(), intakeEncryptionKey: Buffer.alloc(16).toString('base64') }),
    ).toThrow(KeyError);
    expect(() =>
      loadKeyring({ keyFile: freshKeyFile(), intakeEncryptionKey: Buffer.alloc(16).toString('base64') }),
    ).toThrow(/INTAKE_ENCRYPTION_KEY/);
  });
});
