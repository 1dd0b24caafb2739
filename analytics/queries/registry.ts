/**
 * Typed functions for sql/queries/registry: reading the unit registry.
 */
import type { UnitRow } from '../registry/units.js';
import { defineQuery } from './define.js';

export const unitsInForce = defineQuery<{ as_of: string; levels: string[]; province_code: string }, Omit<UnitRow, never>>(
  'registry/units_in_force',
);

export interface UnitRef {
  code: string;
  level: UnitRow['level'];
  name: string;
  unit_type: string;
  parent_code: string;
  province_code: string;
  commune_code: string;
}

export const unitWithAncestors = defineQuery<{ code: string; as_of: string }, UnitRef>('registry/unit_with_ancestors');

export interface SuccessionRow {
  from_code: string;
  from_name: string;
  from_district: string;
  from_province: string;
  to_code: string;
  effective_date: string;
  kind: string;
}

export const unitSuccessions = defineQuery<Record<string, never>, SuccessionRow>('registry/unit_successions');
