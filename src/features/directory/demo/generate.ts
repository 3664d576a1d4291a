/**
 * The demo directory: made-up consultation points in all 34 provinces, generated from the admin-unit data, so the
 * portal can be tried end to end without real data (`DEMO=1`). Deterministic: a seeded generator per province (no
 * `Math.random`, no clock) and name-based UUIDs, so every run, on every machine, gives the same rows and ids.
 *
 * Everything here is marked as demo: `is_demo = true`, descriptions say "dữ liệu minh họa" ("demo data" in their
 * English versions, which the English pages show), notification addresses are
 * `…@example.invalid` (a reserved domain that can never receive mail), and phone numbers have a subscriber part
 * beginning with 000, which is never assigned, in the usual 0AAA XXX XXXX layout.
 *
 * Pure (no database): `seed.server.ts` writes the rows; the benchmark builds points from them directly.
 */
import { listCommunes, listProvinces } from '#src/features/admin-units/index.ts';
import type { Commune, Province } from '#src/features/admin-units/index.ts';
import type { CostKind, HsdsStatus, OperatorKind, ServiceType } from '#src/features/lists/index.ts';
import { assembleDirectory } from '../assemble.ts';
import type { DirectoryPoint } from '../types.ts';
import { uuidV5 } from '../uuid-v5.ts';
import { type Prng, seededPrng } from './prng.ts';

/** The namespace of every demo id. Never change it: every demo id would change with it. */
export const DEMO_NAMESPACE = 'eb2bba85-5105-4065-bd36-810d631e80d3';

// Part of every seed; bump it to generate a different demo directory on purpose.
const SEED_VERSION = 'demo-directory:v1';

/** An organization row of the demo directory (insertable as is). */
export interface DemoOrganization {
  id: string;
  name: string;
  description: string;
  operatorKind: OperatorKind;
  isDemo: true;
}

/** A location row (insertable as is). */
export interface DemoLocation {
  id: string;
  organizationId: string;
  name: string;
  description: string;
  /** The description in English (`locations.description_en`). */
  descriptionEn: string;
  address: string;
  provinceCode: string;
  communeCode: string;
  latitude: number;
  longitude: number;
  notificationEmail: string;
  status: HsdsStatus;
  checkedOn: string | null;
  isDemo: true;
}

/** A service row (insertable as is). */
export interface DemoService {
  id: string;
  organizationId: string;
  name: string;
  description: string;
  /** The description in English (`services.description_en`). */
  descriptionEn: string;
  serviceType: ServiceType;
  status: HsdsStatus;
  minAge: number | null;
  maxAge: number | null;
  alert: string | null;
  checkedOn: string | null;
  isDemo: true;
}

/** A service_at_location row. */
export interface DemoServiceAtLocation {
  id: string;
  serviceId: string;
  locationId: string;
}

/** A weekly schedule row, of a location or of one service at it. */
export interface DemoSchedule {
  id: string;
  locationId: string | null;
  serviceAtLocationId: string | null;
  byday: string;
  opensAt: string;
  closesAt: string;
  validFrom: null;
  validTo: null;
}

/** A closure row of a location. */
export interface DemoClosure {
  id: string;
  locationId: string;
  serviceAtLocationId: null;
  startsOn: string;
  endsOn: string;
  description: string;
  descriptionEn: string;
}

/** A location's public phone. */
export interface DemoPhone {
  id: string;
  organizationId: null;
  serviceId: null;
  locationId: string;
  serviceAtLocationId: null;
  number: string;
  description: string;
  descriptionEn: string;
}

/** A language a service is given in. */
export interface DemoLanguage {
  id: string;
  serviceId: string;
  locationId: null;
  name: string;
  code: string;
}

/** A cost option of a service. */
export interface DemoCostOption {
  id: string;
  serviceId: string;
  kind: CostKind;
  option: string | null;
  amount: string | null;
  amountDescription: string | null;
  validFrom: null;
  validTo: null;
}

