/**
 * The point edit form: reading and checking what an administrator typed, with no database. It reuses the directory
 * import's cell parsers, so a phone number or opening hours accepted here are exactly what a spreadsheet import
 * accepts (and are written back in the same shape).
 */
import { parseHours, type WeeklyRange } from '#src/features/directory/import/hours.ts';
import { parseEmail, parsePhone } from '#src/features/directory/import/values.ts';
import { hsdsStatuses, serviceTypes, type HsdsStatus, type ServiceType } from '#src/features/lists/index.ts';
import { isMailAddress } from '#src/features/outbox/message.ts';
import type { MessageKey } from '#src/i18n/index.ts';

export const POINT_NAME_MAX = 200;
export const POINT_ADDRESS_MAX = 300;
export const POINT_PHONES_MAX = 10;

/** What the form holds once checked. */
export interface PointEdit {
  readonly name: string;
  readonly address: string | null;
  readonly phones: readonly string[];
  readonly hours: readonly WeeklyRange[];
  readonly services: readonly ServiceType[];
  readonly status: HsdsStatus;
  readonly notificationEmail: string | null;
}

/** What was typed, shown back when the form needs correcting. */
export interface PointFormValues {
  readonly name: string;
  readonly address: string;
  readonly phones: string;
  readonly hours: string;
  readonly services: readonly string[];
  readonly status: string;
  readonly notificationEmail: string;
}

export interface PointFormProblem {
  readonly field: keyof PointFormValues;
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, string | number>>;
}

export type PointFormResult =
  | { readonly ok: true; readonly edit: PointEdit; readonly values: PointFormValues }
  | { readonly ok: false; readonly problems: readonly PointFormProblem[]; readonly values: PointFormValues };

/** Splits the phones box: one number a line, or separated by commas or semicolons. */
export function splitPhones(raw: string): string[] {
  return raw
    .split(/[\n\r,;]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Checks the posted point form. */
export function readPointForm(fields: URLSearchParams): PointFormResult {
  const values: PointFormValues = {
    name: (fields.get('name') ?? '').trim(),
    address: (fields.get('address') ?? '').trim(),
    phones: fields.get('phones') ?? '',
    hours: fields.get('hours') ?? '',
    services: fields.getAll('services'),
    status: (fields.get('status') ?? '').trim(),
    notificationEmail: (fields.get('notificationEmail') ?? '').trim(),
  };
  const problems: PointFormProblem[] = [];

  if (values.name === '') problems.push({ field: 'name', key: 'console.admin.point.error.nameRequired' });
  else if ([...values.name].length > POINT_NAME_MAX)
    problems.push({ field: 'name', key: 'console.admin.point.error.nameTooLong', params: { max: POINT_NAME_MAX } });

  if ([...values.address].length > POINT_ADDRESS_MAX)
    problems.push({
      field: 'address',
      key: 'console.admin.point.error.addressTooLong',
      params: { max: POINT_ADDRESS_MAX },
    });

  const phones: string[] = [];
  const typedPhones = splitPhones(values.phones);
  if (typedPhones.length > POINT_PHONES_MAX)
    problems.push({
      field: 'phones',
      key: 'console.admin.point.error.phonesTooMany',
      params: { max: POINT_PHONES_MAX },
    });
  else {
    for (const typed of typedPhones) {
      const parsed = parsePhone(typed);
      if (!parsed.ok) {
        problems.push({ field: 'phones', key: 'console.admin.point.error.phoneInvalid', params: { value: typed } });
        break;
      }
      if (!phones.includes(parsed.value)) phones.push(parsed.value);
    }
  }

  const hours = parseHours(values.hours);
  if (!hours.ok)
    problems.push({
      field: 'hours',
      key: 'console.admin.point.error.hoursInvalid',
      params: { value: hours.detail ?? values.hours.trim() },
    });

  const services = [...new Set(values.services)];
  if (services.length === 0) problems.push({ field: 'services', key: 'console.admin.point.error.servicesRequired' });
  else if (!services.every((code) => serviceTypes.has(code)))
    problems.push({ field: 'services', key: 'console.admin.point.error.servicesRequired' });

  if (!hsdsStatuses.has(values.status))
    problems.push({ field: 'status', key: 'console.admin.point.error.statusRequired' });

  let notificationEmail: string | null = null;
  if (values.notificationEmail !== '') {
    const parsed = parseEmail(values.notificationEmail);
    if (!parsed.ok || !isMailAddress(parsed.value))
      problems.push({ field: 'notificationEmail', key: 'console.admin.point.error.emailInvalid' });
    else notificationEmail = parsed.value;
  }

  if (problems.length > 0 || !hours.ok) return { ok: false, problems, values };
  return {
    ok: true,
    values,
    edit: {
      name: values.name,
      address: values.address === '' ? null : values.address,
      phones,
      hours: hours.value,
      services: services.filter((code): code is ServiceType => serviceTypes.has(code)),
      status: values.status as HsdsStatus,
      notificationEmail,
    },
  };
}
