/**
 * Typed functions for sql/queries/coverage: rollout of village lists and officer rosters.
 */
import { defineQuery } from './define.js';

export interface CoverageRow {
  is_total: number;
  child_code: string;
  child_name: string;
  communes_total: number;
  communes_with_village_list: number;
  villages_created: number;
  villages_expected: number;
  provinces_total: number;
  provinces_updated: number;
  communes_updated: number;
  officers_province: number;
  officers_commune: number;
  officers_village: number;
  roster_updated_at: string | null;
}

export const coverageByChild = defineQuery<{ as_of: string; province_code: string; commune_code: string }, CoverageRow>(
  'coverage/coverage_by_child',
);

export interface VillageRow {
  code: string;
  name: string;
  unit_type: string;
  valid_from: string;
  officers: number;
  roster_updated_at: string | null;
}

export const villagesOfCommune = defineQuery<{ as_of: string; commune_code: string }, VillageRow>('coverage/villages_of_commune');

export interface CoverageWeekRow {
  week_start: string;
  as_of: string;
  communes_total: number;
  communes_with_village_list: number;
  villages_created: number;
  communes_updated: number;
}

export const coverageTrend = defineQuery<
  { from_week: string; to: string; province_code: string; commune_code: string; village_code: string },
  CoverageWeekRow
>('coverage/coverage_trend');
