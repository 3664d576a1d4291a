/**
 * Common and breached passwords, refused offline: the list of about 49,000 most used passwords (from breaches) that
 * zxcvbn-ts ships in `@zxcvbn-ts/language-common`, bundled with the portal — no password, hash or part of one ever
 * leaves the server. A password is refused when it is on the list (any case), or is a listed one with only digits or
 * symbols around it (`password1234`, `!qwerty2024`), which attackers try right after the list itself.
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import type { BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';

const COMMON: ReadonlySet<string> = new Set(dictionary['passwords-common'].map((entry) => entry.toLowerCase()));

/** Whether `password` is on the list of common passwords, or is one with digits or symbols added around it. */
export function isCommonPassword(password: string): boolean {
  const lower = password.normalize('NFC').toLowerCase();
  if (COMMON.has(lower)) return true;
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return core.length >= 4 && core !== lower && COMMON.has(core);
}

// better-auth endpoints that take a new password (the console calls only the first; the others are refused too).
const NEW_PASSWORD_PATHS = new Set(['/change-password', '/reset-password', '/set-password']);

/**
 * The same rule inside better-auth, so no path through the library sets a common password, whatever page calls it
 * (the pages check first, to name the field in the person's language).
 */
export function refuseCommonPasswords(): BetterAuthPlugin {
  return {
    id: 'hotro-common-passwords',
    hooks: {
      before: [
        {
          matcher: (context) => NEW_PASSWORD_PATHS.has(context.path ?? ''),
          handler: createAuthMiddleware(async (context) => {
            const body: unknown = context.body;
            const password =
              typeof body === 'object' && body !== null && 'newPassword' in body ? body.newPassword : undefined;
            if (typeof password === 'string' && isCommonPassword(password))
              throw new APIError('BAD_REQUEST', {
                message: 'The new password is a common one',
                code: 'PASSWORD_TOO_COMMON',
              });
          }),
        },
      ],
    },
  };
}
