/**
 * Which former units became which units in force (the columns of vn-unit-successions-2025.csv), into unit_successions.
 * Steps: parse → validate (codes, kind, the new unit in force) → normalise → store (rows not stored yet).
 * Importing the same table again changes nothing.
 */
import type { Store } from '../../analytics/store/index.js';
import { canonicalToneMarks, cleanText, matchKey } from '../../analytics/nlp/text.js';
import { isCalendarDay } from '../../analytics/clock.js';
import { REFORM_2025_DATE } from '../../analytics/registry/units.js';
import { unitsInForce, unitSuccessions } from '../../analytics/queries/registry.js';
import { readRows, InputError, type ReadOptions, type SourceFile } from '../readers/index.js';
import { mapColumns, type ColumnSpec } from '../pipeline/columns.js';
import { IngestRun, type IngestSummary, type WayIn } from '../pipeline/run.js';
import { fault, type Fault } from '../faults.js';

export const KIND = 'unit_successions';

export const COLUMNS: readonly ColumnSpec[] = [
  { key: 'from_code', aliases: ['mã cũ', 'ma_cu', 'mã đơn vị cũ'], required: true },
  { key: 'from_name', aliases: ['tên cũ', 'ten_cu', 'tên đơn vị cũ'], required: true },
  { key: 'from_district', aliases: ['huyện cũ', 'huyen_cu'], required: false },
  { key: 'from_province', aliases: ['tỉnh cũ', 'tinh_cu'], required: false },
  { key: 'to_code', aliases: ['mã mới', 'ma_moi', 'mã đơn vị mới'], required: true },
  { key: 'kind', aliases: ['loại', 'hình thức'], required: false },
];

export const SUCCESSION_KINDS = ['merge', 'split', 'rename', 'same', 'transfer'] as const;

export interface SuccessionOptions extends ReadOptions {
  /** The day the former units ceased; default 1 July 2025. */
  effective?: string;
  wayIn: WayIn;
  startedBy?: string;
}

const name = (value: string) => canonicalToneMarks(cleanText(value).replace(/[’‘`]/g, "'"));

export async function importUnitSuccessions(store: Store, source: SourceFile, options: SuccessionOptions): Promise<IngestSummary> {
  const effective = options.effective ?? REFORM_2025_DATE;
  if (!isCalendarDay(effective)) throw new InputError(source.name, `--effective must be a day written YYYY-MM-DD, got "${effective}"`);
  const run = await IngestRun.start(store, { kind: KIND, file: source.name, wayIn: options.wayIn, startedBy: options.startedBy });
  try {
    const inForce = new Set((await unitsInForce(store, { as_of: effective, levels: ['province', 'commune', 'village'], province_code: '' })).map((u) => u.code));
    const stored = new Set((await unitSuccessions(store, {})).map((s) => `${s.from_code}>${s.to_code}@${s.effective_date}`));
    const seen = new Set<string>();
    const rows: object[] = [];
    const now = new Date().toISOString();
    for await (const r of mapColumns(readRows(source, options), COLUMNS, source.name)) {
      run.read++;
      if (r.unreadable) {
        await run.quarantine(r.row, [r.unreadable.fault], r.unreadable.raw);
        continue;
      }
      const v = r.values;
      const faults: Fault[] = [];
      const fromCode = (v.from_code ?? '').trim();
      if (!/^\d{1,5}$/.test(fromCode)) faults.push(fault('from_code', 'not_former_code', { value: v.from_code ?? '' }));
      const fromName = name(v.from_name ?? '');
      if (!fromName) faults.push(fault('from_name', 'empty'));
      const toCode = (v.to_code ?? '').trim().padStart(5, '0');
      if (!inForce.has(toCode)) faults.push(fault('to_code', 'unit_not_in_force_on', { value: v.to_code ?? '', day: effective }));
      const kind = matchKey(v.kind ?? '') || 'merge';
      if (!(SUCCESSION_KINDS as readonly string[]).includes(kind)) faults.push(fault('kind', 'not_one_of', { value: v.kind ?? '', choices: SUCCESSION_KINDS.join(', ') }));
      if (faults.length > 0) {
        await run.quarantine(r.row, faults, v);
        continue;
      }
      const from = fromCode.padStart(5, '0');
      const key = `${from}>${toCode}@${effective}`;
      if (stored.has(key) || seen.has(key)) {
        run.duplicates++;
        continue;
      }
      seen.add(key);
      rows.push({
        from_code: from,
        from_name: fromName,
        from_district: name(v.from_district ?? ''),
        from_province: name(v.from_province ?? ''),
        to_code: toCode,
        effective_date: effective,
        kind,
        updated_at: now,
      });
      run.stored++;
    }
    for (let i = 0; i < rows.length; i += 20_000) await store.insert('unit_successions', rows.slice(i, i + 20_000));
    return await run.finish();
  } catch (error) {
    await run.fail(error);
    throw error;
  }
}
