/**
 * The encryption keyring for the running process, loaded once from the environment and kept on a global symbol shared
 * with the rest of the portal (`npm start` and the routes bundled in dist/server are separate module graphs).
 */
import { loadEnv } from '#src/env.server.ts';
import { loadKeyring, type Keyring } from '#src/features/crypto/keyring.server.ts';

const KEYRING_KEY = Symbol.for('hotro.keyring');

/** The process's keyring: `INTAKE_ENCRYPTION_KEY`, else `KEY_FILE` (created on first use). */
export function processKeyring(): Keyring {
  const holder = globalThis as typeof globalThis & { [KEYRING_KEY]?: Keyring };
  if (holder[KEYRING_KEY] === undefined) {
    const env = loadEnv();
    holder[KEYRING_KEY] = loadKeyring({ keyFile: env.keyFile, intakeEncryptionKey: env.intakeEncryptionKey });
  }
  return holder[KEYRING_KEY];
}
