/**
 * Small builders for hand-made datasets: a few units, targets and officers, each row with only what a test cares about.
 */
import type { Store } from '../../analytics/store/index.js';
import { OPEN_END, type UnitLevel } from '../../analytics/registry/units.js';

const NOW = '2025-09-01 00:00:00.000';

/** A unit; communes and villages name their province in `extra.province_code` (NSO codes do not embed it). */
export function unit(code: string, level: UnitLevel, name: string, extra: Partial<Record<string, string>> = {}) {
  const province = level === 'central' ? '' : level === 'province' ? code : (extra.province_code ?? '');
  return {
    code,
    level,
    name,
    unit_type: extra.unit_type ?? { central: 'trung ương', province: 'tỉnh', commune: 'xã', village: 'thôn' }[level],
    parent_code: extra.parent_code ?? { central: '', province: 'VN', commune: province, village: code.slice(0, 5) }[level],
    province_code: extra.province_code ?? province,
    commune_code: extra.commune_code ?? (level === 'commune' || level === 'village' ? code.slice(0, 5) : ''),
    valid_from: extra.valid_from ?? '2025-07-01',
    valid_to: extra.valid_to ?? OPEN_END,
    source: extra.source ?? 'test',
    updated_at: NOW,
  };
}

export function target(unitCode: string, value: number, validFrom = '2025-07-01') {
  return { unit_code: unitCode, indicator: 'villages_expected', value, valid_from: validFrom, source: 'test', updated_at: NOW };
}

let officerSeq = 0;
export function officer(
  unitCode: string,
  level: 'province' | 'commune' | 'village',
  provinceCode: string,
  extra: Partial<Record<string, string | number>> = {},
) {
  officerSeq++;
  return {
    officer_id: `T${officerSeq}`,
    unit_code: unitCode,
    unit_level: level,
    province_code: provinceCode,
    commune_code: level === 'province' ? '' : unitCode.slice(0, 5),
    organisation: 'mttq',
    position: 'uy_vien',
    gender: 'female',
    birth_year: 1980,
    full_name: 'Nguyễn Thị Test',
    phone: '0900000000',
    email: '',
    is_active: 1,
    first_recorded_at: '2025-08-01 08:00:00',
    updated_at: '2025-08-01 08:00:00',
    ingest_run_id: 'test',
    ...extra,
  };
}

export async function insertAll(store: Store, tables: Record<string, object[]>): Promise<void> {
  for (const [table, rows] of Object.entries(tables)) await store.insert(table, rows);
}
