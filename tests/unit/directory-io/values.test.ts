import { describe, expect, it } from 'vitest';
import { resolveCommune } from '#src/features/directory/import/commune.ts';
import { formatHours, parseHours } from '#src/features/directory/import/hours.ts';
import { readDirectoryFile } from '#src/features/directory/import/index.server.ts';
import { parseDate, parsePhone } from '#src/features/directory/import/values.ts';
import { csvBytes, fixture, importClock, validRecords } from './helpers.ts';

describe('phone numbers', () => {
  it.each([
    ['0912 345 678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['(+84) 912-345-678', '0912345678'],
    ['024 3825 1234', '02438251234'],
    ['+84 24 3825 1234', '02438251234'],
    ['912345678', '0912345678'],
    ['115', '115'],
    ['111', '111'],
    ['1022', '1022'],
    ['1900 6187', '19006187'],
    ['1800 1567', '18001567'],
  ])('reads %s as %s', (written, stored) => {
    expect(parsePhone(written)).toEqual({ ok: true, value: stored });
  });

  it.each(['12345678', '0912', '091234567890', '+1 555 0100', 'gọi trạm', '0912 345 67x', '09'])(
    'refuses %s',
    (written) => {
      expect(parsePhone(written).ok).toBe(false);
    },
  );
});

describe('opening hours', () => {
  const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR'];
  const expected = [
    { days: weekdays, opens: 450, closes: 690 },
    { days: weekdays, opens: 810, closes: 1020 },
    { days: ['SA'], opens: 450, closes: 690 },
  ];

  it('reads the template form', () => {
    expect(parseHours('T2-T6 07:30-11:30, 13:30-17:00; T7 07:30-11:30')).toEqual({ ok: true, value: expected });
  });

  it.each([
    'Mon-Fri 07:30-11:30, 13:30-17:00; Sat 07:30-11:30',
    'Thứ 2 - Thứ 6 7h30-11h30, 13h30-17h\nThứ Bảy 7:30-11:30',
    'mon–fri 7:30–11:30 and 13:30–17:00; saturday 07:30-11:30',
  ])('reads %j the same way', (written) => {
    expect(parseHours(written)).toEqual({ ok: true, value: expected });
  });

  it('reads lists of days, every day, and 24/7', () => {
    expect(parseHours('T3, T5 08:00-11:00')).toEqual({
      ok: true,
      value: [{ days: ['TU', 'TH'], opens: 480, closes: 660 }],
    });
    expect(parseHours('Hằng ngày 06:30-10:30')).toEqual({
      ok: true,
      value: [{ days: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], opens: 390, closes: 630 }],
    });
    expect(parseHours('24/7')).toEqual({
      ok: true,
      value: [{ days: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], opens: 0, closes: 1440 }],
    });
  });

  it('writes hours back in the form it reads, unchanged by a second pass', () => {
    for (const written of [
      'T2-T6 07:30-11:30, 13:30-17:00; T7 07:30-11:30',
      'T3, T5 08:00-11:00',
      'T2-CN 00:00-24:00',
      'T2, T4, T6-CN 07:00-09:00',
    ]) {
      const parsed = parseHours(written);
      if (!parsed.ok) throw new Error(`not read: ${written}`);
      expect(formatHours(parsed.value)).toBe(written);
      expect(parseHours(formatHours(parsed.value))).toEqual(parsed);
    }
  });

  it.each([
    ['T2-T6', 'hours-no-times'],
    ['07:30-11:30', 'hours-no-days'],
    ['T6-T2 08:00-10:00', 'hours-day-order'],
    ['Xyz 08:00-10:00', 'hours-bad-day'],
    ['T2 25:00-26:00', 'hours-bad-time'],
    ['T2 17:00-07:30', 'hours-closes-before-opens'],
    ['T2 08:00-12:00; T2-T3 11:00-13:00', 'hours-overlap'],
  ])('refuses %j (%s)', (written, reason) => {
    expect(parseHours(written)).toMatchObject({ ok: false, reason });
  });

  it('takes an empty cell as unknown hours', () => {
    expect(parseHours('  ')).toEqual({ ok: true, value: [] });
  });
});

describe('dates', () => {
  it.each([
    ['2025-09-15', '2025-09-15'],
    ['15/09/2025', '2025-09-15'],
    ['5/9/2025', '2025-09-05'],
    ['15.09.2025', '2025-09-15'],
  ])('reads %s as %s', (written, stored) => {
    expect(parseDate(written)).toEqual({ ok: true, value: stored });
  });

  it.each(['31/02/2025', '2025/09/15', '09/15/2025', 'hôm qua', '2025-9'])('refuses %s', (written) => {
    expect(parseDate(written).ok).toBe(false);
  });
});

