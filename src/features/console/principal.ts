import type { StaffRole } from '#src/features/lists/index.ts';

/** Who is signed in to the console, with what they may reach. Built once per request from the session. */
export interface Principal {
  readonly userId: string;
  readonly sessionId: string;
  readonly name: string;
  readonly email: string;
  readonly role: StaffRole;
  /** The province of a provincial administrator; null for others. */
  readonly provinceCode: string | null;
  /** The points of a member of point staff; empty for administrators (they never hold cases). */
  readonly pointIds: readonly string[];
  readonly twoFactorEnabled: boolean;
  /** The language this person's e-mails are written in. */
  readonly lang: 'vi' | 'en';
}

/** Whether the account is an administrator (provincial or national). */
export const isAdmin = (principal: Pick<Principal, 'role'>): boolean =>
  principal.role === 'province-admin' || principal.role === 'national-admin';
