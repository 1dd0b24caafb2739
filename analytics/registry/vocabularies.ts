/**
 * The small vocabularies stored as LowCardinality codes: officer organisations and positions, weekly-report
 * indicators, petition channels, statuses and deadlines, opinion sources. Codes are stored; names are shown.
 */
import { matchKey } from '../nlp/text.js';

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
  'info_provided',
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

/**
 * How files write the vocabularies, folded (lower case, no diacritics; see fp_fold): each code with the names and
 * abbreviations that mean it. Ingestion maps any of them to the code; the code itself is always accepted.
 */
export const ALIASES = {
  organisation: {
    mttq: ['mat tran', 'mat tran to quoc', 'mat tran to quoc viet nam', 'uy ban mttq', 'uy ban mat tran to quoc', 'front'],
    cong_doan: ['cong doan', 'lien doan lao dong', 'ldld', 'trade union'],
    hoi_nong_dan: ['hoi nong dan', 'hnd', 'nong dan', "farmers' union", 'farmers union'],
    hoi_phu_nu: ['hoi phu nu', 'hoi lien hiep phu nu', 'hlhpn', 'phu nu', "women's union", 'womens union'],
    doan_thanh_nien: ['doan thanh nien', 'doan tncs ho chi minh', 'doan thanh nien cong san ho chi minh', 'doan tn', 'youth union'],
    hoi_cuu_chien_binh: ['hoi cuu chien binh', 'hccb', 'ccb', 'cuu chien binh', "veterans' association", 'veterans association'],
  },
  position: {
    chu_tich: ['chu tich', 'chairman', 'chair', 'chairwoman', 'bi thu'],
    pho_chu_tich: ['pho chu tich', 'vice chair', 'vice chairman', 'pho bi thu'],
    uy_vien_thuong_truc: ['uy vien thuong truc', 'uvtt', 'standing member'],
    uy_vien: ['uy vien', 'member', 'thanh vien'],
    can_bo: ['can bo', 'can bo chuyen trach', 'chuyen trach', 'staff', 'officer'],
  },
  gender: {
    male: ['nam', 'm', 'male', 'trai'],
    female: ['nu', 'f', 'female', 'gai'],
  },
  active: {
    '1': ['dang cong tac', 'dang lam viec', 'hoat dong', 'active', 'con', 'co', 'yes', 'true', 'x'],
    '0': ['nghi', 'da nghi', 'nghi huu', 'thoi viec', 'chuyen cong tac', 'inactive', 'khong', 'no', 'false'],
  },
  indicator: {
    petitions_received: ['don thu kien nghi tiep nhan', 'don thu tiep nhan', 'so don tiep nhan', 'tiep nhan'],
    petitions_resolved: ['don thu kien nghi da giai quyet', 'don thu da giai quyet', 'so don da giai quyet', 'da giai quyet'],
    meetings_held: ['hoi nghi cuoc hop da to chuc', 'hoi nghi', 'cuoc hop', 'so cuoc hop'],
    supervision_activities: ['cuoc giam sat phan bien', 'giam sat phan bien', 'giam sat', 'so cuoc giam sat'],
    residents_reached: ['luot nguoi dan duoc tuyen truyen', 'luot tuyen truyen', 'nguoi dan duoc tuyen truyen', 'tuyen truyen'],
    households_supported: ['ho duoc ho tro an sinh', 'ho duoc ho tro', 'so ho ho tro'],
    aid_value_million_vnd: ['gia tri ho tro an sinh', 'gia tri ho tro', 'gia tri ho tro trieu dong', 'tien ho tro'],
  },
  channel: {
    web: ['cong thong tin', 'website', 'trang web', 'cong dien tu'],
    app: ['ung dung', 'mat tran so', 'ung dung mat tran so', 'mobile', 'application'],
    zalo: ['zalo', 'zalo oa'],
    hotline: ['duong day nong', 'dien thoai', 'tong dai', 'phone'],
    mail: ['thu', 'buu chinh', 'thu buu chinh', 'buu dien', 'letter', 'post'],
    in_person: ['truc tiep', 'tiep dan', 'gap truc tiep', 'walk in'],
  },
  source: {
    facebook: ['fb', 'face book', 'meta'],
    zalo: ['zalo oa', 'zalo group'],
    tiktok: ['tik tok'],
    youtube: ['yt', 'you tube'],
    news: ['bao', 'bao dien tu', 'bao chi', 'tin tuc', 'trang tin', 'online news', 'press'],
    forum: ['dien dan', 'hoi nhom', 'nhom'],
    rss: ['feed', 'atom', 'rss feed', 'nguon rss'],
  },
  status: {
    received: ['tiep nhan', 'da tiep nhan', 'moi'],
    routed: ['chuyen xu ly', 'da phan loai', 'dieu phoi'],
    accepted: ['thu ly', 'da thu ly', 'dang xu ly', 'dang giai quyet', 'in progress'],
    transferred: ['chuyen', 'chuyen don', 'chuyen co quan khac', 'chuyen cap tren'],
    info_requested: ['yeu cau bo sung', 'bo sung thong tin', 'cho bo sung'],
    escalated: ['qua han chuyen cap tren', 'nang cap', 'chuyen len cap tren'],
    answered: ['da tra loi', 'tra loi', 'da giai quyet', 'resolved'],
    closed: ['dong', 'da dong', 'ket thuc', 'hoan thanh', 'done'],
    reopened: ['mo lai', 'khieu nai lai'],
    info_provided: ['da bo sung', 'nguoi dan da bo sung', 'info provided'],
  },
} as const;

/**
 * Codes and names of a vocabulary as two parallel lists, for the engine's transform(): each name as a match key
 * (matchKey here, fp_key in the engine), so spacing, punctuation, case and diacritics never matter.
 */
export function aliasArrays(vocabulary: Record<string, readonly string[]>): { names: string[]; codes: string[] } {
  const names: string[] = [];
  const codes: string[] = [];
  for (const [code, aliases] of Object.entries(vocabulary)) {
    for (const name of [code, ...aliases].map(matchKey)) {
      if (!names.includes(name)) {
        names.push(name);
        codes.push(code);
      }
    }
  }
  return { names, codes };
}
