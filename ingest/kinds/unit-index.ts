/**
 * The registry in memory for a run of a kind checked in JavaScript: every unit in force on the run's day, by code.
 * Small (≈ 95k units), loaded once per run.
 */
import type { Store } from '../../analytics/store/index.js';
import { unitsInForce } from '../../analytics/queries/registry.js';
import type { UnitLevel, UnitRow } from '../../analytics/registry/units.js';

export class UnitIndex {
  private constructor(private readonly byCode: Map<string, UnitRow>) {}

  static async load(store: Store, asOf: string, levels: UnitLevel[] = ['central', 'province', 'commune', 'village']): Promise<UnitIndex> {
    const rows = await unitsInForce(store, { as_of: asOf, levels, province_code: '' });
    return new UnitIndex(new Map(rows.map((u) => [u.code, u as UnitRow])));
  }

  get(code: string): UnitRow | undefined {
    return this.byCode.get(code);
  }

  /** Adds or replaces a unit (a village a run creates), so the rows after it see it. */
  put(unit: UnitRow): void {
    this.byCode.set(unit.code, unit);
  }

  *all(): IterableIterator<UnitRow> {
    yield* this.byCode.values();
  }
}
