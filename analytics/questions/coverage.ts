/**
 * Rollout coverage of any unit: communes that created village lists, villages created against expected,
 * officer rosters updated and officers recorded; for the unit and for each of its children, the children ranked on a
 * figure, the children still at zero, and the rollout week by week over a period.
 */
import type { Store } from '../store/index.js';
import type { UnitFilter } from '../access/scope.js';
import { isoWeekOf } from '../clock.js';
import { coverageByChild, coverageTrend, villagesOfCommune, type CoverageRow } from '../queries/coverage.js';
import { unitWithAncestors, type UnitRef } from '../queries/registry.js';
import type { UnitLevel } from '../registry/units.js';

export interface UnitSummary {
  code: string;
  name: string;
  level: UnitLevel;
}

export interface CoverageFigures {
  communes: { total: number; withVillageList: number; withVillageListPct: number };
  villages: { created: number; expected: number; createdPct: number };
  rosters: {
    provincesTotal: number;
    provincesUpdated: number;
    communesUpdated: number;
    communesUpdatedPct: number;
    officers: { province: number; commune: number; village: number };
    /** Latest change to any roster counted here, "YYYY-MM-DD hh:mm:ss" in Vietnam time; null when none. */
    updatedAt: string | null;
  };
}

export interface CoverageAnswer extends CoverageFigures {
  asOf: string;
  unit: UnitSummary;
  /** Provinces of the country, communes of a province, villages of a commune; none under a village. */
  children: (CoverageFigures & { unit: UnitSummary })[];
}

export class UnknownUnitError extends Error {
  constructor(readonly code: string, readonly asOf: string) {
    super(`No unit with code "${code}" is in force on ${asOf}`);
    this.name = 'UnknownUnitError';
  }
}

/** A share in percent with two decimals, as the Front publishes it (2,280 of 3,321 → 68.65). */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10000) / 100;
}

function figures(row: CoverageRow | undefined): CoverageFigures {
  const r = row ?? ({} as Partial<CoverageRow>);
  const communesTotal = r.communes_total ?? 0;
  return {
    communes: {
      total: communesTotal,
      withVillageList: r.communes_with_village_list ?? 0,
      withVillageListPct: percent(r.communes_with_village_list ?? 0, communesTotal),
    },
    villages: {
      created: r.villages_created ?? 0,
      expected: r.villages_expected ?? 0,
      createdPct: percent(r.villages_created ?? 0, r.villages_expected ?? 0),
    },
    rosters: {
      provincesTotal: r.provinces_total ?? 0,
      provincesUpdated: r.provinces_updated ?? 0,
      communesUpdated: r.communes_updated ?? 0,
      communesUpdatedPct: percent(r.communes_updated ?? 0, communesTotal),
      officers: { province: r.officers_province ?? 0, commune: r.officers_commune ?? 0, village: r.officers_village ?? 0 },
      updatedAt: r.roster_updated_at ?? null,
    },
  };
}

export function unitSummary(u: Pick<UnitRef, 'code' | 'name' | 'level'>): UnitSummary {
  return { code: u.code, name: u.name, level: u.level };
}

/** The unit and its ancestors (the unit first), or UnknownUnitError. */
export async function resolveUnit(store: Store, code: string, asOf: string): Promise<UnitRef[]> {
  const chain = await unitWithAncestors(store, { code, as_of: asOf });
  if (chain[0]?.code !== code) throw new UnknownUnitError(code, asOf);
  return chain;
}

export async function getCoverage(store: Store, code: string, asOf: string): Promise<CoverageAnswer> {
  const [unit] = await resolveUnit(store, code, asOf);
  return coverageOfUnit(store, unit as UnitRef, asOf);
}

/** The coverage of a unit already resolved (and authorised): the same answer as getCoverage, one query fewer. */
export async function coverageOfUnit(store: Store, self: UnitRef, asOf: string): Promise<CoverageAnswer> {
  if (self.level === 'commune' || self.level === 'village') {
    const [rows, villages] = await Promise.all([
      coverageByChild(store, { as_of: asOf, province_code: self.province_code, commune_code: self.commune_code }),
      villagesOfCommune(store, { as_of: asOf, commune_code: self.commune_code }),
    ]);
    if (self.level === 'village') {
      const v = villages.find((x) => x.code === self.code);
      return { asOf, unit: unitSummary(self), ...villageFigures(v ? [v] : []), children: [] };
    }
    return {
      asOf,
      unit: unitSummary(self),
      ...figures(rows.find((r) => r.is_total === 1)),
      children: villages.map((v) => ({ unit: { code: v.code, name: v.name, level: 'village' as const }, ...villageFigures([v]) })),
    };
  }

  const rows = await coverageByChild(store, { as_of: asOf, province_code: self.level === 'province' ? self.code : '', commune_code: '' });
  const childLevel: UnitLevel = self.level === 'central' ? 'province' : 'commune';
  return {
    asOf,
    unit: unitSummary(self),
    ...figures(rows.find((r) => r.is_total === 1)),
    children: rows
      .filter((r) => r.is_total === 0)
      .map((r) => ({ unit: { code: r.child_code, name: r.child_name, level: childLevel }, ...figures(r) })),
  };
}

function villageFigures(villages: { officers: number; roster_updated_at: string | null }[]): CoverageFigures {
  const base = figures(undefined);
  base.villages.created = villages.length;
  base.rosters.officers.village = villages.reduce((n, v) => n + v.officers, 0);
  base.rosters.updatedAt = villages.map((v) => v.roster_updated_at).filter((x): x is string => !!x).sort().at(-1) ?? null;
  return base;
}

