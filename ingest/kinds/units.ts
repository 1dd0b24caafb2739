/**
 * Units: the registry updates communes send, above all their lists of villages and residential groups (thôn, tổ dân
 * phố, ấp, bản, …), and how many villages each commune expects. Provinces and communes themselves come only from the
 * official list (npm run units:import): a row that would change one is quarantined with that reason.
 * A village row: its commune, its name, and its code if it has one ("00004-012"); a village without a code is matched
 * to the commune's village of the same name, or gets the commune's next free code. A commune row: its code and
 * villages_expected.
 * Natural key: the village code (a commune row: the commune code and "villages_expected"). The same village again is
 * a duplicate; another name or type renames it from valid_from (history kept); closed_on closes it.
 */
import { matchKey } from '../../analytics/nlp/text.js';
import { OPEN_END, VILLAGE_TYPES, villageCode, type UnitRow } from '../../analytics/registry/units.js';
import { parseCount, parseTime, storedText, unitCode, vocabularyReader } from '../pipeline/values.js';
import { UnitIndex } from './unit-index.js';
import { outOfScope, type Fault, type JsKind, type JsKindRun, type StoredRecord } from './spec.js';
import { fault as faultOf, type FaultCode, type FaultParams } from '../faults.js';
import { defineQuery } from '../../analytics/queries/define.js';

/** More villages than this in one commune is a typing error. */
const MAX_VILLAGES_EXPECTED = 2000;

type UnitRecord =
  | { type: 'village'; unit: UnitRow; closedOn?: string }
  | { type: 'target'; commune: string; expected: number; validFrom: string };

const readLevel = vocabularyReader({
  village: ['thon', 'to dan pho', 'ap', 'ban', 'cap thon', 'thon to', 'village', '3'],
  commune: ['xa', 'phuong', 'dac khu', 'cap xa', 'commune', '2'],
  province: ['tinh', 'thanh pho', 'cap tinh', 'province', '1'],
});

const readVillageType = vocabularyReader(Object.fromEntries(VILLAGE_TYPES.map((t) => [t, [t]])));

const villagesExpected = defineQuery<{ as_of: string }, { unit_code: string; value: number }>('ingest/villages_expected');

/** "Thôn Đông" → type "thôn"; a name without a type word gets the type given, written in front. */
function villageName(name: string, typeGiven: string | undefined): { name: string; type: string | undefined } {
  const key = matchKey(name);
  const byName = [...VILLAGE_TYPES]
    .sort((a, b) => b.length - a.length)
    .find((t) => key === matchKey(t) || key.startsWith(`${matchKey(t)}_`));
  if (byName) return { name, type: typeGiven ?? byName };
  if (!typeGiven) return { name, type: undefined };
  return { name: `${typeGiven.charAt(0).toUpperCase()}${typeGiven.slice(1)} ${name}`, type: typeGiven };
}

