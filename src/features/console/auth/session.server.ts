/**
 * From a request's cookies to the signed-in principal: better-auth checks the session cookie (signature, expiry), then
 * our tables say what the account may reach. A disabled account, or one without a staff profile, is not signed in.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { locations, pointMemberships, staffProfiles } from '#src/db/schema/index.ts';
import { staffRoles } from '#src/features/lists/index.ts';
import type { Principal } from '../principal.ts';
import type { ConsoleServices } from '../services.server.ts';

/** The principal of a request, or null when nobody (valid) is signed in. */
export async function principalFromHeaders(services: ConsoleServices, headers: Headers): Promise<Principal | null> {
  // Only the cookie matters: better-auth must not see (or keep) anything else of the request.
  const cookie = headers.get('cookie');
  if (cookie === null || cookie === '') return null;
  const found = await services.auth.api.getSession({ headers: new Headers({ cookie }) });
  if (found === null) return null;
  const db = services.handle.db;
  const [profile] = await db
    .select()
    .from(staffProfiles)
    .where(and(eq(staffProfiles.userId, found.user.id), isNull(staffProfiles.disabledAt)))
    .limit(1);
  if (profile === undefined || !staffRoles.has(profile.role)) return null;
  const points =
    profile.role === 'point-staff'
      ? await db
          .select({ pointId: pointMemberships.pointId })
          .from(pointMemberships)
          .innerJoin(locations, eq(locations.id, pointMemberships.pointId))
          .where(eq(pointMemberships.userId, profile.userId))
      : [];
  return {
    userId: found.user.id,
    sessionId: found.session.id,
    name: found.user.name,
    email: found.user.email,
    role: profile.role,
    provinceCode: profile.provinceCode,
    pointIds: points.map((row) => row.pointId),
    twoFactorEnabled: Boolean((found.user as { twoFactorEnabled?: boolean | null }).twoFactorEnabled),
    lang: profile.lang === 'en' ? 'en' : 'vi',
  };
}
