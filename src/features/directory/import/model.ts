/** What one spreadsheet row (or one HSDS location with its services) becomes once it has been checked. */
import type { CostKind, HsdsStatus, OperatorKind, ServiceType } from '#src/features/lists/index.ts';
import type { WeeklyRange } from './hours.ts';

/** One service offered at a point. */
export interface ImportService {
  readonly type: ServiceType;
  /** A name given by the file (HSDS JSON); the CSV has none and new services are named after their type. */
  readonly name: string | undefined;
  readonly status: HsdsStatus;
  readonly costs: readonly CostKind[];
  /** ISO 639 codes. */
  readonly languages: readonly string[];
  readonly minAge: number | null;
  readonly maxAge: number | null;
  /** Descriptions in Vietnamese and in English: undefined keeps what the database has (no such column), null clears. */
  readonly description: string | null | undefined;
  readonly descriptionEn: string | null | undefined;
}

/** One point, ready to be written. */
export interface ImportPoint {
  /** Where it came from in the file (spreadsheet row, or position of its first service in the JSON). */
  readonly row: number;
  readonly rowId: string;
  readonly provinceCode: string;
  readonly communeCode: string;
  readonly organization: { readonly name: string; readonly operatorKind: OperatorKind };
  readonly name: string;
  readonly address: string | null;
  readonly lat: number;
  readonly lon: number;
  /** National-form numbers, in the order given. */
  readonly phones: readonly string[];
  /** undefined: keep what the database has (an empty cell; the export never carries it); null: remove it. */
  readonly notificationEmail: string | null | undefined;
  readonly services: readonly ImportService[];
  readonly hours: readonly WeeklyRange[];
  readonly status: HsdsStatus;
  readonly checkedOn: string | null;
  /** The point's descriptions in Vietnamese and in English: undefined keeps what the database has, null clears. */
  readonly description: string | null | undefined;
  readonly descriptionEn: string | null | undefined;
}
