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

type Tally = { received: number; inProgress: number; answered: number; overdue: number };
type Sentiment = { items: number; negative: number; neutral: number; positive: number; netSentimentPct: number };
type WeekRef = { week: string; weekStart: string };
type ReportWeek = WeekRef & ReportFigures & { due: boolean };
type CoverageLine = {
  communesTotal: number;
  communesWithVillageList: number;
  communesWithVillageListPct: number;
  villagesCreated: number;
  villagesExpected: number;
  villagesCreatedPct: number;
  communesRosterUpdated: number;
  communesRosterUpdatedPct: number;
  officers: number;
};

/** GET /api/reports/weekly: the weekly synthesis report (analytics/questions/weekly-report.ts). */
export interface WeeklyReport {
  unit: UnitSummary;
  week: WeekRef & { weekEnd: string; dueAt: string };
  asOf: string;
  madeAt: string;
  period: { from: string; to: string };
  coverage: CoverageLine & { provincesTotal: number; provincesRosterUpdated: number; children: (CoverageLine & { unit: UnitSummary })[] };
  officers: {
    officers: number;
    female: number;
    femalePct: number;
    groups: { dimension: 'level' | 'organisation' | 'position' | 'gender' | 'ageBand'; code: string; name: string; officers: number; female: number; sharePct: number }[];
  };
  reporting: { week: ReportWeek; weeks: ReportWeek[]; children: (ReportFigures & { unit: UnitSummary })[]; missing: (ReportFigures & { unit: UnitSummary })[] };
  petitions: {
    week: Tally;
    period: Tally;
    handling: { answered: number; handlingDaysP50: number | null; handlingDaysP90: number | null; answeredOnTime: number; onTimePct: number };
    weeks: (WeekRef & Tally)[];
    topics: (Tally & { topic: { code: string; name: string } })[];
  };
  opinion: { week: Sentiment; previousWeek: Sentiment | null; weeks: (WeekRef & Sentiment)[]; topTopics: (Sentiment & { topic: { code: string; name: string } })[] };
  warnings: {
    counts: Record<string, number>;
    items: { kind: string; severity: 'high' | 'medium' | 'low'; unit: UnitSummary; reason: string }[];
  };
}
