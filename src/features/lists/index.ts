/**
 * The shared lists of the portal (DESIGN.md, "Shared lists"): one module, vi/en labels, used by the database CHECKs,
 * the zod schemas, the forms, the filters, the counts and the HSDS export.
 */
import { defineList } from './define-list.ts';

export { defineList } from './define-list.ts';
export type { ListItem, SharedList } from './define-list.ts';

/** Kinds of service a point offers (HSDS service; our taxonomy). */
export const serviceTypes = defineList([
  {
    code: 'consultation-point',
    label: { vi: 'Điểm tư vấn, hỗ trợ cai nghiện tại cộng đồng', en: 'Community consultation point' },
  },
  { code: 'counselling', label: { vi: 'Tư vấn tâm lý, xã hội', en: 'Counselling' } },
  {
    code: 'methadone',
    label: { vi: 'Điều trị methadone, thuốc thay thế', en: 'Methadone and other substitution treatment' },
  },
  {
    code: 'voluntary-rehab',
    label: { vi: 'Cai nghiện tự nguyện tại gia đình, cộng đồng', en: 'Voluntary rehab at home or in the community' },
  },
  { code: 'rehab-facility', label: { vi: 'Cơ sở cai nghiện', en: 'Rehab facility' } },
  {
    code: 'post-rehab-support',
    label: { vi: 'Hỗ trợ sau cai: việc làm, học nghề, vay vốn', en: 'Support after rehab: jobs, training, loans' },
  },
  { code: 'hiv-hepatitis-testing', label: { vi: 'Xét nghiệm HIV, viêm gan', en: 'HIV and hepatitis testing' } },
  { code: 'mental-health', label: { vi: 'Sức khỏe tâm thần', en: 'Mental health' } },
]);
export type ServiceType = (typeof serviceTypes.codes)[number];

/** Who runs a point: shown before a request is sent, so the requester knows what kind of body receives it. */
export const operatorKinds = defineList([
  { code: 'health-station', label: { vi: 'Trạm y tế xã, phường', en: 'Commune health station' } },
  { code: 'community-point', label: { vi: 'Điểm tư vấn cộng đồng', en: 'Community consultation point' } },
  {
    code: 'health-facility',
    label: {
      vi: 'Cơ sở y tế (bệnh viện, trung tâm y tế, cơ sở methadone)',
      en: 'Health facility (hospital, health centre, methadone clinic)',
    },
  },
  {
    code: 'police-facility',
    label: { vi: 'Cơ sở cai nghiện do công an quản lý', en: 'Rehab facility run by the police' },
  },
  {
    code: 'social-organisation',
    label: { vi: 'Tổ chức xã hội, đoàn thể', en: 'Social organisation or mass organisation' },
  },
  { code: 'other', label: { vi: 'Đơn vị khác', en: 'Other' } },
]);
export type OperatorKind = (typeof operatorKinds.codes)[number];

/** HSDS 3.0 status values of a service, kept verbatim because the open-data export must use them. */
export const hsdsStatuses = defineList([
  { code: 'active', label: { vi: 'Đang hoạt động', en: 'Active' } },
  { code: 'temporarily closed', label: { vi: 'Tạm ngừng', en: 'Temporarily closed' } },
  { code: 'inactive', label: { vi: 'Không hoạt động', en: 'Inactive' } },
  { code: 'defunct', label: { vi: 'Đã giải thể', en: 'Defunct' } },
]);
export type HsdsStatus = (typeof hsdsStatuses.codes)[number];

/** Cost options of a service. */
export const costKinds = defineList([
  { code: 'free', label: { vi: 'Miễn phí', en: 'Free of charge' } },
  { code: 'insurance', label: { vi: 'Bảo hiểm y tế chi trả', en: 'Covered by health insurance' } },
  { code: 'fee', label: { vi: 'Có thu phí', en: 'Fee charged' } },
]);
export type CostKind = (typeof costKinds.codes)[number];

/** Who the requested help is for. */
export const requesterKinds = defineList([
  { code: 'self', label: { vi: 'Cho chính tôi', en: 'Myself' } },
  { code: 'family', label: { vi: 'Cho người trong gia đình', en: 'A family member' } },
  { code: 'friend', label: { vi: 'Cho một người bạn', en: 'A friend' } },
  { code: 'student', label: { vi: 'Cho học sinh, sinh viên của tôi', en: 'A student of mine' } },
]);
export type RequesterKind = (typeof requesterKinds.codes)[number];

/** The kind of help asked for; each maps to the service types that can give it (used by routing). */
export const helpWanted = defineList([
  { code: 'counselling', label: { vi: 'Tư vấn', en: 'Counselling' } },
  { code: 'methadone', label: { vi: 'Điều trị methadone', en: 'Methadone treatment' } },
  {
    code: 'voluntary-rehab',
    label: { vi: 'Cai nghiện tự nguyện tại gia đình, cộng đồng', en: 'Voluntary rehab at home or in the community' },
  },
  { code: 'post-rehab-support', label: { vi: 'Hỗ trợ sau cai nghiện', en: 'Support after rehab' } },
  { code: 'not-sure', label: { vi: 'Chưa rõ, cần được tư vấn', en: 'Not sure yet' } },
]);
export type HelpWanted = (typeof helpWanted.codes)[number];

