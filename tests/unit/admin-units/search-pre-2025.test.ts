import { describe, expect, it } from 'vitest';
import { searchUnits } from '#src/features/admin-units/index.ts';
import { firstFound, ids, matchesOf } from './helpers.ts';

// Expected answers are read from ../shared/data/vn-admin-2025 (old-provinces-to-new.json, and
// source/dvhcvn-20250701/splits.json for communes), not from this module's output.
describe('searching pre-2025 names', () => {
  it('finds Bắc Kạn in 19 Thái Nguyên', () => {
    expect(firstFound(searchUnits('Bắc Kạn'))).toMatchObject({
      kind: 'province',
      code: '19',
      name: 'Thái Nguyên',
      via: 'pre-2025',
      matchedName: 'Bắc Kạn',
      old: { level: 'province', code: '06', fullName: 'Tỉnh Bắc Kạn' },
    });
  });

  it('lists the current Phường Bắc Kạn after the old province', () => {
    expect(ids(matchesOf(searchUnits('Bắc Kạn')))).toEqual(['province:19', 'commune:01843']);
  });

  it('puts the ward first when the query says "phường"', () => {
    expect(firstFound(searchUnits('phường Bắc Kạn'))).toMatchObject({ kind: 'commune', code: '01843' });
  });

  it('finds Quảng Nam in 48 Đà Nẵng', () => {
    expect(firstFound(searchUnits('Quảng Nam'))).toMatchObject({ kind: 'province', code: '48', via: 'pre-2025' });
  });

  it('finds Bình Phước in 75 Đồng Nai', () => {
    expect(firstFound(searchUnits('Bình Phước'))).toMatchObject({ kind: 'province', code: '75', via: 'pre-2025' });
  });

  it('finds Kiên Giang in 91 An Giang', () => {
    expect(firstFound(searchUnits('kien giang'))).toMatchObject({ kind: 'province', code: '91', via: 'pre-2025' });
  });

  it('finds Thừa Thiên Huế in 46 Huế', () => {
    expect(firstFound(searchUnits('Thừa Thiên Huế'))).toMatchObject({ kind: 'province', code: '46', via: 'pre-2025' });
  });

  // splits.json: level3_id 01906 "Xã Khang Ninh" (Tỉnh Bắc Kạn) → new_id 01906 "Xã Ba Bể".
  it('finds old Xã Khang Ninh of Bắc Kạn as 01906 Xã Ba Bể', () => {
    expect(firstFound(searchUnits('xã Khang Ninh, huyện Ba Bể, tỉnh Bắc Kạn'))).toMatchObject({
      kind: 'commune',
      code: '01906',
      fullName: 'Xã Ba Bể',
      province: { code: '19', name: 'Thái Nguyên' },
      via: 'pre-2025',
      matchedName: 'Khang Ninh',
      old: { level: 'commune', code: '01906', fullName: 'Xã Khang Ninh', provinceName: 'Tỉnh Bắc Kạn', splitInto: 1 },
    });
  });

  it('finds old Xã Khang Ninh without accents', () => {
    expect(firstFound(searchUnits('khang ninh')).code).toBe('01906');
  });

  // splits.json: level3_id 00631 "Phường Mễ Trì" → 00175 Yên Hòa, 00592 Từ Liêm, 00637 Đại Mỗ.
  it('lists each new ward of a split old ward', () => {
    expect(ids(matchesOf(searchUnits('Mễ Trì'))).sort()).toEqual(['commune:00175', 'commune:00592', 'commune:00637']);
  });

  it('calls a split old ward found, not ambiguous', () => {
    expect(searchUnits('Mễ Trì').status).toBe('found');
  });

  it('says how many units a split old ward became', () => {
    expect(firstFound(searchUnits('Mễ Trì'))).toMatchObject({
      via: 'pre-2025',
      old: { fullName: 'Phường Mễ Trì', splitInto: 3 },
    });
  });

  it('finds an old island district as its special zone', () => {
    expect(firstFound(searchUnits('huyện Côn Đảo'))).toMatchObject({ code: '26732', type: 'Đặc khu' });
  });

  it('narrows by an old province named after a comma', () => {
    expect(firstFound(searchUnits('Phú Quốc, Kiên Giang')).code).toBe('31078');
  });

  it('narrows by an old province named at the end without a comma', () => {
    expect(firstFound(searchUnits('phu quoc kien giang')).code).toBe('31078');
  });

  it('narrows by a current province', () => {
    expect(firstFound(searchUnits('Tân Phú, Đồng Nai'))).toMatchObject({ code: '26116', via: 'current' });
  });

  it('narrows by an old province to what came from it', () => {
    const matches = matchesOf(searchUnits('Tân Phú, Bình Phước'));
    expect(matches.every((m) => m.via === 'pre-2025' && m.old.provinceName === 'Tỉnh Bình Phước')).toBe(true);
  });

  it('reads an address typed without commas', () => {
    expect(firstFound(searchUnits('xã Khang Ninh huyện Ba Bể tỉnh Bắc Kạn'))).toMatchObject({
      code: '01906',
      via: 'pre-2025',
    });
  });

  it('keeps a name that holds a type word whole', () => {
    expect(firstFound(searchUnits('Tân Xã'))).toMatchObject({ via: 'pre-2025', old: { fullName: 'Xã Tân Xã' } });
  });

  it('finds the ward in a full street address', () => {
    expect(firstFound(searchUnits('số 5 Lê Lợi, phường Bến Thành, quận 1, TP HCM'))).toMatchObject({ code: '26743' });
  });
});
