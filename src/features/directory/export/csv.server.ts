/**
 * `/open-data/directory.csv`: the directory in the import template's columns (`import/columns.ts`), one row per point,
 * so that exporting and importing again changes nothing. The notification e-mail column is always empty: the import
 * reads an empty cell as "keep what the database has". UTF-8 with a BOM, so Excel shows Vietnamese correctly.
 */
import { stringify } from 'csv-stringify/sync';
import {
  costKinds,
  hsdsStatuses,
  serviceTypes,
  type CostKind,
  type HsdsStatus,
  type ServiceType,
} from '#src/features/lists/index.ts';
import { COLUMNS, type ColumnKey } from '#src/features/directory/import/columns.ts';
import { formatHours, fromByday, fromDbTime, type WeeklyRange } from '#src/features/directory/import/hours.ts';
import type { Database } from '#src/db/types.ts';
import { loadCsvPoints, type CsvPoint, type Visibility } from './load.server.ts';

const CLOSED: ReadonlySet<string> = new Set(['inactive', 'defunct']);

/** The whole CSV text, BOM first. */
export async function directoryCsv(db: Database, visibility: Visibility, province?: string): Promise<string> {
  const points = await loadCsvPoints(db, visibility, province);
  const records = [
    COLUMNS.map((column) => column.vi),
    ...points.map((point) => COLUMNS.map((column) => protect(cellOf(point, column.key)))),
  ];
  return `\uFEFF${stringify(records, { record_delimiter: '\r\n' })}`;
}

function cellOf(point: CsvPoint, key: ColumnKey): string {
  const { location, organization } = point;
  const listed = listedServices(point);
  switch (key) {
    case 'rowId':
      return location.sourceRowId ?? location.id;
    case 'province':
      return location.provinceCode;
    case 'commune':
      return location.communeCode ?? '';
    case 'organization':
      return organization.name;
    case 'operatorKind':
      return organization.operatorKind;
    case 'pointName':
      return location.name;
    case 'address':
      return location.address ?? '';
    case 'lat':
      return location.latitude === null ? '' : String(location.latitude);
    case 'lon':
      return location.longitude === null ? '' : String(location.longitude);
    case 'phones':
      return point.phones.map((p) => p.number).join('; ');
    case 'notificationEmail':
      // Never published: an empty cell, which the import reads as "unchanged".
      return '';
    case 'serviceTypes':
      return inListOrder(
        serviceTypes.codes,
        listed.map((s) => s.service.serviceType as ServiceType),
      ).join('; ');
    case 'cost':
      return inListOrder(
        costKinds.codes,
        listed.flatMap((s) => s.costs.map((c) => c.kind as CostKind)),
      ).join('; ');
    case 'languages':
      return [...new Set(listed.flatMap((s) => s.languages.flatMap((l) => (l.code === null ? [] : [l.code]))))].join(
        '; ',
      );
    case 'minAge':
      return ageLimit(
        listed.map((s) => s.service.minAge),
        Math.min,
      );
    case 'maxAge':
      return ageLimit(
        listed.map((s) => s.service.maxAge),
        Math.max,
      );
    case 'hours':
      return formatHours(weeklyRanges(point));
    case 'status':
      return hsdsStatuses.has(location.status) ? location.status : ('active' satisfies HsdsStatus);
    case 'checkedOn':
      return location.checkedOn ?? '';
    case 'description':
      return location.description;
    case 'descriptionEn':
      return location.descriptionEn ?? '';
    // One service description for the row, as the import writes it to every service the row lists: the first
    // listed service's, in the order of the service types cell (different descriptions come from HSDS JSON only).
    case 'serviceDescription':
      return firstListed(listed)?.service.description ?? '';
    case 'serviceDescriptionEn':
      return firstListed(listed)?.service.descriptionEn ?? '';
  }
}

// The services the row lists: those still offered, or sharing the point's status (a closed point lists what it had).
// A service the row dropped was set inactive while the point stayed active: listing it would bring it back.
function listedServices(point: CsvPoint): CsvPoint['services'] {
  const listed = point.services.filter(
    (s) => !CLOSED.has(s.service.status) || s.service.status === point.location.status,
  );
  return listed.length > 0 ? listed : point.services;
}

function firstListed(listed: CsvPoint['services']): CsvPoint['services'][number] | undefined {
  const rank = (s: CsvPoint['services'][number]) => serviceTypes.codes.indexOf(s.service.serviceType as ServiceType);
  return [...listed].sort((a, b) => rank(a) - rank(b))[0];
}

function inListOrder<Code extends string>(order: readonly Code[], values: readonly Code[]): Code[] {
  const present = new Set(values);
  return order.filter((code) => present.has(code));
}

// One age for the row: the same for every service (as an import writes it), or else the loosest limit.
function ageLimit(values: readonly (number | null)[], pick: (...n: number[]) => number): string {
  if (values.length === 0 || values.some((v) => v === null)) return '';
  return String(pick(...(values as number[])));
}

function weeklyRanges(point: CsvPoint): WeeklyRange[] {
  return point.schedules.flatMap((s) => {
    const days = fromByday(s.byday);
    const opens = fromDbTime(s.opensAt);
    const closes = fromDbTime(s.closesAt);
    return days === undefined || opens === undefined || closes === undefined ? [] : [{ days, opens, closes }];
  });
}

/** A cell starting with = + - @ (or a tab or carriage return) gets a leading apostrophe, so a spreadsheet shows it as
 * text instead of running it as a formula; the import removes that apostrophe again. */
function protect(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
