/**
 * The weekly synthesis report as an XLSX workbook, one sheet per section (summary, rollout, officers, weekly reports,
 * petitions, opinion, warnings), each holding the section's figures and the data of its charts as tables: a bold
 * title row, a header row, the rows, a blank row. Numbers stay numbers (percents as 68.65 shown "68.65%"), so that the
 * Front can sum and chart them again. Headings in Vietnamese, the language the report is sent in.
 */
import ExcelJS from 'exceljs';
import type { WeeklyReport } from '../../analytics/questions/weekly-report.js';
import type { UnitSummary } from '../../analytics/questions/coverage.js';

/** The sheets, in order; the tests and the dashboard name them too. */
export const SHEETS = {
  summary: 'Tổng hợp',
  coverage: 'Triển khai',
  officers: 'Cán bộ',
  reporting: 'Báo cáo tuần',
  petitions: 'Đơn thư',
  opinion: 'Dư luận',
  warnings: 'Cảnh báo',
} as const;

type Cell = string | number | null;
interface Column<Row> {
  header: string;
  value: (row: Row) => Cell;
  /** A share in percent (of every row, or of the rows it says): shown with two decimals and a % sign. */
  pct?: boolean | ((row: Row) => boolean);
  width?: number;
}

const PCT_FORMAT = '0.00"%"';
const DIMENSION_NAMES: Record<string, string> = { level: 'Cấp', organisation: 'Tổ chức', position: 'Chức vụ', gender: 'Giới tính', ageBand: 'Độ tuổi' };
const SEVERITY_NAMES: Record<string, string> = { high: 'Cao', medium: 'Trung bình', low: 'Thấp' };
const WARNING_NAMES: Record<string, string> = {
  overdue_petitions: 'Đơn thư quá hạn',
  negative_opinion_spike: 'Dư luận tiêu cực tăng đột biến',
  missed_reports: 'Không gửi báo cáo tuần',
  lagging_rollout: 'Triển khai chậm',
};

/** "2025-09-16" → "16/09/2025"; "2025-09-16 17:30:00" → "16/09/2025 17:30". */
export function vnDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/.exec(value);
  if (!m) return value;
  return `${m[3]}/${m[2]}/${m[1]}${m[4] ? ` ${m[4]}:${m[5]}` : ''}`;
}

/** "2025-W37" → "Tuần 37/2025". */
export function vnWeek(week: string): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  return m ? `Tuần ${Number(m[2])}/${m[1]}` : week;
}

function table<Row>(sheet: ExcelJS.Worksheet, title: string, columns: Column<Row>[], rows: Row[]): void {
  sheet.addRow([title]).font = { bold: true, size: 12 };
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  for (const row of rows) {
    const added = sheet.addRow(columns.map((c) => c.value(row)));
    columns.forEach((c, i) => {
      if (c.pct === true || (typeof c.pct === 'function' && c.pct(row))) added.getCell(i + 1).numFmt = PCT_FORMAT;
    });
  }
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(column.width ?? 0, c.width ?? 14);
  });
  sheet.addRow([]);
}

const unitColumns = <Row extends { unit: UnitSummary }>(): Column<Row>[] => [
  { header: 'Mã', value: (r) => r.unit.code, width: 10 },
  { header: 'Đơn vị', value: (r) => r.unit.name, width: 36 },
];

