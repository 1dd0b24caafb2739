/**
 * The small vocabularies stored as LowCardinality codes: officer organisations and positions, weekly-report
 * indicators, petition channels, statuses and deadlines, opinion sources. Codes are stored; names are shown.
 */

export const ORGANISATIONS = {
  mttq: 'Mặt trận Tổ quốc Việt Nam',
  cong_doan: 'Công đoàn',
  hoi_nong_dan: 'Hội Nông dân',
  hoi_phu_nu: 'Hội Liên hiệp Phụ nữ',
  doan_thanh_nien: 'Đoàn Thanh niên Cộng sản Hồ Chí Minh',
  hoi_cuu_chien_binh: 'Hội Cựu chiến binh',
} as const;
export type Organisation = keyof typeof ORGANISATIONS;

export const POSITIONS = {
  chu_tich: 'Chủ tịch',
  pho_chu_tich: 'Phó Chủ tịch',
  uy_vien_thuong_truc: 'Ủy viên Thường trực',
  uy_vien: 'Ủy viên',
  can_bo: 'Cán bộ chuyên trách',
} as const;
export type Position = keyof typeof POSITIONS;

/** What provinces and communes report each week. `unit` says how the value is counted. */
export const INDICATORS = {
  petitions_received: { name: 'Đơn thư, kiến nghị tiếp nhận', unit: 'đơn' },
  petitions_resolved: { name: 'Đơn thư, kiến nghị đã giải quyết', unit: 'đơn' },
  meetings_held: { name: 'Hội nghị, cuộc họp đã tổ chức', unit: 'cuộc' },
  supervision_activities: { name: 'Cuộc giám sát, phản biện', unit: 'cuộc' },
  residents_reached: { name: 'Lượt người dân được tuyên truyền', unit: 'lượt' },
  households_supported: { name: 'Hộ được hỗ trợ an sinh', unit: 'hộ' },
  aid_value_million_vnd: { name: 'Giá trị hỗ trợ an sinh', unit: 'triệu đồng' },
} as const;
export type Indicator = keyof typeof INDICATORS;

/**
 * A weekly report is due by the end of the Monday after its week (Monday + 8 days, 00:00).
 * Later is late; none at all is missing.
 */
export const REPORT_DUE_DAYS_AFTER_WEEK_START = 8;

export const PETITION_CHANNELS = {
  web: 'Cổng thông tin',
  app: 'Ứng dụng Mặt trận số',
  zalo: 'Zalo',
  hotline: 'Đường dây nóng',
  mail: 'Thư, bưu chính',
  in_person: 'Trực tiếp',
} as const;
export type PetitionChannel = keyof typeof PETITION_CHANNELS;

export const PETITION_STATUSES = [
  'received',
  'routed',
  'accepted',
  'transferred',
  'info_requested',
  'escalated',
  'answered',
  'closed',
  'reopened',
] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

export const HANDLING_LEVELS = ['central', 'province', 'commune'] as const;
export type HandlingLevel = (typeof HANDLING_LEVELS)[number];

/** Days a handling level has to answer a petition, counted from receipt or transfer. */
export const ANSWER_DAYS: Record<HandlingLevel, number> = { commune: 15, province: 30, central: 45 };

export const OPINION_SOURCES = {
  facebook: 'Facebook',
  zalo: 'Zalo',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  news: 'Báo điện tử',
  forum: 'Diễn đàn',
  rss: 'Nguồn RSS',
} as const;
export type OpinionSource = keyof typeof OPINION_SOURCES;