/** The figures children can be ranked on, each read from a child's coverage. */
export const RANK_FIGURES = {
  withVillageList: (f: CoverageFigures) => f.communes.withVillageList,
  withVillageListPct: (f: CoverageFigures) => f.communes.withVillageListPct,
  villagesCreated: (f: CoverageFigures) => f.villages.created,
  villagesExpected: (f: CoverageFigures) => f.villages.expected,
  villagesCreatedPct: (f: CoverageFigures) => f.villages.createdPct,
  communesUpdated: (f: CoverageFigures) => f.rosters.communesUpdated,
  communesUpdatedPct: (f: CoverageFigures) => f.rosters.communesUpdatedPct,
  officers: (f: CoverageFigures) => f.rosters.officers.province + f.rosters.officers.commune + f.rosters.officers.village,
} as const;
export type RankFigure = keyof typeof RANK_FIGURES;
export const RANK_ORDERS = ['desc', 'asc'] as const;
export type RankOrder = (typeof RANK_ORDERS)[number];

export interface RankedChild extends CoverageFigures {
  /** 1 for the first; equal values share a rank and the next rank skips (1, 2, 2, 4). */
  rank: number;
  value: number;
  unit: UnitSummary;
}

export interface CoverageRankingAnswer {
  asOf: string;
  unit: UnitSummary;
  rank: RankFigure;
  order: RankOrder;
  children: RankedChild[];
}

/** Children ordered on a figure, ties in code order; percentages are computed here, so ranking is too. */
export function rankChildren(children: CoverageAnswer['children'], figure: RankFigure, order: RankOrder): RankedChild[] {
  const sign = order === 'desc' ? -1 : 1;
  const valued = children
    .map((c) => ({ ...c, value: RANK_FIGURES[figure](c) }))
    .sort((a, b) => sign * (a.value - b.value) || a.unit.code.localeCompare(b.unit.code));
  let previous: RankedChild | undefined;
  return valued.map((c, i) => (previous = { rank: previous?.value === c.value ? previous.rank : i + 1, ...c }));
}

export async function getCoverageRanking(store: Store, unit: UnitRef, asOf: string, figure: RankFigure, order: RankOrder): Promise<CoverageRankingAnswer> {
  const coverage = await coverageOfUnit(store, unit, asOf);
  return { asOf, unit: coverage.unit, rank: figure, order, children: rankChildren(coverage.children, figure, order) };
}

export const ZERO_KINDS = ['any', 'village_list', 'roster'] as const;
export type ZeroKind = (typeof ZERO_KINDS)[number];

export interface ZeroChild {
  unit: UnitSummary;
  /** No village in force: no list, so no village created (the two are one condition). False for a village. */
  noVillageList: boolean;
  /** The child's own roster (province, commune or village) has no active officer. */
  noRosterUpdate: boolean;
  villagesExpected: number;
}

export interface CoverageZeroAnswer {
  asOf: string;
  unit: UnitSummary;
  missing: ZeroKind;
  counts: { children: number; noVillageList: number; noRosterUpdate: number };
  children: ZeroChild[];
}

function zeroOf(child: CoverageAnswer['children'][number]): ZeroChild {
  const own = { province: child.rosters.provincesUpdated, commune: child.rosters.communesUpdated, village: child.rosters.officers.village };
  return {
    unit: child.unit,
    noVillageList: child.unit.level !== 'village' && child.villages.created === 0,
    noRosterUpdate: own[child.unit.level as keyof typeof own] === 0,
    villagesExpected: child.villages.expected,
  };
}

/** The children still at zero on a day: no village list, no roster, or either (`missing`). */
export async function getCoverageZero(store: Store, unit: UnitRef, asOf: string, missing: ZeroKind): Promise<CoverageZeroAnswer> {
  const coverage = await coverageOfUnit(store, unit, asOf);
  const all = coverage.children.map(zeroOf);
  const keep = { any: (z: ZeroChild) => z.noVillageList || z.noRosterUpdate, village_list: (z: ZeroChild) => z.noVillageList, roster: (z: ZeroChild) => z.noRosterUpdate }[missing];
  return {
    asOf,
    unit: coverage.unit,
    missing,
    counts: { children: all.length, noVillageList: all.filter((z) => z.noVillageList).length, noRosterUpdate: all.filter((z) => z.noRosterUpdate).length },
    children: all.filter(keep),
  };
}

export interface CoverageWeek {
  /** ISO week, "2025-W37". */
  week: string;
  weekStart: string;
  /** The week's Sunday, or the period's last day for the last week. */
  asOf: string;
  communesTotal: number;
  communesWithVillageList: number;
  withVillageListPct: number;
  villagesCreated: number;
  communesUpdated: number;
  communesUpdatedPct: number;
}

export interface CoverageTrendAnswer {
  unit: UnitSummary;
  period: { from: string; to: string };
  weeks: CoverageWeek[];
}

/** The rollout week by week, each figure cumulative as of the week's end; the last week ends on the period's end. */
export async function getCoverageTrend(
  store: Store,
  unit: UnitRef,
  filter: UnitFilter,
  period: { from: string; to: string; fromWeek: string },
): Promise<CoverageTrendAnswer> {
  const rows = await coverageTrend(store, { from_week: period.fromWeek, to: period.to, ...filter });
  return {
    unit: unitSummary(unit),
    period: { from: period.from, to: period.to },
    weeks: rows.map((r) => ({
      week: isoWeekOf(r.week_start),
      weekStart: r.week_start,
      asOf: r.as_of,
      communesTotal: r.communes_total,
      communesWithVillageList: r.communes_with_village_list,
      withVillageListPct: percent(r.communes_with_village_list, r.communes_total),
      villagesCreated: r.villages_created,
      communesUpdated: r.communes_updated,
      communesUpdatedPct: percent(r.communes_updated, r.communes_total),
    })),
  };
}