/** The demo directory as table rows, in insertion order (parents before children). */
export interface DemoDirectory {
  organizations: DemoOrganization[];
  locations: DemoLocation[];
  services: DemoService[];
  serviceAtLocation: DemoServiceAtLocation[];
  schedules: DemoSchedule[];
  closures: DemoClosure[];
  phones: DemoPhone[];
  languages: DemoLanguage[];
  costOptions: DemoCostOption[];
}

/** Options of {@link generateDemoDirectory}. */
export interface DemoOptions {
  /**
   * Generate about this many points in all, shared between provinces by their number of communes (the benchmark's
   * 10,000). Unset: the demo directory proper, 3 to 6 points per province.
   */
  totalPoints?: number;
}

type PointKind =
  | 'health-station'
  | 'community-point'
  | 'methadone-clinic'
  | 'rehab-facility'
  | 'support-group'
  | 'mental-health-clinic';

// Provinces with many people on opioid substitution treatment always have a methadone clinic in the demo; the others
// have one by chance, so that some provinces have none and the locator's fallback to a neighbour shows.
const METHADONE_ALWAYS = new Set(['01', '11', '22', '31', '40', '79']);
const REHAB_ALWAYS = new Set(['01', '79']);

// Minority languages spoken in the province (ISO 639 codes as the schema allows: 2 or 3 lower-case letters).
const MINORITY_LANGUAGES: Readonly<Record<string, { code: string; name: string }>> = {
  '04': { code: 'tyz', name: 'Tiếng Tày' },
  '08': { code: 'hmn', name: "Tiếng H'Mông" },
  '11': { code: 'hmn', name: "Tiếng H'Mông" },
  '12': { code: 'hmn', name: "Tiếng H'Mông" },
  '14': { code: 'blt', name: 'Tiếng Thái' },
  '15': { code: 'hmn', name: "Tiếng H'Mông" },
  '19': { code: 'tyz', name: 'Tiếng Tày' },
  '20': { code: 'tyz', name: 'Tiếng Tày' },
  '51': { code: 'sed', name: 'Tiếng Xơ Đăng' },
  '52': { code: 'jra', name: 'Tiếng Gia Rai' },
  '66': { code: 'rad', name: 'Tiếng Ê Đê' },
  '68': { code: 'kpm', name: "Tiếng K'Ho" },
  '86': { code: 'km', name: 'Tiếng Khmer' },
  '91': { code: 'km', name: 'Tiếng Khmer' },
  '92': { code: 'km', name: 'Tiếng Khmer' },
  '96': { code: 'km', name: 'Tiếng Khmer' },
};
// Where foreign residents and visitors are many, some services are also given in English.
const ENGLISH_PROVINCES = new Set(['01', '48', '56', '79', '91']);

const WEEKDAYS = 'MO,TU,WE,TH,FR';
const EVERY_DAY = 'MO,TU,WE,TH,FR,SA,SU';

const CLOSURES = [
  {
    startsOn: '2026-12-14',
    endsOn: '2026-12-15',
    description: 'Tập huấn chuyên môn cho nhân viên',
    descriptionEn: 'Staff training',
  },
  {
    startsOn: '2026-12-28',
    endsOn: '2026-12-28',
    description: 'Họp tổng kết năm',
    descriptionEn: 'End-of-year meeting',
  },
  {
    startsOn: '2027-01-11',
    endsOn: '2027-01-13',
    description: 'Sửa chữa phòng tư vấn',
    descriptionEn: 'Repairs to the counselling room',
  },
] as const;

/** A text of the demo directory in both languages: Vietnamese in `description`, English in `description_en`. */
interface Text {
  vi: string;
  en: string;
}

const DEMO_NOTE: Text = {
  vi: 'Đây là dữ liệu minh họa (demo), không phải một địa điểm có thật.',
  en: 'This is demo data, not a real place.',
};

