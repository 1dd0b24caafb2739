/**
 * Weekly reports: the indicators each province, commune or village reports upward for an ISO week. Checked in the
 * engine (sql/ingest/weekly_reports/). A file gives them in long form (unit, week, indicator, value: one row per
 * indicator) or wide form (unit, week, then a column per indicator, as report templates lay them out).
 * Natural key: (unit_code, week_start, indicator). The same value again is a duplicate; another value is a correction
 * and replaces it.
 */
import { ALIASES, aliasArrays, INDICATORS, type Indicator } from '../../analytics/registry/vocabularies.js';
import type { SqlKind } from './spec.js';

export const weeklyReports: SqlKind = {
  kind: 'weekly_reports',
  engine: 'sql',
  description: 'Báo cáo tuần / weekly reports',
  naturalKey: 'unit_code, week_start, indicator',
  // By the unit as the check reads it: rows of one unit ("4" and "00004" alike) are checked together.
  sliceKey: 'fp_unit_code(unit_code, unit_level)',
  columns: [
    { key: 'unit_code', aliases: ['mã đơn vị', 'ma_don_vi', 'mã xã', 'ma_xa', 'mã tỉnh', 'đơn vị', 'unit'], required: true },
    { key: 'unit_level', aliases: ['cấp', 'cap', 'cấp đơn vị', 'level'], required: false },
    { key: 'week', aliases: ['tuần', 'tuan', 'tuần báo cáo', 'week_start', 'ngày đầu tuần', 'kỳ báo cáo'], required: true },
    { key: 'indicator', aliases: ['chỉ tiêu', 'chi_tieu', 'nội dung', 'chỉ số'], required: false },
    { key: 'value', aliases: ['giá trị', 'gia_tri', 'số lượng', 'so_luong', 'kết quả'], required: false },
    // Wide form: one column per indicator, named by its code or as the report template names it.
    ...(Object.keys(INDICATORS) as Indicator[]).map((code) => ({
      key: code,
      aliases: [INDICATORS[code].name, ...ALIASES.indicator[code]],
      required: false,
    })),
    { key: 'submitted_at', aliases: ['ngày gửi', 'ngay_gui', 'thời gian gửi', 'ngày báo cáo', 'submitted'], required: false },
  ],
  checkParams: () => {
    const vocabulary: Record<string, readonly string[]> = {};
    for (const code of Object.keys(INDICATORS) as Indicator[]) vocabulary[code] = [INDICATORS[code].name, ...ALIASES.indicator[code]];
    const indicator = aliasArrays(vocabulary);
    return { indicator_names: indicator.names, indicator_codes: indicator.codes };
  },
};
