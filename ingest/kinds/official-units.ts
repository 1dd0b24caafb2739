/**
 * The official list of provinces and communes (columns of vn-admin-units-2025.csv), from CSV or XLSX, into the registry.
 * Steps: parse → validate → normalise → enrich (provinces and the central level) → store (a diff against the registry).
 * Re-importing the same list changes nothing. A changed name or type closes the old period and opens a new one on
 * the effective date; a unit missing from a complete list is closed on that date. History is never overwritten.
 */
import type { Store } from '../../analytics/store/index.js';
import { canonicalToneMarks, cleanText, matchKey } from '../../analytics/nlp/text.js';
import { dayInVietnam, isCalendarDay } from '../../analytics/clock.js';
import {
  CENTRAL_CODE,
  CENTRAL_NAME,
  COMMUNE_TYPES,
  OPEN_END,
  REFORM_2025_DATE,
  type CommuneType,
  type UnitLevel,
  type UnitRow,
} from '../../analytics/registry/units.js';
import { unitsInForce } from '../../analytics/queries/registry.js';
import { readRows, InputError, type ReadOptions, type SourceFile } from '../readers/index.js';
import { mapColumns, type ColumnSpec, type MappedRow } from '../pipeline/columns.js';
import { IngestRun, type IngestSummary, type WayIn } from '../pipeline/run.js';
import { fault, type Fault } from '../faults.js';

export const KIND = 'official_units';

export const COLUMNS: readonly ColumnSpec[] = [
  { key: 'province_code', aliases: ['mã tỉnh', 'ma_tinh', 'mã tỉnh/thành phố'], required: true },
  { key: 'province_name', aliases: ['tên tỉnh', 'ten_tinh', 'tỉnh/thành phố', 'tên tỉnh/thành phố'], required: true },
  { key: 'commune_code', aliases: ['mã xã', 'ma_xa', 'mã đơn vị hành chính cấp xã'], required: true },
  { key: 'commune_name', aliases: ['tên xã', 'ten_xa', 'tên đơn vị hành chính cấp xã'], required: true },
  { key: 'commune_type', aliases: ['loại', 'loai', 'cấp', 'loại đơn vị'], required: true },
];

/** A complete list may close at most this share of the communes in force; more means a truncated or wrong file. */
export const MAX_CLOSED_SHARE = 0.1;

export interface OfficialUnitsOptions extends ReadOptions {
  /** The day the list takes effect. Needed when it changes the registry, except for the very first list. */
  effective?: string;
  /** The file lists only some units: do not close the others. */
  partial?: boolean;
  /** Allow a complete list to close more than MAX_CLOSED_SHARE of the communes. */
  allowMassClosing?: boolean;
  wayIn: WayIn;
  startedBy?: string;
}

export interface RegistryChanges {
  effective: string;
  provinces: { added: number; changed: number; closed: number };
  communes: { added: number; changed: number; closed: number; unchanged: number };
}

export type OfficialUnitsSummary = IngestSummary & { registry: RegistryChanges };

interface CommuneEntry {
  row: number;
  provinceCode: string;
  provinceName: string;
  code: string;
  name: string;
  type: CommuneType;
}

const TYPE_BY_KEY = new Map(COMMUNE_TYPES.map((t) => [matchKey(t), t]));
const CAPITALISED_TYPE: Record<CommuneType, string> = { xã: 'Xã', phường: 'Phường', 'đặc khu': 'Đặc khu' };