/** A text followed by the demo note, in each language. */
function withNote(text: Text): { description: string; descriptionEn: string } {
  return { description: `${text.vi} ${DEMO_NOTE.vi}`, descriptionEn: `${text.en} ${DEMO_NOTE.en}` };
}

/** Generates the demo directory (see the module comment). The same options always give the same rows. */
export function generateDemoDirectory(options: DemoOptions = {}): DemoDirectory {
  const directory: DemoDirectory = {
    organizations: [],
    locations: [],
    services: [],
    serviceAtLocation: [],
    schedules: [],
    closures: [],
    phones: [],
    languages: [],
    costOptions: [],
  };
  const counts = options.totalPoints === undefined ? undefined : shareByCommunes(options.totalPoints);
  for (const province of listProvinces()) {
    const prng = seededPrng(`${SEED_VERSION}:${province.code}`);
    const count = counts?.get(province.code) ?? 3 + prng.int(4);
    new ProvinceBuilder(province, prng, directory).build(count, counts !== undefined);
  }
  return directory;
}

/**
 * The demo directory's points, built from its rows as the loader builds them from the database (`updatedAt` for every
 * row; `today` drops closures that have ended).
 */
export function demoDirectoryPoints(directory: DemoDirectory, updatedAt: Date, today: string): DirectoryPoint[] {
  const stamp = <T>(rows: readonly T[]) => rows.map((row) => ({ ...row, updatedAt }));
  return assembleDirectory(
    {
      organizations: stamp(directory.organizations),
      locations: stamp(directory.locations),
      services: stamp(directory.services),
      serviceAtLocation: directory.serviceAtLocation,
      schedules: directory.schedules,
      closures: directory.closures,
      phones: directory.phones,
      languages: directory.languages,
      costOptions: directory.costOptions,
    },
    today,
  );
}

/** Splits `total` points between provinces in proportion to their communes (largest remainders), at least 1 each. */
function shareByCommunes(total: number): Map<string, number> {
  const provinces = listProvinces();
  const all = listCommunes().length;
  const shares = provinces.map((province) => {
    const exact = (total * listCommunes(province.code).length) / all;
    return { code: province.code, count: Math.max(1, Math.floor(exact)), remainder: exact - Math.floor(exact) };
  });
  let left = total - shares.reduce((sum, share) => sum + share.count, 0);
  for (const share of [...shares].sort((a, b) => b.remainder - a.remainder || (a.code < b.code ? -1 : 1))) {
    if (left <= 0) break;
    share.count += 1;
    left -= 1;
  }
  return new Map(shares.map((share) => [share.code, share.count]));
}

interface ServiceSpec {
  type: ServiceType;
  name: string;
  description: Text;
  costs: readonly { kind: CostKind; amount?: number; amountDescription?: string; option?: string }[];
  minAge?: number;
  maxAge?: number;
  /** Hours of this service at the point when they differ from the point's. */
  hours?: readonly { byday: string; opens: string; closes: string }[];
  /** Chance of a minority language / English beside Vietnamese. */
  minorityChance: number;
}

/** Builds one province's points into the shared rows. */
class ProvinceBuilder {
  private readonly province: Province;
  private readonly prng: Prng;
  private readonly out: DemoDirectory;
  private readonly communes: readonly Commune[];
  private readonly used = new Set<string>();
  private readonly names = new Map<string, number>();
  private ordinal = 0;

  constructor(province: Province, prng: Prng, out: DemoDirectory) {
    this.province = province;
    this.prng = prng;
    this.out = out;
    this.communes = listCommunes(province.code);
  }