describe('communes', () => {
  it('takes a code, restoring the leading zero a spreadsheet dropped', () => {
    expect(resolveCommune('1906', '19')).toMatchObject({ ok: true, code: '01906' });
  });

  it('finds a commune by its name, with or without accents, or by its pre-2025 name', () => {
    for (const name of ['Ba Bể', 'xã ba be', 'Xã Khang Ninh'])
      expect(resolveCommune(name, '19')).toMatchObject({ ok: true, code: '01906' });
  });

  it('refuses a name several communes share, listing them', () => {
    const answer = resolveCommune('Phường Cống Vị', '01');
    expect(answer).toMatchObject({ ok: false, code: 'commune-ambiguous' });
    expect(!answer.ok && answer.params['candidates']).toContain('Phường Giảng Võ (00025)');
  });

  it('says when the commune is in another province', () => {
    expect(resolveCommune('Ba Bể', '01')).toMatchObject({ ok: false, code: 'commune-other-province' });
    expect(resolveCommune('00004', '19')).toMatchObject({ ok: false, code: 'commune-other-province' });
  });
});

describe('reading files', () => {
  const read = (bytes: Buffer, province?: string) =>
    readDirectoryFile(bytes, { clock: importClock, ...(province === undefined ? {} : { province }) });

  it('imports the published template without a single problem', () => {
    const result = read(fixture('../../../public/templates/danh-ba-mau.csv'));
    expect(result.problems).toEqual([]);
    expect(result.points).toHaveLength(3);
  });

  it('reads a semicolon-separated file, as some Excel locales save it', () => {
    const text = validRecords()
      .map((record) => record.map((cell) => (/[;"]/.test(cell) ? `"${cell}"` : cell)).join(';'))
      .join('\r\n');
    const result = read(Buffer.from(text, 'utf8'));
    expect(result.problems).toEqual([]);
    expect(result.points.map((p) => p.rowId)).toEqual([
      'TYT-BABE',
      'TYT-CHORA',
      'MMT-BACKAN',
      'DTV-DUCXUAN',
      'MMT-PHONGQUANG',
    ]);
  });

  it('refuses a file not saved as UTF-8', () => {
    const latin1 = Buffer.from('Mã dòng,Tên điểm\r\nA,Trạm\r\n', 'latin1');
    expect(read(latin1).problems.map((p) => p.code)).toEqual(['file-not-utf8']);
  });

  it('names a missing or unknown column, and ignores the office’s own notes columns', () => {
    const records = validRecords().map((record) => [...record.slice(1), 'x', 'y']);
    const header = records[0];
    if (!header) throw new Error('no header');
    header[header.length - 2] = 'Ghi chú của xã';
    header[header.length - 1] = 'Số giường';
    const result = read(csvBytes(records));
    expect(result.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [1, null, 'unknown-column'],
      [1, 'rowId', 'missing-column'],
    ]);
  });

  it('skips empty lines and restores leading zeros of codes', () => {
    const records = validRecords().map((record, index) =>
      index === 1 ? record.map((cell, i) => (i === 1 ? '19' : i === 2 ? '1906' : cell)) : record,
    );
    records.push(records[0]?.map(() => '') ?? []);
    const result = read(csvBytes(records));
    expect(result.problems).toEqual([]);
    expect(result.points[0]).toMatchObject({ provinceCode: '19', communeCode: '01906' });
    expect(result.rows).toBe(5);
  });

  it('takes the province from --province when the column is left empty', () => {
    const records = validRecords().map((record, index) =>
      index === 0 ? record : record.map((cell, i) => (i === 1 ? '' : cell)),
    );
    expect(read(csvBytes(records), '19').problems).toEqual([]);
    expect(read(csvBytes(records)).problems.every((p) => p.column === 'province' && p.code === 'required')).toBe(true);
  });

  it('refuses a file with no data rows', () => {
    expect(read(csvBytes(validRecords().slice(0, 1))).problems.map((p) => p.code)).toEqual(['file-empty']);
  });

  it('reports one organization given two operator kinds', () => {
    const records = validRecords().map((record) =>
      record[0] === 'MMT-PHONGQUANG' ? record.map((cell, i) => (i === 4 ? 'other' : cell)) : record,
    );
    expect(read(csvBytes(records)).problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [6, 'operatorKind', 'organization-conflict'],
    ]);
  });
});