function normaliseName(value: string): string {
  return canonicalToneMarks(cleanText(value).replace(/[’‘`]/g, "'"));
}

/** Codes written as numbers lose their leading zeros in spreadsheets: pad them back to the NSO width. */
function code(value: string, width: number): string | undefined {
  const v = value.trim().replace(/\.0+$/, '');
  return /^\d+$/.test(v) && v.length <= width ? v.padStart(width, '0') : undefined;
}

/** validate + normalise: one row of the file into a commune entry, or the faults that keep it out. */
export function validateRow(r: MappedRow): { entry: CommuneEntry } | { faults: Fault[] } {
  const v = r.values;
  const faults: Fault[] = [];
  const provinceCode = code(v.province_code ?? '', 2);
  if (!provinceCode) faults.push(fault('province_code', 'not_province_code', { value: v.province_code ?? '' }));
  const provinceName = normaliseName(v.province_name ?? '');
  if (!/^(Tỉnh|Thành phố) \S/u.test(provinceName)) {
    faults.push(fault('province_name', 'not_province_name', { value: provinceName }));
  }
  const communeCode = code(v.commune_code ?? '', 5);
  if (!communeCode) faults.push(fault('commune_code', 'not_commune_code', { value: v.commune_code ?? '' }));
  const type = TYPE_BY_KEY.get(matchKey(v.commune_type ?? ''));
  if (!type) faults.push(fault('commune_type', 'not_commune_type', { value: v.commune_type ?? '' }));
  let name = normaliseName(v.commune_name ?? '');
  if (name === '') faults.push(fault('commune_name', 'empty'));
  if (faults.length > 0) return { faults };
  // Some lists drop the type from the name ("Ba Đình"); the registry keeps the official form "Phường Ba Đình".
  const startsWith = (t: CommuneType) =>
    matchKey(name.split(' ').slice(0, t.split(' ').length).join(' ')) === matchKey(t) && name.split(' ').length > t.split(' ').length;
  const prefix = CAPITALISED_TYPE[type as CommuneType];
  const written = COMMUNE_TYPES.find(startsWith);
  if (written && written !== type) {
    return { faults: [fault('commune_type', 'type_against_name', { value: type as string, name, written })] };
  }
  name = written ? prefix + name.slice(prefix.length) : `${prefix} ${name}`;
  return {
    entry: { row: r.row, provinceCode: provinceCode as string, provinceName, code: communeCode as string, name, type: type as CommuneType },
  };
}

function provinceType(name: string): string {
  return name.startsWith('Thành phố') ? 'thành phố' : 'tỉnh';
}

/** A unit as the list says it should be, before validity dates are set. */
type Desired = Pick<UnitRow, 'code' | 'level' | 'name' | 'unit_type' | 'parent_code' | 'province_code' | 'commune_code'>;

function sameUnit(a: Desired, b: UnitRow): boolean {
  return a.name === b.name && a.unit_type === b.unit_type && a.parent_code === b.parent_code;
}

export async function importOfficialUnits(store: Store, source: SourceFile, options: OfficialUnitsOptions): Promise<OfficialUnitsSummary> {
  if (options.effective !== undefined && !isCalendarDay(options.effective)) {
    throw new InputError(source.name, `--effective must be a day written YYYY-MM-DD, got "${options.effective}"`);
  }
  const run = await IngestRun.start(store, { kind: KIND, file: source.name, wayIn: options.wayIn, startedBy: options.startedBy });
  try {
    // parse → validate → normalise
    const communes = new Map<string, CommuneEntry>();
    const provinceNames = new Map<string, { name: string; row: number }>();
    for await (const r of mapColumns(readRows(source, options), COLUMNS, source.name)) {
      run.read++;
      if (r.unreadable) {
        await run.quarantine(r.row, [r.unreadable.fault], r.unreadable.raw);
        continue;
      }
      const result = validateRow(r);
      if ('faults' in result) {
        await run.quarantine(r.row, result.faults, r.values);
        continue;
      }
      const e = result.entry;
      const knownProvince = provinceNames.get(e.provinceCode);
      if (knownProvince && knownProvince.name !== e.provinceName) {
        await run.quarantine(
          r.row,
          [fault('province_name', 'province_named_otherwise', { province: e.provinceCode, name: knownProvince.name, row: knownProvince.row, value: e.provinceName })],
          r.values,
        );
        continue;
      }
      const twin = communes.get(e.code);
      if (twin) {
        if (twin.name === e.name && twin.provinceCode === e.provinceCode && twin.type === e.type) {
          run.duplicates++;
        } else {
          await run.quarantine(r.row, [fault('commune_code', 'commune_named_otherwise', { commune: e.code, name: twin.name, row: twin.row })], r.values);
        }
        continue;
      }
      provinceNames.set(e.provinceCode, { name: e.provinceName, row: e.row });
      communes.set(e.code, e);
    }

    // enrich: the provinces and the central level that the communes imply
    const desired: Desired[] = [
      { code: CENTRAL_CODE, level: 'central', name: CENTRAL_NAME, unit_type: 'trung ương', parent_code: '', province_code: '', commune_code: '' },
      ...[...provinceNames].map(([c, p]) => ({
        code: c, level: 'province' as const, name: p.name, unit_type: provinceType(p.name), parent_code: CENTRAL_CODE, province_code: c, commune_code: '',
      })),
      ...[...communes.values()].map((e) => ({
        code: e.code, level: 'commune' as const, name: e.name, unit_type: e.type, parent_code: e.provinceCode, province_code: e.provinceCode, commune_code: e.code,
      })),
    ];

    // store: compare with the registry in force and write only the differences
    const current = await unitsInForce(store, {
      as_of: options.effective ?? dayInVietnam(),
      levels: ['central', 'province', 'commune'],
      province_code: '',
    });
    const registryEmpty = current.length === 0;
    const byCode = new Map(current.map((u) => [u.code, u]));
    const added = desired.filter((d) => !byCode.has(d.code));
    const changed = desired.filter((d) => byCode.has(d.code) && !sameUnit(d, byCode.get(d.code) as UnitRow));
    const listed = new Set(desired.map((d) => d.code));
    const missing = options.partial ? [] : current.filter((u) => u.level !== 'central' && !listed.has(u.code));

    const changes = added.length + changed.length + missing.length;
    const effective = options.effective ?? (registryEmpty ? REFORM_2025_DATE : undefined);
    if (changes > 0 && effective === undefined) {
      throw new InputError(
        source.name,
        `this list changes the registry (${added.length} new, ${changed.length} changed, ${missing.length} no longer listed): ` +
          'say from which day with --effective YYYY-MM-DD',
      );
    }
    const communesInForce = current.filter((u) => u.level === 'commune').length;
    const closingCommunes = missing.filter((u) => u.level === 'commune').length;
    if (!options.allowMassClosing && communesInForce > 0 && closingCommunes > communesInForce * MAX_CLOSED_SHARE) {
      throw new InputError(
        source.name,
        `this list would close ${closingCommunes} of the ${communesInForce} communes in force, which looks like a partial or wrong file. ` +
          'Import it with --partial to leave unlisted units alone, or with --allow-mass-closing if the closures are real.',
      );
    }

    const now = new Date().toISOString();
    const day = effective ?? REFORM_2025_DATE;
    const open = (d: Desired) => ({ ...d, valid_from: day, valid_to: OPEN_END, source: 'official-list', updated_at: now });
    const close = (u: UnitRow) => ({ ...u, valid_to: day, updated_at: now });
    const writes: object[] = [
      ...added.map(open),
      ...changed.flatMap((d) => {
        const old = byCode.get(d.code) as UnitRow;
        // Changed on the very day its period began: that period is simply corrected.
        return old.valid_from === day ? [open(d)] : [close(old), open(d)];
      }),
      ...missing.map(close),
    ];
    for (let i = 0; i < writes.length; i += 10_000) await store.insert('units', writes.slice(i, i + 10_000));

    const communeChanges = new Set([...added, ...changed].filter((d) => d.level === 'commune').map((d) => d.code));
    for (const entry of communes.values()) {
      if (communeChanges.has(entry.code)) run.stored++;
      else run.duplicates++;
    }
    const count = (list: { level: UnitLevel }[], level: UnitLevel) => list.filter((u) => u.level === level).length;
    const registry: RegistryChanges = {
      effective: day,
      provinces: { added: count(added, 'province'), changed: count(changed, 'province'), closed: count(missing, 'province') },
      communes: {
        added: count(added, 'commune'),
        changed: count(changed, 'commune'),
        closed: count(missing, 'commune'),
        unchanged: communes.size - communeChanges.size,
      },
    };
    const summary = await run.finish(
      `provinces +${registry.provinces.added} ~${registry.provinces.changed} -${registry.provinces.closed}; ` +
        `communes +${registry.communes.added} ~${registry.communes.changed} -${registry.communes.closed}`,
    );
    return { ...summary, registry };
  } catch (error) {
    await run.fail(error);
    throw error;
  }
}