export async function weeklyWorkbook(report: WeeklyReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Front Pulse';
  workbook.created = new Date();
  const sheet = (name: string) => workbook.addWorksheet(name);
  const { unit, week } = report;

  const summary = sheet(SHEETS.summary);
  summary.addRow(['BÁO CÁO TỔNG HỢP TUẦN']).font = { bold: true, size: 14 };
  summary.addRow(['Đơn vị', `${unit.name} (${unit.code})`]);
  summary.addRow(['Tuần', `${vnWeek(week.week)}, từ ${vnDate(week.weekStart)} đến ${vnDate(week.weekEnd)}`]);
  summary.addRow(['Số liệu đến ngày', vnDate(report.asOf)]);
  summary.addRow(['Ngày lập', vnDate(report.madeAt)]);
  summary.addRow([]);
  const r = report;
  const figures: [string, Cell, boolean?][] = [
    ['Xã, phường, đặc khu đã lập danh sách thôn, tổ dân phố', r.coverage.communesWithVillageList],
    ['Tổng số xã, phường, đặc khu', r.coverage.communesTotal],
    ['Tỷ lệ xã đã lập danh sách thôn (%)', r.coverage.communesWithVillageListPct, true],
    ['Thôn, tổ dân phố đã tạo', r.coverage.villagesCreated],
    ['Thôn, tổ dân phố dự kiến', r.coverage.villagesExpected],
    ['Xã đã cập nhật danh sách cán bộ', r.coverage.communesRosterUpdated],
    ['Cán bộ trong danh sách', r.officers.officers],
    ['Báo cáo tuần phải gửi', r.reporting.week.expected],
    ['Báo cáo tuần đã gửi', r.reporting.week.received],
    ['Gửi đúng hạn', r.reporting.week.onTime],
    ['Gửi muộn', r.reporting.week.late],
    ['Chưa gửi', r.reporting.week.missing],
    ['Tỷ lệ gửi báo cáo (%)', r.reporting.week.completenessPct, true],
    ['Đơn thư tiếp nhận trong tuần', r.petitions.week.received],
    ['Trong đó đã trả lời', r.petitions.week.answered],
    [`Đơn thư quá hạn (tiếp nhận trong ${r.petitions.weeks.length} tuần)`, r.petitions.period.overdue],
    ['Bài viết dư luận trong tuần', r.opinion.week.items],
    ['Tiêu cực', r.opinion.week.negative],
    ['Tích cực', r.opinion.week.positive],
    ['Chỉ số cảm xúc ròng (%)', r.opinion.week.netSentimentPct, true],
    ['Cảnh báo sớm', Object.values(r.warnings.counts).reduce((n, c) => n + c, 0)],
  ];
  table(summary, 'Số liệu chính', [
    { header: 'Chỉ tiêu', value: (f: (typeof figures)[number]) => f[0], width: 52 },
    { header: 'Giá trị', value: (f) => f[1], width: 16, pct: (f) => f[2] === true },
  ], figures);

  const coverageColumns: Column<WeeklyReport['coverage']['children'][number]>[] = [
    ...unitColumns(),
    { header: 'Xã đã lập danh sách thôn', value: (c) => c.communesWithVillageList },
    { header: 'Tổng số xã', value: (c) => c.communesTotal },
    { header: 'Tỷ lệ (%)', value: (c) => c.communesWithVillageListPct, pct: true },
    { header: 'Thôn, tổ dân phố đã tạo', value: (c) => c.villagesCreated },
    { header: 'Dự kiến', value: (c) => c.villagesExpected },
    { header: 'Tỷ lệ (%)', value: (c) => c.villagesCreatedPct, pct: true },
    { header: 'Xã đã cập nhật cán bộ', value: (c) => c.communesRosterUpdated },
    { header: 'Tỷ lệ (%)', value: (c) => c.communesRosterUpdatedPct, pct: true },
    { header: 'Cán bộ', value: (c) => c.officers },
  ];
  const coverage = sheet(SHEETS.coverage);
  table(coverage, `Tiến độ triển khai đến ngày ${vnDate(r.asOf)}`, coverageColumns, [{ unit, ...r.coverage }, ...r.coverage.children]);

  const officers = sheet(SHEETS.officers);
  table(officers, `Cán bộ theo cấp, tổ chức, chức vụ, giới tính và độ tuổi (tổng ${r.officers.officers}, nữ ${r.officers.female})`, [
    { header: 'Nhóm', value: (g: WeeklyReport['officers']['groups'][number]) => DIMENSION_NAMES[g.dimension] ?? g.dimension },
    { header: 'Mã', value: (g) => g.code },
    { header: 'Tên', value: (g) => g.name, width: 36 },
    { header: 'Cán bộ', value: (g) => g.officers },
    { header: 'Nữ', value: (g) => g.female },
    { header: 'Tỷ lệ (%)', value: (g) => g.sharePct, pct: true },
  ], r.officers.groups);

  const reportColumns = <Row extends WeeklyReport['reporting']['week']>(): Column<Row>[] => [
    { header: 'Phải gửi', value: (w) => w.expected },
    { header: 'Đã gửi', value: (w) => w.received },
    { header: 'Đúng hạn', value: (w) => w.onTime },
    { header: 'Muộn', value: (w) => w.late },
    { header: 'Chưa gửi', value: (w) => w.missing },
    { header: 'Tỷ lệ đã gửi (%)', value: (w) => w.completenessPct, pct: true },
    { header: 'Tỷ lệ đúng hạn (%)', value: (w) => w.timelinessPct, pct: true },
  ];
  const reporting = sheet(SHEETS.reporting);
  table(reporting, `Báo cáo tuần theo tuần (${r.reporting.weeks.length} tuần)`, [
    { header: 'Tuần', value: (w: WeeklyReport['reporting']['weeks'][number]) => w.week },
    { header: 'Từ ngày', value: (w) => vnDate(w.weekStart) },
    ...reportColumns(),
  ], r.reporting.weeks);
  const childRows = r.reporting.children.map((c) => ({ ...c, week: r.week.week, weekStart: r.week.weekStart, due: true }));
  table(reporting, `Báo cáo ${vnWeek(week.week).toLowerCase()} theo đơn vị trực thuộc`, [...unitColumns<(typeof childRows)[number]>(), ...reportColumns()], childRows);
  table(reporting, `Đơn vị còn thiếu báo cáo ${vnWeek(week.week).toLowerCase()}`, [
    ...unitColumns<WeeklyReport['reporting']['missing'][number]>(),
    { header: 'Chưa gửi', value: (c) => c.missing },
    { header: 'Phải gửi', value: (c) => c.expected },
  ], r.reporting.missing);

  const tallyColumns = <Row extends WeeklyReport['petitions']['week']>(): Column<Row>[] => [
    { header: 'Tiếp nhận', value: (t) => t.received },
    { header: 'Đã trả lời', value: (t) => t.answered },
    { header: 'Đang giải quyết', value: (t) => t.inProgress },
    { header: 'Quá hạn', value: (t) => t.overdue },
  ];
  const petitions = sheet(SHEETS.petitions);
  table(petitions, `Đơn thư theo tuần tiếp nhận, tình trạng đến ngày ${vnDate(r.asOf)}`, [
    { header: 'Tuần', value: (w: WeeklyReport['petitions']['weeks'][number]) => w.week },
    { header: 'Từ ngày', value: (w) => vnDate(w.weekStart) },
    ...tallyColumns(),
  ], r.petitions.weeks);
  table(petitions, `Đơn thư theo chủ đề (${r.petitions.weeks.length} tuần)`, [
    { header: 'Chủ đề', value: (t: WeeklyReport['petitions']['topics'][number]) => t.topic.name, width: 36 },
    ...tallyColumns(),
  ], r.petitions.topics);
  const h = r.petitions.handling;
  table(petitions, 'Thời gian trả lời', [
    { header: 'Đã trả lời', value: () => h.answered },
    { header: 'Trung vị (ngày)', value: () => h.handlingDaysP50 },
    { header: 'Phân vị 90 (ngày)', value: () => h.handlingDaysP90 },
    { header: 'Trả lời đúng hạn', value: () => h.answeredOnTime },
    { header: 'Tỷ lệ đúng hạn (%)', value: () => h.onTimePct, pct: true },
  ], [h]);

  const sentimentColumns = <Row extends WeeklyReport['opinion']['week']>(): Column<Row>[] => [
    { header: 'Bài viết', value: (s) => s.items },
    { header: 'Tiêu cực', value: (s) => s.negative },
    { header: 'Trung tính', value: (s) => s.neutral },
    { header: 'Tích cực', value: (s) => s.positive },
    { header: 'Cảm xúc ròng (%)', value: (s) => s.netSentimentPct, pct: true },
  ];
  const opinion = sheet(SHEETS.opinion);
  table(opinion, 'Dư luận theo tuần', [
    { header: 'Tuần', value: (w: WeeklyReport['opinion']['weeks'][number]) => w.week },
    { header: 'Từ ngày', value: (w) => vnDate(w.weekStart) },
    ...sentimentColumns(),
  ], r.opinion.weeks);
  table(opinion, `Chủ đề được bàn nhiều nhất ${vnWeek(week.week).toLowerCase()}`, [
    { header: 'Chủ đề', value: (t: WeeklyReport['opinion']['topTopics'][number]) => t.topic.name, width: 36 },
    ...sentimentColumns(),
  ], r.opinion.topTopics);

  const warnings = sheet(SHEETS.warnings);
  table(warnings, `Cảnh báo sớm đến ngày ${vnDate(r.asOf)}`, [
    { header: 'Mức độ', value: (w: WeeklyReport['warnings']['items'][number]) => SEVERITY_NAMES[w.severity] ?? w.severity },
    { header: 'Loại', value: (w) => WARNING_NAMES[w.kind] ?? w.kind, width: 28 },
    ...unitColumns<WeeklyReport['warnings']['items'][number]>(),
    { header: 'Lý do', value: (w) => w.reason, width: 90 },
  ], r.warnings.items);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