  build(count: number, scaled: boolean): void {
    const { prng, province } = this;
    const hasMethadone = METHADONE_ALWAYS.has(province.code) || prng.chance(0.45);
    const hasRehab = REHAB_ALWAYS.has(province.code) || prng.chance(0.5);
    // The province's first ward (usually its capital's centre), else its first commune.
    const hub = this.communes.find((commune) => commune.type === 'Phường') ?? this.communes[0];
    if (hub === undefined) return;

    const kinds: PointKind[] = ['health-station', 'community-point'];
    if (hasMethadone) kinds.push('methadone-clinic');
    if (hasRehab) kinds.push('rehab-facility');
    const extra: PointKind[] = ['health-station', 'community-point', 'support-group', 'mental-health-clinic'];
    if (scaled) {
      // At benchmark scale, mostly commune-level points, as a real national directory would be.
      extra.push('health-station', 'health-station', 'community-point');
      if (hasMethadone) extra.push('methadone-clinic');
    }
    while (kinds.length < count) kinds.push(prng.pick(extra));

    kinds.forEach((kind, slot) => {
      // The first two share the hub commune half the time: a commune with two points, as towns often have.
      const commune = slot === 0 || (slot === 1 && prng.chance(0.5)) ? hub : this.pickCommune();
      this.used.add(commune.code);
      this.addPoint(kind, commune);
    });
  }

  private pickCommune(): Commune {
    for (let attempt = 0; attempt < 12; attempt++) {
      const commune = this.prng.pick(this.communes);
      if (!this.used.has(commune.code)) return commune;
    }
    return this.prng.pick(this.communes);
  }

  private addPoint(kind: PointKind, commune: Commune): void {
    const { prng, province, out } = this;
    this.ordinal += 1;
    const key = `${province.code}-${this.ordinal}`;
    const unit = `${lowerTypeWord(commune.type)} ${commune.name}`;
    const shape = pointShape(kind, commune, unit, province, prng);
    const name = this.uniqueName(shape.name);
    const organizationId = id(`organization:${key}`);
    const locationId = id(`location:${key}`);
    const closedForNow = prng.chance(0.04);
    const checkedOn = prng.chance(0.7) ? `2026-${pad(1 + prng.int(10), 2)}-${pad(1 + prng.int(28), 2)}` : null;

    out.organizations.push({
      id: organizationId,
      name: shape.organization === shape.name ? name : shape.organization,
      description: DEMO_NOTE.vi,
      operatorKind: shape.operatorKind,
      isDemo: true,
    });
    out.locations.push({
      id: locationId,
      organizationId,
      name,
      ...withNote(shape.description),
      address: `Địa chỉ minh họa, ${commune.fullName}, ${province.fullName}`,
      provinceCode: province.code,
      communeCode: commune.code,
      // Slightly off the commune's interior point (up to ~300 m), so points of one commune do not sit on each other.
      latitude: round5(commune.lat + (prng.next() - 0.5) * 0.006),
      longitude: round5(commune.lon + (prng.next() - 0.5) * 0.006),
      notificationEmail: `diem-${key}@example.invalid`,
      status: closedForNow ? 'temporarily closed' : 'active',
      checkedOn,
      isDemo: true,
    });
    out.phones.push({
      id: id(`phone:${key}`),
      organizationId: null,
      serviceId: null,
      locationId,
      serviceAtLocationId: null,
      number: `02${province.code} 000 ${pad(this.ordinal, 4)}`,
      ...(kind === 'rehab-facility'
        ? {
            description: 'Trực 24/7 (số minh họa, không gọi được)',
            descriptionEn: 'Answered 24/7 (demo number, it cannot be called)',
          }
        : { description: 'Số minh họa, không gọi được', descriptionEn: 'Demo number, it cannot be called' }),
    });
    shape.hours.forEach((hours, index) => {
      out.schedules.push({
        id: id(`schedule:${key}:${index}`),
        locationId,
        serviceAtLocationId: null,
        byday: hours.byday,
        opensAt: hours.opens,
        closesAt: hours.closes,
        validFrom: null,
        validTo: null,
      });
    });
    if (prng.chance(0.1)) {
      const closure = prng.pick(CLOSURES);
      out.closures.push({ id: id(`closure:${key}`), locationId, serviceAtLocationId: null, ...closure });
    }

    const minority = MINORITY_LANGUAGES[province.code];
    for (const spec of shape.services) {
      const serviceKey = `${key}:${spec.type}`;
      const serviceId = id(`service:${serviceKey}`);
      const linkId = id(`service-at-location:${serviceKey}`);
      out.services.push({
        id: serviceId,
        organizationId,
        name: spec.name,
        ...withNote(spec.description),
        serviceType: spec.type,
        status: prng.chance(0.03) ? 'inactive' : 'active',
        minAge: spec.minAge ?? null,
        maxAge: spec.maxAge ?? null,
        alert: closedForNow ? 'Tạm ngừng tiếp nhận đến khi có thông báo mới (minh họa).' : null,
        checkedOn,
        isDemo: true,
      });
      out.serviceAtLocation.push({ id: linkId, serviceId, locationId });
      (spec.hours ?? []).forEach((hours, index) => {
        out.schedules.push({
          id: id(`schedule:${serviceKey}:${index}`),
          locationId: null,
          serviceAtLocationId: linkId,
          byday: hours.byday,
          opensAt: hours.opens,
          closesAt: hours.closes,
          validFrom: null,
          validTo: null,
        });
      });
      const languages = [{ code: 'vi', name: 'Tiếng Việt' }];
      if (minority !== undefined && prng.chance(spec.minorityChance)) languages.push(minority);
      if (prng.chance(ENGLISH_PROVINCES.has(province.code) ? 0.35 : 0.03))
        languages.push({ code: 'en', name: 'Tiếng Anh' });
      for (const language of languages) {
        out.languages.push({
          id: id(`language:${serviceKey}:${language.code}`),
          serviceId,
          locationId: null,
          ...language,
        });
      }
      for (const cost of spec.costs) {
        out.costOptions.push({
          id: id(`cost:${serviceKey}:${cost.kind}`),
          serviceId,
          kind: cost.kind,
          option: cost.option ?? null,
          amount: cost.amount === undefined ? null : cost.amount.toFixed(2),
          amountDescription: cost.amountDescription ?? null,
          validFrom: null,
          validTo: null,
        });
      }
    }
  }

