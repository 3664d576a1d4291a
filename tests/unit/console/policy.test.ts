import { describe, expect, it } from 'vitest';
import { consoleRouteOf, isConsolePath, safeNextPath } from '#src/features/console/console-paths.ts';
import {
  administeredProvinces,
  canAdministerPoint,
  canChangePointStaff,
  canInviteAdmin,
  canSeeCounts,
  canUseInbox,
  canWorkOnCase,
} from '#src/features/console/policy.ts';
import type { Principal } from '#src/features/console/principal.ts';

const base = { sessionId: 's', name: 'n', email: 'e@example.invalid', twoFactorEnabled: true, lang: 'vi' as const };
const staffA: Principal = { ...base, userId: 'a', role: 'point-staff', provinceCode: null, pointIds: ['p1', 'p2'] };
const hanoi: Principal = { ...base, userId: 'h', role: 'province-admin', provinceCode: '01', pointIds: [] };
const national: Principal = { ...base, userId: 'n', role: 'national-admin', provinceCode: null, pointIds: [] };

describe('who may do what in the console', () => {
  it('lets only staff of the holding point work on a case', () => {
    expect(canWorkOnCase(staffA, { pointId: 'p1' })).toBe(true);
    expect(canWorkOnCase(staffA, { pointId: 'p9' })).toBe(false);
    expect(canWorkOnCase(hanoi, { pointId: 'p1' })).toBe(false);
    expect(canWorkOnCase(national, { pointId: 'p1' })).toBe(false);
    expect(canUseInbox(staffA)).toBe(true);
    expect(canUseInbox(national)).toBe(false);
  });

  it('lets nobody without a second factor read or work on a case', () => {
    const withoutSecondFactor: Principal = { ...staffA, twoFactorEnabled: false };
    expect(canWorkOnCase(withoutSecondFactor, { pointId: 'p1' })).toBe(false);
    expect(canUseInbox(withoutSecondFactor)).toBe(false);
  });

  it('keeps a provincial administrator inside their province; a national one anywhere', () => {
    expect(canAdministerPoint(hanoi, { id: 'p1', provinceCode: '01' })).toBe(true);
    expect(canAdministerPoint(hanoi, { id: 'p3', provinceCode: '48' })).toBe(false);
    expect(canAdministerPoint(national, { id: 'p3', provinceCode: '48' })).toBe(true);
    expect(canAdministerPoint(staffA, { id: 'p1', provinceCode: '01' })).toBe(false);
    expect(administeredProvinces(hanoi)).toEqual(['01']);
    expect(administeredProvinces(national)).toBe('all');
    expect(administeredProvinces(staffA)).toEqual([]);
  });

  it('never lets anyone change their own point membership', () => {
    expect(canChangePointStaff(hanoi, { id: 'p1', provinceCode: '01' }, 'a')).toBe(true);
    expect(canChangePointStaff(hanoi, { id: 'p1', provinceCode: '01' }, 'h')).toBe(false);
    expect(canChangePointStaff(national, { id: 'p1', provinceCode: '01' }, 'n')).toBe(false);
    expect(canChangePointStaff(staffA, { id: 'p1', provinceCode: '01' }, 'b')).toBe(false);
  });

  it('lets only a national administrator invite national administrators or see national counts', () => {
    expect(canInviteAdmin(hanoi, 'national-admin', null)).toBe(false);
    expect(canInviteAdmin(hanoi, 'province-admin', '01')).toBe(true);
    expect(canInviteAdmin(hanoi, 'province-admin', '48')).toBe(false);
    expect(canInviteAdmin(national, 'national-admin', null)).toBe(true);
    expect(canSeeCounts(hanoi, null)).toBe(false);
    expect(canSeeCounts(hanoi, '01')).toBe(true);
    expect(canSeeCounts(national, null)).toBe(true);
    expect(canSeeCounts(staffA, '01')).toBe(false);
  });
});

describe('console paths', () => {
  it('recognizes every console path in both languages, with or without a trailing slash', () => {
    expect(consoleRouteOf('/quan-ly')).toEqual({ id: 'console', lang: 'vi' });
    expect(consoleRouteOf('/en/console/')).toEqual({ id: 'console', lang: 'en' });
    expect(consoleRouteOf('/quan-ly/yeu-cau/0b6c')).toEqual({ id: 'consoleCase', lang: 'vi' });
    expect(consoleRouteOf('/en/console/requests/x/y')).toBeUndefined();
    expect(isConsolePath('/quan-ly-khac')).toBe(false);
    expect(isConsolePath('/quan-ly/anything')).toBe(true);
  });

  it('returns after sign-in only to a console path of the same language', () => {
    expect(safeNextPath('/quan-ly/yeu-cau/abc', 'vi')).toBe('/quan-ly/yeu-cau/abc');
    for (const unsafe of [
      'https://evil.example/quan-ly',
      '//evil.example/quan-ly',
      '/\\evil.example',
      '/tim-ho-tro',
      null,
      '/en/console',
    ])
      expect(safeNextPath(unsafe, 'vi')).toBe('/quan-ly');
    expect(safeNextPath('/en/console/account?x=1', 'en')).toBe('/en/console/account');
  });
});
