/**
 * Typed functions for sql/queries/rosters: officer rosters in aggregate (never who), their gaps and their freshness.
 */
import type { UnitFilter } from '../access/scope.js';
import { defineQuery } from './define.js';

/** The unit filter as query parameters (a type literal, as QueryParams wants). */
type Scoped = Pick<UnitFilter, keyof UnitFilter>;

export interface OfficerGroupRow {
  dimension: 'total' | 'level' | 'organisation' | 'position' | 'gender' | 'age_band';
  value: string;
  officers: number;
  female: number;
}

export const officersByGroup = defineQuery<Scoped & { as_of: string; unit_level: string }, OfficerGroupRow>('rosters/officers_by_group');

export interface UnitWithoutChairRow {
  is_total: number;
  code: string;
  name: string;
  level: '' | 'province' | 'commune';
  province_code: string;
  units_total: number;
  units_with_roster: number;
  units_without_chair: number;
  officers: number;
  front_officers: number;
  roster_updated_at: string | null;
}

export const unitsWithoutChair = defineQuery<Scoped & { as_of: string }, UnitWithoutChairRow>('rosters/units_without_chair');

export interface StaleRosterRow {
  is_total: number;
  code: string;
  name: string;
  level: '' | 'province' | 'commune' | 'village';
  province_code: string;
  rosters: number;
  stale: number;
  officers: number;
  updated_at: string | null;
  days_since: number | null;
}

export const staleRosters = defineQuery<Scoped & { as_of: string; weeks: number }, StaleRosterRow>('rosters/stale_rosters');
