/**
 * Typed functions for sql/queries/reporting: weekly reports of provinces and communes (completeness and timeliness,
 * indicator sums, units that stopped reporting).
 */
import { defineQuery } from './define.js';

/** The filters every reporting query takes: the unit's subtree ('' = not filtered). */
type SubtreeParams = { province_code: string; commune_code: string; village_code: string };

/** The levels that send weekly reports; villages do not. */
export type ReportingLevel = 'province' | 'commune';

export interface CompletenessRow {
  week_start: string;
  level: ReportingLevel;
  child_code: string;
  child_name: string;
  expected: number;
  received: number;
  on_time: number;
  not_in_force: number;
}

export const reportCompleteness = defineQuery<
  SubtreeParams & { from_week: string; to_week: string; child_week: string; due_days: number },
  CompletenessRow
>('reporting/report_completeness');

export interface IndicatorSumRow {
  is_total: number;
  week_start: string;
  level: ReportingLevel;
  indicator: string;
  value_sum: number;
  reports: number;
  units: number;
  expected: number;
}

export const indicatorSums = defineQuery<SubtreeParams & { from_week: string; to_week: string }, IndicatorSumRow>(
  'reporting/indicator_sums',
);

export interface MissedReportRow {
  code: string;
  level: ReportingLevel;
  name: string;
  province_code: string;
  commune_code: string;
  last_report_week: string | null;
  last_submitted_at: string | null;
}

export const missedReports = defineQuery<SubtreeParams & { last_week: string; weeks: number; as_of: string }, MissedReportRow>(
  'reporting/missed_reports',
);
