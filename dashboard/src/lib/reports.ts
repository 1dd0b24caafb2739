/**
 * The answers of the weekly-report endpoints added for the heat map and the synthesis report, typed as the API gives
 * them (server/routes/api/reporting.ts, reports.ts), and the colour bands of reporting completeness both draw.
 */
import type { ReportFigures, UnitSummary } from './api';

export interface CompletenessGrid {
  unit: UnitSummary;
  period: { from: string; to: string; fromIsoWeek: string; toIsoWeek: string };
  weeks: { week: string; weekStart: string; dueAt: string; due: boolean }[];
  /** The unit's own report first (own), then each child unit; one cell a week, in the order of `weeks`. */
  rows: { unit: UnitSummary; own: boolean; cells: ReportFigures[] }[];
}

/**
 * Completeness bands, low to high (percents carry two decimals, so the bands leave no gap), on a red–blue scale that
 * colour-blind readers tell apart; labels read the same in both languages.
 */
export const COMPLETENESS_BANDS = [
  { min: 0, max: 0, label: '0%', color: '#b2182b' },
  { min: 0.01, max: 49.99, label: '< 50%', color: '#ef8a62' },
  { min: 50, max: 79.99, label: '50–80%', color: '#fddbc7' },
  { min: 80, max: 99.99, label: '80–100%', color: '#67a9cf' },
  { min: 100, max: 100, label: '100%', color: '#2166ac' },
];
