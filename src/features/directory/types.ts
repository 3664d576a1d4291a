/**
 * The directory as the locator, the intake's routing and the open-data export read it: one "point" is an HSDS location
 * with its organization and the services offered there. Shared contract between `directory/` (loading, demo, import,
 * export) and `locator/` (search, nearest-suitable, pages).
 */
import type { CostKind, HsdsStatus, OperatorKind, ServiceType } from '#src/features/lists/index.ts';

/** Weekly opening hours, local time (Asia/Ho_Chi_Minh). A split day is two entries. */
export interface OpeningHours {
  /** 0 = Sunday … 6 = Saturday (as `Date.getDay()` and `localWeekdayAndMinutes`). */
  weekday: number;
  /** Minutes since local midnight, opening (inclusive) and closing (exclusive). */
  opens: number;
  closes: number;
  /** First and last day (YYYY-MM-DD, inclusive) of a seasonal timetable; absent means no bound. */
  validFrom?: string;
  validTo?: string;
}

/** A date range (inclusive, YYYY-MM-DD) when a point is closed outside its weekly hours. */
export interface Closure {
  startsOn: string;
  endsOn: string;
  description: string | null;
  /** The same in English, for the English pages; absent: they show the Vietnamese one (marked `lang="vi"`). */
  descriptionEn?: string;
}

/** One service offered at a point. */
export interface PointService {
  /** HSDS service id (UUID). */
  id: string;
  type: ServiceType;
  name: string;
  description: string;
  /** The same in English, for the English pages; absent: they show the Vietnamese one (marked `lang="vi"`). */
  descriptionEn?: string;
  status: HsdsStatus;
  costs: readonly CostKind[];
  /** ISO 639-1 codes of the languages the service is given in (e.g. `vi`, `en`, `km`). */
  languages: readonly string[];
  minAge: number | null;
  maxAge: number | null;
  /** Hours of this service at this point when they differ from the point's; otherwise empty. */
  hours: readonly OpeningHours[];
  /** Closures of this service only at this point (the point's own closures apply too); absent or empty when none. */
  closures?: readonly Closure[];
}

/** A public phone number. */
export interface PointPhone {
  number: string;
  description: string | null;
  /** The same in English, for the English pages; absent: they show the Vietnamese one (marked `lang="vi"`). */
  descriptionEn?: string;
}

/** A place that gives help: what the locator lists and the intake routes to. Never carries the notification e-mail. */
export interface DirectoryPoint {
  /** HSDS location id (UUID): the point's stable public id, used in its page URL. */
  id: string;
  name: string;
  description: string;
  /** The same in English, for the English pages; absent: they show the Vietnamese one (marked `lang="vi"`). */
  descriptionEn?: string;
  organization: { id: string; name: string; operatorKind: OperatorKind };
  address: string | null;
  provinceCode: string;
  communeCode: string | null;
  lat: number | null;
  lon: number | null;
  status: HsdsStatus;
  phones: readonly PointPhone[];
  services: readonly PointService[];
  hours: readonly OpeningHours[];
  closures: readonly Closure[];
  /** The date (YYYY-MM-DD) a person last confirmed the listing; distinct from `updatedAt`. */
  checkedOn: string | null;
  updatedAt: string;
  /** Generated demo data: every page showing it says so. */
  isDemo: boolean;
}