  /** Names are unique within a province ("… (điểm 2)" for a second point of the same name). */
  private uniqueName(name: string): string {
    const seen = (this.names.get(name) ?? 0) + 1;
    this.names.set(name, seen);
    return seen === 1 ? name : `${name} (điểm ${seen})`;
  }
}

interface PointShape {
  name: string;
  organization: string;
  operatorKind: OperatorKind;
  description: Text;
  hours: { byday: string; opens: string; closes: string }[];
  services: ServiceSpec[];
}

// Weekday office hours of public bodies, with the lunch break.
function officeHours(saturdayMorning: boolean): PointShape['hours'] {
  const hours = [
    { byday: WEEKDAYS, opens: '07:30', closes: '11:30' },
    { byday: WEEKDAYS, opens: '13:30', closes: '17:00' },
  ];
  if (saturdayMorning) hours.push({ byday: 'SA', opens: '07:30', closes: '11:30' });
  return hours;
}

function pointShape(kind: PointKind, commune: Commune, unit: string, province: Province, prng: Prng): PointShape {
  const provinceUnit = `${lowerTypeWord(province.type)} ${province.name}`;
  switch (kind) {
    case 'health-station': {
      const services: ServiceSpec[] = [
        {
          type: 'counselling',
          name: 'Tư vấn về ma túy và cai nghiện',
          description: {
            vi: 'Tư vấn cho người sử dụng ma túy và gia đình, giữ bí mật.',
            en: 'Confidential counselling for people who use drugs and their families.',
          },
          costs: [{ kind: 'free' }],
          minorityChance: 0.5,
        },
      ];
      if (prng.chance(0.55)) {
        services.push({
          type: 'hiv-hepatitis-testing',
          name: 'Xét nghiệm HIV, viêm gan B và C',
          description: {
            vi: 'Xét nghiệm tự nguyện, có tư vấn trước và sau xét nghiệm.',
            en: 'Voluntary testing, with counselling before and after the test.',
          },
          costs: [{ kind: 'free' }, { kind: 'insurance' }],
          hours: [{ byday: 'TU,TH', opens: '07:30', closes: '11:30' }],
          minorityChance: 0.3,
        });
      }
      if (prng.chance(0.4)) {
        services.push({
          type: 'voluntary-rehab',
          name: 'Cai nghiện tự nguyện tại gia đình',
          description: {
            vi: 'Lập kế hoạch và theo dõi cai nghiện tại gia đình.',
            en: 'Planning and follow-up for stopping drug use at home.',
          },
          costs: [{ kind: 'free' }],
          minAge: 12,
          minorityChance: 0.5,
        });
      }
      if (prng.chance(0.2)) {
        services.push({
          type: 'mental-health',
          name: 'Khám, tư vấn sức khỏe tâm thần ban đầu',
          description: {
            vi: 'Sàng lọc trầm cảm, lo âu; chuyển tuyến khi cần.',
            en: 'Screening for depression and anxiety, and referral when needed.',
          },
          costs: [{ kind: 'insurance' }],
          minorityChance: 0.3,
        });
      }
      return {
        name: `Trạm Y tế ${unit}`,
        organization: `Trạm Y tế ${unit}`,
        operatorKind: 'health-station',
        description: {
          vi: 'Trạm y tế tiếp nhận tư vấn về ma túy trong giờ hành chính.',
          en: 'The health station gives counselling about drugs during office hours.',
        },
        hours: officeHours(prng.chance(0.4)),
        services,
      };
    }
    case 'community-point': {
      const services: ServiceSpec[] = [
        {
          type: 'consultation-point',
          name: 'Tư vấn, hỗ trợ cai nghiện tại cộng đồng',
          description: {
            vi: 'Tiếp nhận, tư vấn và kết nối dịch vụ cho người sử dụng ma túy và gia đình.',
            en: 'Advice, and referral to other services, for people who use drugs and their families.',
          },
          costs: [{ kind: 'free' }],
          minorityChance: 0.5,
        },
        {
          type: 'voluntary-rehab',
          name: 'Hỗ trợ cai nghiện tự nguyện tại cộng đồng',
          description: {
            vi: 'Đăng ký và hỗ trợ cai nghiện tự nguyện tại cộng đồng.',
            en: 'Registration and support for voluntary treatment in the community.',
          },
          costs: [{ kind: 'free' }],
          minAge: 12,
          minorityChance: 0.5,
        },
      ];
      if (prng.chance(0.4)) {
        services.push({
          type: 'post-rehab-support',
          name: 'Hỗ trợ sau cai: việc làm, học nghề',
          description: {
            vi: 'Giới thiệu việc làm, học nghề và vay vốn cho người sau cai nghiện.',
            en: 'Help with finding work, vocational training and loans after treatment.',
          },
          costs: [{ kind: 'free' }],
          minAge: 16,
          minorityChance: 0.5,
        });
      }
      return {
        name: `Điểm tư vấn cộng đồng ${unit}`,
        organization: `Điểm tư vấn cộng đồng ${unit}`,
        operatorKind: 'community-point',
        description: {
          vi: 'Điểm tư vấn, hỗ trợ cai nghiện ma túy tại cộng đồng.',
          en: 'A community point for counselling and support for people who want to stop using drugs.',
        },
        hours: officeHours(prng.chance(0.5)),
        services,
      };
    }
    case 'methadone-clinic':
      return {
        name: `Cơ sở điều trị methadone ${commune.name}`,
        organization: `Trung tâm Y tế khu vực ${commune.name}`,
        operatorKind: 'health-facility',
        description: {
          vi: 'Cấp phát thuốc methadone hằng ngày, kể cả ngày lễ.',
          en: 'Gives out methadone every day, public holidays included.',
        },
        // Methadone is taken every day: the clinic dispenses seven days a week.
        hours: [
          { byday: EVERY_DAY, opens: '06:30', closes: '11:00' },
          { byday: EVERY_DAY, opens: '13:30', closes: '16:30' },
        ],
        services: [
          {
            type: 'methadone',
            name: 'Điều trị nghiện các chất dạng thuốc phiện bằng methadone',
            description: {
              vi: 'Khám, đánh giá và điều trị duy trì bằng methadone.',
              en: 'Assessment and maintenance treatment with methadone.',
            },
            costs: [
              { kind: 'insurance' },
              { kind: 'fee', amount: 10_000, amountDescription: 'mỗi ngày uống thuốc (minh họa)' },
            ],
            minAge: 16,
            minorityChance: 0.2,
          },
          {
            type: 'counselling',
            name: 'Tư vấn tuân thủ điều trị',
            description: {
              vi: 'Tư vấn cho người đang điều trị và gia đình.',
              en: 'Counselling for people in treatment and their families.',
            },
            costs: [{ kind: 'free' }],
            minorityChance: 0.2,
          },
          {
            type: 'hiv-hepatitis-testing',
            name: 'Xét nghiệm HIV, viêm gan',
            description: {
              vi: 'Xét nghiệm định kỳ cho người điều trị và người có nhu cầu.',
              en: 'Regular testing for people in treatment and for anyone who asks.',
            },
            costs: [{ kind: 'free' }],
            minorityChance: 0.2,
          },
        ],
      };
    case 'rehab-facility': {
      const services: ServiceSpec[] = [
        {
          type: 'rehab-facility',
          name: 'Cai nghiện ma túy tự nguyện tại cơ sở',
          description: {
            vi: 'Cai nghiện nội trú có điều trị, tư vấn và lao động trị liệu.',
            en: 'Residential treatment with medical care, counselling and work therapy.',
          },
          costs: [
            {
              kind: 'fee',
              amount: 1_500_000,
              amountDescription: 'mỗi tháng, gồm ăn ở (minh họa)',
              option: 'Miễn, giảm cho hộ nghèo',
            },
          ],
          minAge: 18,
          minorityChance: 0.2,
        },
        {
          type: 'counselling',
          name: 'Tư vấn trước khi vào cơ sở',
          description: {
            vi: 'Tư vấn cho người muốn cai nghiện tại cơ sở và gia đình.',
            en: 'Counselling for people thinking about residential treatment, and their families.',
          },
          costs: [{ kind: 'free' }],
          minAge: 18,
          minorityChance: 0.2,
        },
      ];
      if (prng.chance(0.5)) {
        services.push({
          type: 'post-rehab-support',
          name: 'Dạy nghề, hỗ trợ tái hòa nhập cộng đồng',
          description: {
            vi: 'Học nghề trong thời gian cai và kết nối việc làm khi trở về.',
            en: 'Vocational training during treatment and help finding work afterwards.',
          },
          costs: [{ kind: 'free' }],
          minAge: 18,
          minorityChance: 0.2,
        });
      }
      return {
        name: `Cơ sở cai nghiện ma túy ${provinceUnit}`,
        organization: `Cơ sở cai nghiện ma túy ${provinceUnit}`,
        operatorKind: 'police-facility',
        description: {
          vi: 'Cơ sở cai nghiện nội trú, tiếp nhận 24 giờ mỗi ngày.',
          en: 'A residential treatment facility, admitting people 24 hours a day.',
        },
        hours: [{ byday: EVERY_DAY, opens: '00:00', closes: '24:00' }],
        services,
      };
    }
    case 'support-group': {
      const services: ServiceSpec[] = [
        {
          type: 'post-rehab-support',
          name: 'Nhóm tự lực, hỗ trợ việc làm và vay vốn sau cai',
          description: {
            vi: 'Sinh hoạt nhóm, giới thiệu việc làm và vốn vay ưu đãi.',
            en: 'Group meetings, help with finding work and low-interest loans.',
          },
          costs: [{ kind: 'free' }],
          minAge: 16,
          minorityChance: 0.5,
        },
      ];
      if (prng.chance(0.6)) {
        services.push({
          type: 'counselling',
          name: 'Tư vấn đồng đẳng',
          description: {
            vi: 'Trò chuyện với người đã từng cai nghiện thành công.',
            en: 'Talk with people who have stopped using drugs themselves.',
          },
          costs: [{ kind: 'free' }],
          minorityChance: 0.5,
        });
      }
      return {
        name: `Nhóm hỗ trợ sau cai ${unit}`,
        organization: `Hội Liên hiệp Phụ nữ ${unit}`,
        operatorKind: 'social-organisation',
        description: {
          vi: 'Nhóm hỗ trợ người sau cai nghiện và gia đình, sinh hoạt buổi tối và sáng thứ Bảy.',
          en: 'A support group for people after treatment and their families, meeting on weekday evenings and Saturday mornings.',
        },
        hours: [
          { byday: 'TU,TH', opens: '18:00', closes: '20:30' },
          { byday: 'SA', opens: '08:00', closes: '11:00' },
        ],
        services,
      };
    }
    case 'mental-health-clinic': {
      const youth = prng.chance(0.25);
      const services: ServiceSpec[] = [
        {
          type: 'mental-health',
          name: 'Khám và điều trị sức khỏe tâm thần',
          description: {
            vi: 'Khám, điều trị rối loạn tâm thần liên quan đến sử dụng chất.',
            en: 'Diagnosis and treatment of mental health conditions related to substance use.',
          },
          costs: [
            { kind: 'insurance' },
            { kind: 'fee', amount: 150_000, amountDescription: 'mỗi lần khám (minh họa)' },
          ],
          minorityChance: 0.2,
        },
        youth
          ? {
              type: 'counselling',
              name: 'Tư vấn tâm lý cho thanh thiếu niên',
              description: {
                vi: 'Tư vấn cho người từ 12 đến 24 tuổi.',
                en: 'Counselling for young people aged 12 to 24.',
              },
              costs: [{ kind: 'free' }],
              minAge: 12,
              maxAge: 24,
              minorityChance: 0.2,
            }
          : {
              type: 'counselling',
              name: 'Tư vấn tâm lý',
              description: {
                vi: 'Tư vấn tâm lý cá nhân và gia đình.',
                en: 'Counselling for individuals and families.',
              },
              costs: [{ kind: 'fee', amount: 200_000, amountDescription: 'mỗi buổi (minh họa)' }],
              minorityChance: 0.2,
            },
      ];
      if (prng.chance(0.3)) {
        services.push({
          type: 'hiv-hepatitis-testing',
          name: 'Xét nghiệm HIV, viêm gan',
          description: { vi: 'Xét nghiệm tự nguyện, có tư vấn.', en: 'Voluntary testing, with counselling.' },
          costs: [{ kind: 'insurance' }],
          minorityChance: 0.2,
        });
      }
      return {
        name: `Phòng khám sức khỏe tâm thần ${commune.name}`,
        organization: `Trung tâm Y tế khu vực ${commune.name}`,
        operatorKind: 'health-facility',
        description: {
          vi: 'Phòng khám chuyên khoa tâm thần trong giờ hành chính.',
          en: 'A mental health clinic, open during office hours.',
        },
        hours: officeHours(false),
        services,
      };
    }
  }
}

function id(key: string): string {
  return uuidV5(DEMO_NAMESPACE, key);
}

function lowerTypeWord(type: string): string {
  return type.toLocaleLowerCase('vi');
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function round5(value: number): number {
  return Math.round(value * 100_000) / 100_000;
}
