import { describe, expect, it } from 'vitest';
import { readPointForm, splitPhones } from '#src/features/console/admin/point-form.ts';

const form = (fields: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) params.append(name, one);
  return params;
};
const good = {
  name: ' Trạm Y tế phường Ba Đình ',
  address: 'Số 1, phố Thử',
  phones: '024 3823 1234\n0912 345 678',
  hours: 'T2-T6 07:30-11:30, 13:30-17:00',
  services: ['counselling', 'consultation-point'],
  status: 'active',
  notificationEmail: 'Tram@Example.GOV.vn',
};

describe('the point edit form', () => {
  it('reads a good form into clean values', () => {
    const result = readPointForm(form(good));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.edit.name).toBe('Trạm Y tế phường Ba Đình');
    expect(result.edit.phones).toEqual(['02438231234', '0912345678']);
    expect(result.edit.hours).toHaveLength(2);
    expect(result.edit.services).toEqual(['counselling', 'consultation-point']);
    expect(result.edit.notificationEmail).toBe('Tram@example.gov.vn');
  });

  it('takes empty optional fields as none', () => {
    const result = readPointForm(form({ ...good, address: '', phones: '', hours: '', notificationEmail: '' }));
    expect(result.ok && result.edit).toMatchObject({ address: null, phones: [], hours: [], notificationEmail: null });
  });

  it('names every field that needs correcting, with what was typed kept', () => {
    const result = readPointForm(
      form({
        name: '',
        phones: '12ab',
        hours: 'sometimes',
        services: ['nonsense'],
        status: 'open',
        notificationEmail: 'nope',
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.field)).toEqual([
      'name',
      'phones',
      'hours',
      'services',
      'status',
      'notificationEmail',
    ]);
    expect(result.values.phones).toBe('12ab');
    expect(result.problems.find((problem) => problem.field === 'phones')?.params).toEqual({ value: '12ab' });
  });

  it('asks for at least one service', () => {
    const result = readPointForm(form({ ...good, services: [] }));
    expect(!result.ok && result.problems.map((problem) => problem.key)).toEqual([
      'console.admin.point.error.servicesRequired',
    ]);
  });

  it('splits phones on lines, commas and semicolons', () => {
    expect(splitPhones('115; 113,\n 111 \n\n')).toEqual(['115', '113', '111']);
  });
});
