/**
 * Who may do what in the console: the one place authorization is decided. Pages and actions ask these functions;
 * none decides on its own. The rules (DESIGN.md, "Privacy and security by construction"):
 * - only staff of the point that holds a case read it or act on it (administrators never read case text), and only
 *   once they have a second factor;
 * - administrators manage the points, staff, directory, counts and audit log of their province (national: all);
 * - nobody adds themselves to a point, and administrators hold no point at all.
 */
import { isAdmin, type Principal } from './principal.ts';

/** A case as authorization sees it: the point that holds it. */
export interface CaseScope {
  readonly pointId: string;
}

/** A point as authorization sees it: its province. */
export interface PointScope {
  readonly id: string;
  readonly provinceCode: string;
}

/**
 * Reading a case's words, and every action on it (acknowledge, reply, note, hand over, close, flag). Requests for help
 * are health data (Law 91/2025/QH15): nobody reads them on a password alone, so a second factor is required too.
 */
export function canWorkOnCase(principal: Principal, scope: CaseScope): boolean {
  return principal.role === 'point-staff' && principal.twoFactorEnabled && principal.pointIds.includes(scope.pointId);
}

/** Seeing the inbox of cases at all (point staff with a second factor only). */
export function canUseInbox(principal: Principal): boolean {
  return principal.role === 'point-staff' && principal.twoFactorEnabled && principal.pointIds.length > 0;
}

/** Administering a province: its points, staff, directory, reports, counts, audit log, dead letters, imports. */
export function canAdministerProvince(principal: Principal, provinceCode: string): boolean {
  if (principal.role === 'national-admin') return true;
  return principal.role === 'province-admin' && principal.provinceCode === provinceCode;
}

/** Administering one point (edit it, mark it checked, manage its staff). */
export function canAdministerPoint(principal: Principal, point: PointScope): boolean {
  return canAdministerProvince(principal, point.provinceCode);
}

/** The provinces a principal administers: `'all'` for a national administrator. */
export function administeredProvinces(principal: Principal): 'all' | readonly string[] {
  if (principal.role === 'national-admin') return 'all';
  if (principal.role === 'province-admin' && principal.provinceCode !== null) return [principal.provinceCode];
  return [];
}

/**
 * Adding a person to (or removing them from) a point's staff: an administrator of the point's province, acting on an
 * account other than their own. (Administrators cannot hold points at all; this also stops them adding themselves.)
 */
export function canChangePointStaff(principal: Principal, point: PointScope, targetUserId: string): boolean {
  return isAdmin(principal) && targetUserId !== principal.userId && canAdministerPoint(principal, point);
}

/** Inviting an administrator: a national one may invite any; a provincial one, other admins of the same province. */
export function canInviteAdmin(
  principal: Principal,
  role: 'province-admin' | 'national-admin',
  provinceCode: string | null,
): boolean {
  if (role === 'national-admin') return principal.role === 'national-admin';
  return provinceCode !== null && canAdministerProvince(principal, provinceCode);
}

/** Counts of a province (`null`: the whole country). Never case text. */
export function canSeeCounts(principal: Principal, provinceCode: string | null): boolean {
  if (provinceCode === null) return principal.role === 'national-admin';
  return canAdministerProvince(principal, provinceCode);
}

/** Opening the administration pages at all (points, staff, reports, counts, audit log, dead letters, import). */
export function canUseAdministration(principal: Principal): boolean {
  return isAdmin(principal);
}

/** An account as authorization sees it when someone wants to change it. */
export interface AccountScope {
  readonly userId: string;
  readonly role: Principal['role'];
  /** A provincial administrator's province, or the provinces of a member of point staff's points. */
  readonly provinces: readonly string[];
}

/**
 * Adding a person to a point: the rules of {@link canChangePointStaff}, and the person is point staff (an
 * administrator never holds a point) whose other points, if any, are all in provinces the principal administers.
 */
export function canAddToPoint(principal: Principal, point: PointScope, target: AccountScope): boolean {
  return (
    target.role === 'point-staff' &&
    canChangePointStaff(principal, point, target.userId) &&
    target.provinces.every((province) => canAdministerProvince(principal, province))
  );
}

/**
 * Disabling an account (which ends its sessions): never one's own; a national administrator only by another national
 * administrator; anyone else by an administrator of every province the account reaches.
 */
export function canDisableAccount(principal: Principal, target: AccountScope): boolean {
  if (!isAdmin(principal) || target.userId === principal.userId) return false;
  if (target.role === 'national-admin') return principal.role === 'national-admin';
  if (target.provinces.length === 0) return principal.role === 'national-admin';
  return target.provinces.every((province) => canAdministerProvince(principal, province));
}

/** Revoking a pending invitation: whoever could send it (see {@link canInviteAdmin}; point staff: the province's). */
export function canRevokeInvitation(
  principal: Principal,
  invitation: { readonly role: Principal['role']; readonly provinceCode: string | null },
): boolean {
  if (invitation.role === 'national-admin') return principal.role === 'national-admin';
  return invitation.provinceCode !== null && canAdministerProvince(principal, invitation.provinceCode);
}

/**
 * Reading what concerns a province in the audit log or the outbox's dead letters (`null`: entries tied to no
 * province, such as a national administrator's sign-in or an invitation's e-mail — national administrators only).
 */
export function canSeeProvinceRecords(principal: Principal, provinceCode: string | null): boolean {
  if (provinceCode === null) return principal.role === 'national-admin';
  return canAdministerProvince(principal, provinceCode);
}

/** Importing a directory file for one province (a national administrator names the province). */
export function canImportDirectory(principal: Principal, provinceCode: string): boolean {
  return canAdministerProvince(principal, provinceCode);
}
