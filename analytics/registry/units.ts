/**
 * The shape of the unit registry: levels, code formats and the constants the schema relies on.
 * Both ingestion (which writes units) and the queries (which read them) take their rules from here.
 */

export const UNIT_LEVELS = ['central', 'province', 'commune', 'village'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** The code of the central level, the root of the tree. */
export const CENTRAL_CODE = 'VN';
export const CENTRAL_NAME = 'Trung ương';

/** `valid_to` of a unit still in force: the largest ClickHouse Date. */
export const OPEN_END = '2149-06-06';

/** The date the 2025 list of 34 provinces and 3,321 communes took effect (Resolution 202/2025/QH15, Decision 19/2025/QĐ-TTg). */
export const REFORM_2025_DATE = '2025-07-01';

export const PROVINCE_CODE = /^\d{2}$/;
export const COMMUNE_CODE = /^\d{5}$/;
/** A village's code: its commune's code, a dash and a 3-digit number within the commune. */
export const VILLAGE_CODE = /^\d{5}-\d{3}$/;

export const COMMUNE_TYPES = ['xã', 'phường', 'đặc khu'] as const;
export type CommuneType = (typeof COMMUNE_TYPES)[number];

export const PROVINCE_TYPES = ['thành phố', 'tỉnh'] as const;

/** What villages and residential groups are called across the country, as unit_type stores them (lower case). */
export const VILLAGE_TYPES = ['thôn', 'tổ dân phố', 'khu phố', 'ấp', 'bản', 'buôn', 'làng', 'xóm', 'khóm', 'sóc', 'plei', 'bon', 'khu', 'tổ'] as const;

export function levelOfCode(code: string): UnitLevel | undefined {
  if (code === CENTRAL_CODE) return 'central';
  if (PROVINCE_CODE.test(code)) return 'province';
  if (COMMUNE_CODE.test(code)) return 'commune';
  if (VILLAGE_CODE.test(code)) return 'village';
  return undefined;
}

export function villageCode(communeCode: string, seq: number): string {
  return `${communeCode}-${String(seq).padStart(3, '0')}`;
}

export interface UnitRow {
  code: string;
  level: UnitLevel;
  name: string;
  unit_type: string;
  parent_code: string;
  province_code: string;
  commune_code: string;
  valid_from: string;
  valid_to: string;
  source: string;
  updated_at: string;
}
