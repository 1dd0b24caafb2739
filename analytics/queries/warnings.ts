/**
 * Typed functions for sql/queries/warnings: what the early-warning list reads besides rollout coverage and opinion
 * spikes (which it takes from analytics/queries/coverage.ts and opinion.ts).
 */
import { defineQuery } from './define.js';

export interface MissedReportRow {
  unit_code: string;
  unit_name: string;
  unit_level: 'province' | 'commune';
  province_code: string;
  /** Monday of the latest week reported; null = never reported. */
  last_week: string | null;
  weeks_missed: number;
}

export const missedReports = defineQuery<
  { as_of: string; last_due_week: string; min_weeks: number; province_code: string; commune_code: string },
  MissedReportRow
>('warnings/missed_reports');

export interface OverdueRow {
  child_code: string;
  in_progress: number;
  overdue: number;
  /** "YYYY-MM-DD hh:mm:ss", Vietnam time. */
  oldest_due: string;
  oldest_received: string;
}

export const overduePetitionsByChild = defineQuery<{ as_of_end: string; province_code: string; commune_code: string }, OverdueRow>(
  'warnings/overdue_petitions_by_child',
);

export interface EscalatedRow {
  unit_code: string;
  escalated: number;
  still_open: number;
  first_at: string;
  last_at: string;
}

export const escalatedPetitions = defineQuery<{ province_code: string; commune_code: string; since: string; until: string }, EscalatedRow>(
  'warnings/escalated_petitions',
);
