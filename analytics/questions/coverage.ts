/**
 * Rollout coverage of any unit: communes that created village lists, villages created against expected,
 * officer rosters updated and officers recorded; for the unit and for each of its children.
 */
import type { Store } from '../store/index.js';
import { coverageByChild, villagesOfCommune, type CoverageRow } from '../queries/coverage.js';
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

function summary(u: Pick<UnitRef, 'code' | 'name' | 'level'>): UnitSummary {
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
  const self = unit as UnitRef;

  if (self.level === 'commune' || self.level === 'village') {
    const [rows, villages] = await Promise.all([
      coverageByChild(store, { as_of: asOf, province_code: self.province_code, commune_code: self.commune_code }),
      villagesOfCommune(store, { as_of: asOf, commune_code: self.commune_code }),
    ]);
    if (self.level === 'village') {
      const v = villages.find((x) => x.code === self.code);
      return { asOf, unit: summary(self), ...villageFigures(v ? [v] : []), children: [] };
    }
    return {
      asOf,
      unit: summary(self),
      ...figures(rows.find((r) => r.is_total === 1)),
      children: villages.map((v) => ({ unit: { code: v.code, name: v.name, level: 'village' as const }, ...villageFigures([v]) })),
    };
  }

  const rows = await coverageByChild(store, { as_of: asOf, province_code: self.level === 'province' ? self.code : '', commune_code: '' });
  const childLevel: UnitLevel = self.level === 'central' ? 'province' : 'commune';
  return {
    asOf,
    unit: summary(self),
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
