/**
 * The interface's language: Vietnamese by default, English when the address says `?lang=en`, so a shared link opens in
 * the language it was sent in. Owns the language of the current address, the words every page shares (`t`), and the
 * way a page keeps its own words beside it (`messages`). Numbers and dates follow the language in `format.ts`.
 *
 * Reactive without runes of its own: `lang()` reads the address from `$app/state`, so a template, `$derived` or
 * `$effect` that calls `t(…)` updates when the toggle changes the address.
 */
import { page } from '$app/state';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];
/** The address's query parameter; absent means Vietnamese. */
export const LANG_PARAM = 'lang';

/** The language of an address's query (pure, for tests and for links built elsewhere). */
export function langOf(query: URLSearchParams): Lang {
  return query.get(LANG_PARAM) === 'en' ? 'en' : 'vi';
}

/** The language of the current address. */
export function lang(): Lang {
  return langOf(page.url.searchParams);
}

/** The current address in another language, everything else kept. */
export function langHref(to: Lang): string {
  const query = new URLSearchParams(page.url.searchParams);
  if (to === 'vi') query.delete(LANG_PARAM);
  else query.set(LANG_PARAM, to);
  const text = query.toString();
  return `${page.url.pathname}${text ? `?${text}` : ''}${page.url.hash}`;
}

type Params = Record<string, string | number>;

/** "{n} dòng" with { n: '12' } → "12 dòng". Numbers should come formatted (formatNumber) by the caller. */
export function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * A page's or component's own words, Vietnamese and English with the same keys (the compiler checks that none is
 * missing): `const m = messages({ vi: { title: 'Cán bộ' }, en: { title: 'Officers' } }); m('title')`.
 */
export function messages<const V extends Record<string, string>>(dict: { vi: V; en: Record<keyof V, string> }) {
  // A key built at run time (`role.${role}`) for a value this list does not know reads as the key, not as a crash.
  return (key: keyof V, params?: Params): string => fill(dict[lang()][key] ?? dict.vi[key] ?? String(key), params);
}

/** Vietnamese or English inline, for a single phrase not worth a key. */
export function tr(vi: string, en: string): string {
  return lang() === 'en' ? en : vi;
}

/** Topic names in English, by the NLP module's codes (its Vietnamese names are the API's `name`). */
const TOPIC_NAMES_EN: Record<string, string> = {
  dat_dai: 'Land, housing, compensation',
  moi_truong: 'Environment',
  ha_tang: 'Infrastructure, power, water, transport',
  chinh_sach_xa_hoi: 'Social policy',
  y_te: 'Health, food safety',
  giao_duc: 'Education',
  an_ninh_trat_tu: 'Security, public order',
  thu_tuc_hanh_chinh: 'Administrative procedures, public services',
  tham_nhung_tieu_cuc: 'Corruption, misconduct',
  kinh_te_viec_lam: 'Economy, prices, jobs',
  khac: 'Other',
};

/** A topic's name in the interface's language; `vi` is its Vietnamese name. */
export function topicName(code: string, vi: string): string {
  return lang() === 'en' ? (TOPIC_NAMES_EN[code] ?? vi) : vi;
}