/** Service types that can answer each kind of help, best first. */
export const servicesForHelp: Record<HelpWanted, readonly ServiceType[]> = {
  counselling: ['consultation-point', 'counselling', 'mental-health'],
  methadone: ['methadone'],
  'voluntary-rehab': ['voluntary-rehab', 'consultation-point'],
  'post-rehab-support': ['post-rehab-support', 'consultation-point'],
  'not-sure': ['consultation-point', 'counselling'],
};

/** Coarse age bands: enough for routing and counts, too coarse to identify anyone. */
export const ageBands = defineList([
  { code: 'under-12', label: { vi: 'Dưới 12 tuổi', en: 'Under 12' } },
  { code: '12-17', label: { vi: 'Từ 12 đến 17 tuổi', en: '12 to 17' } },
  { code: '18-24', label: { vi: 'Từ 18 đến 24 tuổi', en: '18 to 24' } },
  { code: '25-39', label: { vi: 'Từ 25 đến 39 tuổi', en: '25 to 39' } },
  { code: '40-plus', label: { vi: 'Từ 40 tuổi trở lên', en: '40 or over' } },
  { code: 'unknown', label: { vi: 'Không rõ', en: 'Not known' } },
]);
export type AgeBand = (typeof ageBands.codes)[number];

/** The life of a case: new → acknowledged → in progress → closed; or withdrawn by the requester. */
export const caseStatuses = defineList([
  { code: 'new', label: { vi: 'Mới gửi', en: 'New' } },
  { code: 'acknowledged', label: { vi: 'Đã tiếp nhận', en: 'Acknowledged' } },
  { code: 'in-progress', label: { vi: 'Đang hỗ trợ', en: 'In progress' } },
  { code: 'closed', label: { vi: 'Đã kết thúc', en: 'Closed' } },
  { code: 'withdrawn', label: { vi: 'Đã rút yêu cầu', en: 'Withdrawn' } },
]);
export type CaseStatus = (typeof caseStatuses.codes)[number];

/** How staff close a case. */
export const caseOutcomes = defineList([
  { code: 'counselled', label: { vi: 'Đã tư vấn', en: 'Counselled' } },
  { code: 'referred-methadone', label: { vi: 'Chuyển điều trị methadone', en: 'Referred to methadone' } },
  { code: 'referred-voluntary-rehab', label: { vi: 'Chuyển cai nghiện tự nguyện', en: 'Referred to voluntary rehab' } },
  { code: 'referred-post-rehab', label: { vi: 'Chuyển hỗ trợ sau cai', en: 'Referred to post-rehab support' } },
  { code: 'could-not-reach', label: { vi: 'Không liên lạc được', en: 'Could not reach' } },
  { code: 'other', label: { vi: 'Khác', en: 'Other' } },
]);

/** The audiences content is written for. */
export const audiences = defineList([
  { code: 'youth-out-of-school', label: { vi: 'Thanh thiếu niên không đi học', en: 'Young people out of school' } },
  { code: 'students', label: { vi: 'Học sinh, sinh viên', en: 'Students' } },
  { code: 'workers', label: { vi: 'Công nhân khu công nghiệp', en: 'Workers in industrial zones' } },
  {
    code: 'after-rehab',
    label: { vi: 'Người sau cai nghiện và gia đình', en: 'People after rehab and their families' },
  },
  { code: 'families', label: { vi: 'Cha mẹ và gia đình', en: 'Parents and families' } },
  { code: 'schools', label: { vi: 'Giáo viên và nhà trường', en: 'Teachers and schools' } },
]);
export type Audience = (typeof audiences.codes)[number];

/** Roles of staff accounts in the console (one per account). */
export const staffRoles = defineList([
  { code: 'point-staff', label: { vi: 'Cán bộ điểm hỗ trợ', en: 'Point staff' } },
  { code: 'province-admin', label: { vi: 'Quản trị cấp tỉnh', en: 'Provincial administrator' } },
  { code: 'national-admin', label: { vi: 'Quản trị toàn quốc', en: 'National administrator' } },
]);
export type StaffRole = (typeof staffRoles.codes)[number];

/** Why staff hand a case over to another point. The optional explanation is an encrypted note, never this code. */
export const handoverReasons = defineList([
  {
    code: 'closer-to-requester',
    label: { vi: 'Điểm kia gần người gửi hơn', en: 'The other point is closer to the requester' },
  },
  {
    code: 'service-not-offered',
    label: { vi: 'Điểm này không có dịch vụ được yêu cầu', en: 'This point does not offer the help asked for' },
  },
  { code: 'requester-asked', label: { vi: 'Người gửi đề nghị chuyển', en: 'The requester asked for it' } },
  { code: 'other', label: { vi: 'Lý do khác', en: 'Another reason' } },
]);

/** A safeguarding flag on a case: a child at risk or a life in danger (guidance: 111, 115, the province's contact). */
export const safeguardingKinds = defineList([
  { code: 'child-at-risk', label: { vi: 'Trẻ em có nguy cơ bị tổn hại', en: 'A child is at risk' } },
  { code: 'life-in-danger', label: { vi: 'Có nguy hiểm đến tính mạng', en: 'A life is in danger' } },
]);
