/**
 * Recovery (backup) codes as the person types them, back to the form better-auth issued and compares them in: ten
 * letters and digits with a hyphen after the fifth (`aB3dE-fG7hJ`). The hyphen is optional when typing and spaces are
 * ignored; letters keep their case, since the issued codes use both.
 */
export function recoveryCodeAsIssued(typed: string): string {
  const bare = typed.replace(/[\s-]/g, '');
  return /^[A-Za-z0-9]{10}$/.test(bare) ? `${bare.slice(0, 5)}-${bare.slice(5)}` : bare;
}
