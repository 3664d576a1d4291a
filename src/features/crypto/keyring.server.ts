import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadEnv } from '#src/env.server.ts';
import { AppError } from '#src/lib/errors.ts';
import { singleton } from '#src/lib/singleton.server.ts';

/** The key file or key variable cannot be used. */
export class KeyError extends AppError {
  override name = 'KeyError';
}

/** One AES-256 key and its id (stored beside every ciphertext, so keys can rotate). */
export interface DataKey {
  id: string;
  key: Buffer;
}

/** The current key (encrypts) and every key that still decrypts older data. */
export interface Keyring {
  current: DataKey;
  byId: ReadonlyMap<string, DataKey>;
}

// The id is a short fingerprint of the key itself, so the same key always has the same id on every instance.
function toDataKey(base64: string, origin: string): DataKey {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32) throw new KeyError(`${origin} must hold base64 of exactly 32 bytes (got ${key.length} bytes)`);
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

function fromLines(lines: readonly string[], origin: string): Keyring {
  const keys = lines
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => toDataKey(line, origin));
  const [current] = keys;
  if (!current) throw new KeyError(`${origin} holds no key`);
  return { current, byId: new Map(keys.map((key) => [key.id, key])) };
}

/**
 * Loads the keyring: from INTAKE_ENCRYPTION_KEY when set (one key, or several separated by commas, newest first), else
 * from KEY_FILE, generating a new key there on first start (folder 0700, file 0600). The first key encrypts; the others
 * only decrypt, so a key can rotate by putting a new one first.
 */
export function loadKeyring(options: { keyFile: string; intakeEncryptionKey?: string | undefined }): Keyring {
  if (options.intakeEncryptionKey) return fromLines(options.intakeEncryptionKey.split(','), 'INTAKE_ENCRYPTION_KEY');
  if (!existsSync(options.keyFile)) {
    try {
      mkdirSync(dirname(options.keyFile), { recursive: true, mode: 0o700 });
      writeFileSync(options.keyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process may have created it between the check and the write; anything else is a real problem.
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) {
        throw new KeyError(
          `KEY_FILE ${options.keyFile} cannot be created (${error instanceof Error ? error.message : String(error)})`,
        );
      }
    }
  }
  try {
    chmodSync(options.keyFile, 0o600);
    return fromLines(readFileSync(options.keyFile, 'utf8').split('\n'), `KEY_FILE ${options.keyFile}`);
  } catch (error) {
    if (error instanceof KeyError) throw error;
    throw new KeyError(
      `KEY_FILE ${options.keyFile} cannot be read (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/**
 * The running portal's key ring, loaded once per process from the environment (INTAKE_ENCRYPTION_KEY, else KEY_FILE,
 * created on first use). The one loader: the intake, the anti-abuse services, the listing reports, the mail worker
 * and the escalation digest all take it from here.
 */
export function processKeyring(): Keyring {
  return singleton('keyring', () => {
    const env = loadEnv();
    return loadKeyring({ keyFile: env.keyFile, intakeEncryptionKey: env.intakeEncryptionKey });
  });
}