export const units: JsKind = {
  kind: 'units',
  engine: 'js',
  keyField: 'code',
  description: 'Danh sách thôn, tổ dân phố / village lists and registry updates',
  naturalKey: 'code (a village without one: its commune and name)',
  columns: [
    { key: 'code', aliases: ['mã thôn', 'ma_thon', 'mã tổ dân phố', 'mã đơn vị', 'ma_don_vi', 'mã'], required: false },
    { key: 'commune_code', aliases: ['mã xã', 'ma_xa', 'mã phường', 'mã đơn vị cấp xã', 'parent_code'], required: true },
    { key: 'name', aliases: ['tên thôn', 'ten_thon', 'tên thôn, tổ dân phố', 'tên đơn vị', 'tên', 'ten'], required: false },
    { key: 'unit_type', aliases: ['loại', 'loai', 'loại đơn vị', 'type'], required: false },
    { key: 'level', aliases: ['cấp', 'cap', 'cấp đơn vị'], required: false },
    { key: 'valid_from', aliases: ['ngày thành lập', 'ngay_thanh_lap', 'hiệu lực từ', 'từ ngày', 'effective'], required: false },
    { key: 'closed_on', aliases: ['ngày giải thể', 'ngay_giai_the', 'giải thể', 'sáp nhập từ', 'valid_to'], required: false },
    { key: 'villages_expected', aliases: ['số thôn dự kiến', 'tổng số thôn', 'so_thon', 'số thôn, tổ dân phố'], required: false },
  ],

  async prepare({ store, ctx }): Promise<JsKindRun<UnitRecord>> {
    const index = await UnitIndex.load(store, ctx.asOf);
    // Each commune's villages by name, and the next free number, for villages that come without a code.
    const byName = new Map<string, string>();
    const lastNumber = new Map<string, number>();
    for (const u of index.all()) {
      if (u.level !== 'village') continue;
      byName.set(`${u.commune_code}|${matchKey(u.name)}`, u.code);
      lastNumber.set(u.commune_code, Math.max(lastNumber.get(u.commune_code) ?? 0, Number(u.code.slice(6))));
    }
    const expected = new Map((await villagesExpected(store, { as_of: ctx.asOf })).map((t) => [t.unit_code, Number(t.value)]));
    /** Keys written by this run, so a later row that contradicts one is told it is the same file. */
    const writtenBy = new Map<string, string>();

    const validFromOf = (v: Record<string, string>, faults: Fault[]): string => {
      if (!v.valid_from?.trim()) return ctx.asOf;
      const t = parseTime(v.valid_from);
      if (!t) faults.push(faultOf('valid_from', 'not_date', { value: v.valid_from }));
      return t?.slice(0, 10) ?? ctx.asOf;
    };

    return {
      check(v) {
        const faults: Fault[] = [];
        const fault = (field: string, code: FaultCode, params?: FaultParams) => faults.push(faultOf(field, code, params));
        const communeGiven = v.commune_code?.trim() ?? '';
        const commune = index.get(unitCode(communeGiven, 'commune'));
        if (!communeGiven) fault('commune_code', 'empty');
        else if (commune?.level !== 'commune') fault('commune_code', 'commune_not_in_force', { value: communeGiven, day: ctx.asOf });
        else {
          const outside = outOfScope(ctx.scope, commune.province_code, commune.code);
          if (outside) faults.push(outside);
        }
        const level = v.level?.trim() ? readLevel(v.level) : 'village';
        if (!level) fault('level', 'not_level', { value: v.level });
        if (level === 'province') fault('level', 'province_from_list');
        const validFrom = validFromOf(v, faults);

        if (level === 'commune') {
          if (v.name?.trim() && commune && matchKey(v.name) !== matchKey(commune.name)) {
            fault('name', 'not_commune_name', { value: v.name, commune: commune.code, name: commune.name });
          }
          const n = parseCount(v.villages_expected ?? '');
          if (!v.villages_expected?.trim()) fault('villages_expected', 'villages_expected_empty');
          else if (n === undefined || n > MAX_VILLAGES_EXPECTED) fault('villages_expected', 'not_villages_count', { value: v.villages_expected, max: MAX_VILLAGES_EXPECTED });
          if (faults.length > 0 || !commune) return { faults };
          return { key: `${commune.code}#villages_expected`, record: { type: 'target', commune: commune.code, expected: n as number, validFrom } };
        }

        const typeGiven = v.unit_type?.trim() ? readVillageType(v.unit_type) : undefined;
        if (v.unit_type?.trim() && !typeGiven) fault('unit_type', 'not_village_type', { value: v.unit_type, choices: VILLAGE_TYPES.join(', ') });
        const rawName = storedText(v.name ?? '').replace(/\n/g, ' ');
        if (rawName === '') fault('name', 'empty');
        else if (rawName.length > 200) fault('name', 'longer_than', { max: 200 });
        const { name, type } = villageName(rawName, typeGiven);
        if (rawName && !type) fault('unit_type', 'village_type_unknown', { choices: VILLAGE_TYPES.join(', ') });
        let closedOn: string | undefined;
        if (v.closed_on?.trim()) {
          const t = parseTime(v.closed_on);
          if (!t) fault('closed_on', 'not_date', { value: v.closed_on });
          else if (t.slice(0, 10) <= validFrom) fault('closed_on', 'closed_before_open', { value: v.closed_on, day: validFrom });
          else closedOn = t.slice(0, 10);
        }

        let code = '';
        const codeGiven = v.code?.trim() ?? '';
        if (codeGiven && commune) {
          code = /^\d{1,3}$/.test(codeGiven) ? villageCode(commune.code, Number(codeGiven)) : unitCode(codeGiven);
          if (!/^\d{5}-\d{3}$/.test(code) || code === `${code.slice(0, 5)}-000`) fault('code', 'not_village_code', { value: codeGiven });
          else if (code.slice(0, 5) !== commune.code) fault('code', 'not_code_of_commune', { value: codeGiven, commune: commune.code });
          const sameName = byName.get(`${commune.code}|${matchKey(name)}`);
          if (sameName && sameName !== code && faults.length === 0) fault('name', 'village_name_taken', { value: name, commune: commune.code, code: sameName });
        }
        if (faults.length > 0 || !commune) return { faults };
        if (!code) {
          // No code: the commune's village of that name, or the next free code (kept, so the same name again matches).
          const nameKey = `${commune.code}|${matchKey(name)}`;
          code = byName.get(nameKey) ?? '';
          if (!code) {
            const next = (lastNumber.get(commune.code) ?? 0) + 1;
            if (next > 999) return { faults: [faultOf('code', 'commune_full', { commune: commune.code })] };
            lastNumber.set(commune.code, next);
            code = villageCode(commune.code, next);
            byName.set(nameKey, code);
          }
        } else {
          byName.set(`${commune.code}|${matchKey(name)}`, code);
          lastNumber.set(commune.code, Math.max(lastNumber.get(commune.code) ?? 0, Number(code.slice(6))));
        }
        const unit: UnitRow = {
          code,
          level: 'village',
          name,
          unit_type: type as string,
          parent_code: commune.code,
          province_code: commune.province_code,
          commune_code: commune.code,
          valid_from: validFrom,
          valid_to: closedOn ?? OPEN_END,
          source: 'commune-entry',
          updated_at: '',
        };
        return { key: code, record: { type: 'village', unit, closedOn } };
      },

      describe: (r) =>
        r.type === 'target'
          ? { content: String(r.expected) }
          : { content: JSON.stringify([r.unit.name, r.unit.unit_type, r.unit.parent_code, r.closedOn ?? '']), detail: r.unit.parent_code },

      async lookup(keys) {
        const found = new Map<string, StoredRecord>();
        for (const key of keys) {
          const runId = writtenBy.get(key) ?? 'registry';
          if (key.endsWith('#villages_expected')) {
            const n = expected.get(key.slice(0, 5));
            if (n !== undefined) found.set(key, { content: String(n), runId });
            continue;
          }
          const u = index.get(key);
          if (u) found.set(key, { content: JSON.stringify([u.name, u.unit_type, u.parent_code, u.valid_to === OPEN_END ? '' : u.valid_to]), runId, detail: u.parent_code });
        }
        return found;
      },

      conflict(record, stored) {
        // Two rows of one file that say different things about the same unit: neither is taken as the newer.
        if (stored.runId === ctx.runId) return faultOf('code', 'repeated_earlier');
        if (record.type === 'target') return 'store';
        if (stored.detail !== record.unit.parent_code) {
          return faultOf('code', 'village_of_other_commune', { village: record.unit.code, commune: stored.detail ?? '', given: record.unit.parent_code });
        }
        return 'store';
      },

      async write(records) {
        const now = new Date().toISOString();
        const rows: UnitRow[] = [];
        const targets: object[] = [];
        for (const r of records) {
          if (r.type === 'target') {
            targets.push({ unit_code: r.commune, indicator: 'villages_expected', value: r.expected, valid_from: r.validFrom, source: 'commune-entry', updated_at: now });
            expected.set(r.commune, r.expected);
            writtenBy.set(`${r.commune}#villages_expected`, ctx.runId);
            continue;
          }
          const old = index.get(r.unit.code);
          const renamed = old && (old.name !== r.unit.name || old.unit_type !== r.unit.unit_type);
          if (old && renamed && old.valid_from < r.unit.valid_from) {
            // A new name from valid_from: the old one's period ends there, and the history stays.
            rows.push({ ...old, valid_to: r.unit.valid_from, updated_at: now }, { ...r.unit, updated_at: now });
          } else if (old && !renamed) {
            // Only the end changes (closed_on): the same period, closed.
            rows.push({ ...old, valid_to: r.unit.valid_to, updated_at: now });
          } else {
            // New, or renamed from the day it began (a correction): the row for that period is replaced.
            rows.push({ ...r.unit, valid_from: old?.valid_from ?? r.unit.valid_from, updated_at: now });
          }
          index.put({ ...r.unit, updated_at: now });
          writtenBy.set(r.unit.code, ctx.runId);
        }
        if (rows.length > 0) await store.insert('units', rows);
        if (targets.length > 0) await store.insert('unit_targets', targets);
      },
    };
  },
};

