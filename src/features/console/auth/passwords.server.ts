import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { isCommonPassword } from './common-passwords.server.ts';

/**
 * Staff passwords: argon2id (the OWASP-recommended memory-hard hash), with parameters above OWASP's minimum
 * (19 MiB, 2 passes). The database refuses any other hash format (auth_accounts_password_check).
 */
// `Algorithm` is a const enum, which Node's type stripping cannot inline: 2 is Argon2id.
const OPTIONS = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Hashes a password to a `$argon2id$…` string. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Checks a password against its stored hash; false (not an error) for a malformed hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** The shortest and longest password the console accepts (long passphrases are welcome; the cap bounds hashing work). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** What is wrong with a new password, if anything: its length, or that it is a common (breached) one. */
export function newPasswordProblem(password: string): 'length' | 'common' | undefined {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) return 'length';
  if (isCommonPassword(password)) return 'common';
  return undefined;
}