/** The words more than one page or component uses. */
const common = {
  vi: {
    'app.tagline': 'Số liệu Mặt trận số',
    'app.logout': 'Đăng xuất',
    'app.language': 'Ngôn ngữ',
    'app.views': 'Các trang số liệu',
    'nav.overview': 'Tổng quan',
    'nav.rollout': 'Triển khai',
    'nav.officers': 'Cán bộ',
    'nav.weekly': 'Báo cáo tuần',
    'nav.report': 'Báo cáo tổng hợp',
    'nav.petitions': 'Đơn thư',
    'nav.opinion': 'Dư luận',
    'nav.search': 'Tìm kiếm',
    'nav.handling': 'Xử lý đơn',
    'nav.rules': 'Quy tắc chuyển đơn',
    'nav.ingest': 'Nạp dữ liệu',
    'role.central': 'Trung ương',
    'role.province': 'Cấp tỉnh',
    'role.commune': 'Cấp xã',
    'role.analyst': 'Phân tích',
    'role.admin': 'Quản trị',
    'unit.national': 'Toàn quốc',
    'unit.provinces': 'Tỉnh, thành phố',
    'unit.communes': 'Xã, phường, đặc khu',
    'unit.pick': '— chọn để xem —',
    'unit.level': 'Cấp đơn vị',
    'unit.unit': 'Đơn vị',
    'data.asOf': 'Số liệu đến ngày {day}',
    'data.kpis': 'Số liệu chính',
    'state.loading': 'Đang tải…',
    'state.empty': 'Không có số liệu cho lựa chọn này.',
    'state.outOfScope': 'Đơn vị này nằm ngoài phạm vi của bạn: bạn xem được số liệu của đơn vị mình và các đơn vị trực thuộc.',
    'state.preparing': 'Máy chủ đang chuẩn bị dữ liệu…',
    'period.label': 'Khoảng thời gian',
    'topic.label': 'Chủ đề',
    'topic.all': 'Tất cả chủ đề',
    'period.week': 'Tuần này',
    'period.month': 'Tháng này',
    'period.4w': '4 tuần gần nhất',
    'period.12w': '12 tuần gần nhất',
    'period.quarter': 'Quý này',
    'period.custom': 'Tùy chọn',
    'period.from': 'Từ ngày',
    'period.to': 'đến ngày',
    'period.apply': 'Áp dụng',
    'table.showAll': 'Xem tất cả {n} dòng',
    'table.collapse': 'Thu gọn',
    'table.partOf': 'Hiện {shown} trong {total}.',
    'chart.name': 'Tên',
    'chart.code': 'Mã',
    'chart.week': 'Tuần',
    'drill.see': 'Xem danh sách',
    'drill.hint': 'Bấm vào một cột để xem danh sách các mục.',
    'drill.unit': 'Bấm vào một cột để xem đơn vị đó.',
    'drill.tile': 'Bấm vào một ô để xem tỉnh, thành phố đó.',
    'download.label': 'Tải xuống',
    'download.png': 'Ảnh PNG',
    'download.csv': 'Số liệu CSV',
    'download.xlsx': 'Số liệu XLSX',
    'download.failed': 'Không tải xuống được: {reason}',
    'severity.high': 'Cao',
    'severity.medium': 'Trung bình',
    'severity.low': 'Thấp',
    'week.long': 'Tuần {week}/{year}',
    'week.short': 'T{week}',
  },
  en: {
    'app.tagline': 'Digital Front figures',
    'app.logout': 'Log out',
    'app.language': 'Language',
    'app.views': 'Views',
    'nav.overview': 'Overview',
    'nav.rollout': 'Rollout',
    'nav.officers': 'Officers',
    'nav.weekly': 'Weekly reports',
    'nav.report': 'Synthesis report',
    'nav.petitions': 'Petitions',
    'nav.opinion': 'Opinion',
    'nav.search': 'Search',
    'nav.handling': 'Handling',
    'nav.rules': 'Routing rules',
    'nav.ingest': 'Load data',
    'role.central': 'Central',
    'role.province': 'Province',
    'role.commune': 'Commune',
    'role.analyst': 'Analyst',
    'role.admin': 'Administrator',
    'unit.national': 'Whole country',
    'unit.provinces': 'Provinces and cities',
    'unit.communes': 'Communes, wards, special zones',
    'unit.pick': '— choose to view —',
    'unit.level': 'Unit level',
    'unit.unit': 'Unit',
    'data.asOf': 'Data as of {day}',
    'data.kpis': 'Headline figures',
    'state.loading': 'Loading…',
    'state.empty': 'No data for this selection.',
    'state.outOfScope': 'This unit is outside your scope: you can see the figures of your own unit and the units under it.',
    'state.preparing': 'The server is preparing its data…',
    'period.label': 'Period',
    'topic.label': 'Topic',
    'topic.all': 'All topics',
    'period.week': 'This week',
    'period.month': 'This month',
    'period.4w': 'Last 4 weeks',
    'period.12w': 'Last 12 weeks',
    'period.quarter': 'This quarter',
    'period.custom': 'Custom',
    'period.from': 'From',
    'period.to': 'to',
    'period.apply': 'Apply',
    'table.showAll': 'Show all {n} rows',
    'table.collapse': 'Show fewer',
    'table.partOf': 'Showing {shown} of {total}.',
    'chart.name': 'Name',
    'chart.code': 'Code',
    'chart.week': 'Week',
    'drill.see': 'See the list',
    'drill.hint': 'Click a bar to list its items.',
    'drill.unit': 'Click a bar to open that unit.',
    'drill.tile': 'Click a tile to open that province.',
    'download.label': 'Download',
    'download.png': 'PNG image',
    'download.csv': 'CSV data',
    'download.xlsx': 'XLSX data',
    'download.failed': 'Could not download: {reason}',
    'severity.high': 'High',
    'severity.medium': 'Medium',
    'severity.low': 'Low',
    'week.long': 'Week {week}/{year}',
    'week.short': 'W{week}',
  },
} as const;

export type CommonKey = keyof (typeof common)['vi'];
// The compiler checks that English names every Vietnamese key.
const checked: { vi: Record<CommonKey, string>; en: Record<CommonKey, string> } = common;

/** One of the shared words, in the current language: `t('nav.overview')`, `t('data.asOf', { day })`. */
export const t = messages(checked);
