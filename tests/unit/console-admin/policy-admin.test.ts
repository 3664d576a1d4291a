import { describe, expect, it } from 'vitest';
import {
  canAddToPoint,
  canDisableAccount,
  canImportDirectory,
  canRevokeInvitation,
  canSeeProvinceRecords,
  canUseAdministration,
} from '#src/features/console/policy.ts';
import type { Principal } from '#src/features/console/principal.ts';

const base = { sessionId: 's', name: 'x', email: 'x@example.invalid', twoFactorEnabled: true, lang: 'vi' as const };
const staff: Principal = { ...base, userId: 'staff', role: 'point-staff', provinceCode: null, pointIds: ['p1'] };
const hanoi: Principal = { ...base, userId: 'hanoi', role: 'province-admin', provinceCode: '01', pointIds: [] };
const danang: Principal = { ...base, userId: 'danang', role: 'province-admin', provinceCode: '48', pointIds: [] };
const national: Principal = { ...base, userId: 'national', role: 'national-admin', provinceCode: null, pointIds: [] };
const hanoiPoint = { id: 'p1', provinceCode: '01' };

describe('administration pages', () => {
  it('are for administrators only', () => {
    expect([staff, hanoi, danang, national].map(canUseAdministration)).toEqual([false, true, true, true]);
  });
});

describe('adding someone to a point', () => {
  const staffOfHanoi = { userId: 'someone', role: 'point-staff' as const, provinces: ['01'] };

  it('lets the province’s administrator and a national one add point staff of the province', () => {
    expect(canAddToPoint(hanoi, hanoiPoint, staffOfHanoi)).toBe(true);
    expect(canAddToPoint(national, hanoiPoint, staffOfHanoi)).toBe(true);
  });

  it('refuses an administrator of another province, and point staff', () => {
    expect(canAddToPoint(danang, hanoiPoint, staffOfHanoi)).toBe(false);
    expect(canAddToPoint(staff, hanoiPoint, staffOfHanoi)).toBe(false);
  });

  it('never lets administrators add themselves, or any administrator, to a point', () => {
    expect(canAddToPoint(hanoi, hanoiPoint, { userId: 'hanoi', role: 'province-admin', provinces: ['01'] })).toBe(
      false,
    );
    expect(canAddToPoint(national, hanoiPoint, { userId: 'national', role: 'national-admin', provinces: [] })).toBe(
      false,
    );
    expect(canAddToPoint(national, hanoiPoint, { userId: 'hanoi', role: 'province-admin', provinces: ['01'] })).toBe(
      false,
    );
  });

  it('refuses someone who also works in a province the administrator does not administer', () => {
    expect(canAddToPoint(hanoi, hanoiPoint, { userId: 'someone', role: 'point-staff', provinces: ['01', '48'] })).toBe(
      false,
    );
    expect(
      canAddToPoint(national, hanoiPoint, { userId: 'someone', role: 'point-staff', provinces: ['01', '48'] }),
    ).toBe(true);
  });
});

describe('disabling an account', () => {
  it('never one’s own', () => {
    expect(canDisableAccount(hanoi, { userId: 'hanoi', role: 'province-admin', provinces: ['01'] })).toBe(false);
    expect(canDisableAccount(national, { userId: 'national', role: 'national-admin', provinces: [] })).toBe(false);
  });

  it('a national administrator only by another national administrator', () => {
    expect(canDisableAccount(hanoi, { userId: 'other', role: 'national-admin', provinces: [] })).toBe(false);
    expect(canDisableAccount(national, { userId: 'other', role: 'national-admin', provinces: [] })).toBe(true);
  });

  it('point staff and administrators of a province by that province’s administrators', () => {
    expect(canDisableAccount(hanoi, { userId: 'a', role: 'point-staff', provinces: ['01'] })).toBe(true);
    expect(canDisableAccount(hanoi, { userId: 'b', role: 'province-admin', provinces: ['01'] })).toBe(true);
    expect(canDisableAccount(danang, { userId: 'a', role: 'point-staff', provinces: ['01'] })).toBe(false);
    expect(canDisableAccount(hanoi, { userId: 'a', role: 'point-staff', provinces: ['01', '48'] })).toBe(false);
  });

  it('an account that reaches no province by a national administrator only', () => {
    expect(canDisableAccount(hanoi, { userId: 'a', role: 'point-staff', provinces: [] })).toBe(false);
    expect(canDisableAccount(national, { userId: 'a', role: 'point-staff', provinces: [] })).toBe(true);
  });

  it('not by point staff', () => {
    expect(canDisableAccount(staff, { userId: 'a', role: 'point-staff', provinces: [] })).toBe(false);
  });
});

describe('revoking an invitation', () => {
  it('follows who could have sent it', () => {
    expect(canRevokeInvitation(hanoi, { role: 'point-staff', provinceCode: '01' })).toBe(true);
    expect(canRevokeInvitation(danang, { role: 'point-staff', provinceCode: '01' })).toBe(false);
    expect(canRevokeInvitation(hanoi, { role: 'national-admin', provinceCode: null })).toBe(false);
    expect(canRevokeInvitation(national, { role: 'national-admin', provinceCode: null })).toBe(true);
    expect(canRevokeInvitation(staff, { role: 'point-staff', provinceCode: '01' })).toBe(false);
  });
});

describe('province records (audit log, dead letters) and imports', () => {
  it('a province’s records are read by its administrators and national ones; records of no province by national ones', () => {
    expect(canSeeProvinceRecords(hanoi, '01')).toBe(true);
    expect(canSeeProvinceRecords(hanoi, '48')).toBe(false);
    expect(canSeeProvinceRecords(hanoi, null)).toBe(false);
    expect(canSeeProvinceRecords(national, null)).toBe(true);
    expect(canSeeProvinceRecords(staff, '01')).toBe(false);
  });

  it('an import only for a province the principal administers', () => {
    expect(canImportDirectory(hanoi, '01')).toBe(true);
    expect(canImportDirectory(hanoi, '48')).toBe(false);
    expect(canImportDirectory(national, '48')).toBe(true);
    expect(canImportDirectory(staff, '01')).toBe(false);
  });
});
