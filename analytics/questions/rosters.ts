/**
 * Officer rosters of any unit, in aggregate only (never a name, phone or e-mail): active officers by level,
 * organisation, position, gender and age band; the provinces and communes whose roster lacks a Front chair; and the
 * rosters not updated for some weeks.
 */
import type { Store } from '../store/index.js';
import type { UnitFilter } from '../access/scope.js';
import type { UnitRef } from '../queries/registry.js';
import { officersByGroup, staleRosters, unitsWithoutChair, type OfficerGroupRow } from '../queries/rosters.js';
import { ORGANISATIONS, POSITIONS } from '../registry/vocabularies.js';
import { addDays } from '../clock.js';
import { percent, unitSummary, type UnitSummary } from './coverage.js';

export const ROSTER_LEVELS = ['province', 'commune', 'village'] as const;
export type RosterLevel = (typeof ROSTER_LEVELS)[number];

/** The groups of each dimension, in the order they are shown, with their names; a code not listed here follows them. */
const GROUPS: Record<Exclude<OfficerGroupRow['dimension'], 'total'>, Record<string, string>> = {
  level: { province: 'Cấp tỉnh', commune: 'Cấp xã', village: 'Thôn, tổ dân phố' },
  organisation: ORGANISATIONS,
  position: POSITIONS,
  gender: { female: 'Nữ', male: 'Nam', unknown: 'Chưa rõ' },
  // Bands as officers_by_group.sql draws them from the birth year, at the period's end.
  age_band: { under_30: 'Dưới 30', '30_39': '30–39', '40_49': '40–49', '50_59': '50–59', '60_plus': 'Từ 60', unknown: 'Chưa rõ' },
};

export interface OfficerGroup {
  code: string;
  name: string;
  officers: number;
  female: number;
  /** Share of all the officers counted, in percent. */
  sharePct: number;
}

export interface OfficersAnswer {
  asOf: string;
  unit: UnitSummary;
  /** The roster level counted, or null for every level. */
  level: RosterLevel | null;
  total: { officers: number; female: number; femalePct: number };
  byLevel: OfficerGroup[];
  byOrganisation: OfficerGroup[];
  byPosition: OfficerGroup[];
  byGender: OfficerGroup[];
  byAgeBand: OfficerGroup[];
}

/** Every group of a dimension, those with no officer as zeros, so charts keep their categories. */
function groupsOf(rows: OfficerGroupRow[], dimension: keyof typeof GROUPS, total: number): OfficerGroup[] {
  const found = new Map(rows.filter((r) => r.dimension === dimension).map((r) => [r.value, r]));
  const known = Object.keys(GROUPS[dimension]);
  const codes = [...known, ...[...found.keys()].filter((code) => !known.includes(code))];
  return codes.map((code) => {
    const row = found.get(code);
    return { code, name: GROUPS[dimension][code] ?? code, officers: row?.officers ?? 0, female: row?.female ?? 0, sharePct: percent(row?.officers ?? 0, total) };
  });
}

export async function getOfficers(store: Store, unit: UnitRef, filter: UnitFilter, asOf: string, level: RosterLevel | null): Promise<OfficersAnswer> {
  const rows = await officersByGroup(store, { ...filter, as_of: asOf, unit_level: level ?? '' });
  const total = rows.find((r) => r.dimension === 'total') ?? { officers: 0, female: 0 };
  return {
    asOf,
    unit: unitSummary(unit),
    level,
    total: { officers: total.officers, female: total.female, femalePct: percent(total.female, total.officers) },
    byLevel: groupsOf(rows, 'level', total.officers),
    byOrganisation: groupsOf(rows, 'organisation', total.officers),
    byPosition: groupsOf(rows, 'position', total.officers),
    byGender: groupsOf(rows, 'gender', total.officers),
    byAgeBand: groupsOf(rows, 'age_band', total.officers),
  };
}

/** What every list of units with a roster shows. */
export interface RosterUnit {
  unit: UnitSummary;
  provinceCode: string;
  /** Active officers. */
  officers: number;
}

export interface UnitWithoutChair extends RosterUnit {
  frontOfficers: number;
  rosterUpdatedAt: string | null;
}

export interface WithoutChairAnswer {
  asOf: string;
  unit: UnitSummary;
  counts: {
    /** Provinces and communes in force in the unit. */
    units: number;
    withRoster: number;
    /** Rosters with active officers but no active Front chair: the units listed. */
    withoutChair: number;
    /** Units with no roster at all (so no chair either); GET /api/coverage/zero lists them. */
    withoutRoster: number;
  };
  units: UnitWithoutChair[];
}

interface UnitListRow {
  is_total: number;
  code: string;
  name: string;
  level: string;
  province_code: string;
  officers: number;
}

/** A query's total row (absent when nothing matched) and its unit rows, each with the fields every list shows. */
function totalAndUnits<R extends UnitListRow>(rows: R[]): { total: Partial<R>; units: (R & { listed: RosterUnit })[] } {
  return {
    total: rows.find((r) => r.is_total === 1) ?? {},
    units: rows
      .filter((r) => r.is_total === 0)
      .map((r) => ({ ...r, listed: { unit: { code: r.code, name: r.name, level: r.level as RosterLevel }, provinceCode: r.province_code, officers: r.officers } })),
  };
}

export async function getUnitsWithoutChair(store: Store, unit: UnitRef, filter: UnitFilter, asOf: string): Promise<WithoutChairAnswer> {
  const { total, units } = totalAndUnits(await unitsWithoutChair(store, { ...filter, as_of: asOf }));
  return {
    asOf,
    unit: unitSummary(unit),
    counts: {
      units: total.units_total ?? 0,
      withRoster: total.units_with_roster ?? 0,
      withoutChair: total.units_without_chair ?? 0,
      withoutRoster: (total.units_total ?? 0) - (total.units_with_roster ?? 0),
    },
    units: units.map((r) => ({ ...r.listed, frontOfficers: r.front_officers, rosterUpdatedAt: r.roster_updated_at })),
  };
}

/** Rosters older than this many weeks are stale when no other number is asked for. */
export const DEFAULT_STALE_WEEKS = 4;

export interface StaleRoster extends RosterUnit {
  /** The latest change to the roster, "YYYY-MM-DD hh:mm:ss" in Vietnam time. */
  updatedAt: string;
  daysSince: number;
  weeksSince: number;
}

export interface StaleRostersAnswer {
  asOf: string;
  unit: UnitSummary;
  weeks: number;
  /** Rosters last changed before this day are stale. */
  staleBefore: string;
  counts: { rosters: number; stale: number };
  rosters: StaleRoster[];
}

export async function getStaleRosters(store: Store, unit: UnitRef, filter: UnitFilter, asOf: string, weeks: number): Promise<StaleRostersAnswer> {
  const { total, units } = totalAndUnits(await staleRosters(store, { ...filter, as_of: asOf, weeks }));
  return {
    asOf,
    unit: unitSummary(unit),
    weeks,
    staleBefore: addDays(asOf, -7 * weeks),
    counts: { rosters: total.rosters ?? 0, stale: total.stale ?? 0 },
    rosters: units.map((r) => ({
      ...r.listed,
      updatedAt: r.updated_at as string,
      daysSince: r.days_since as number,
      weeksSince: Math.floor((r.days_since as number) / 7),
    })),
  };
}
