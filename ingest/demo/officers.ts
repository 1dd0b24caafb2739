/**
 * Demo step "officers": rosters of the Front and the socio-political organisations, matching the published figures:
 * every province (7,108 officers in all) and 2,237 of 3,321 communes (270,176 officers) have updated their rosters.
 * About one roster in forty still lacks a Front chair, and some were entered once and never updated since.
 */
import { addDays } from '../../analytics/clock.js';
import type { Organisation, Position } from '../../analytics/registry/vocabularies.js';
import { PUBLISHED } from './published.js';
import { apportion, Random } from '../../analytics/random.js';
import { personName, phoneNumber } from './names.js';
import { BatchWriter, type DemoContext, type DemoUnit } from './context.js';

/** Share of a roster by organisation. */
const ORGANISATION_SHARE: [Organisation, number][] = [
  ['mttq', 0.4],
  ['hoi_phu_nu', 0.13],
  ['hoi_nong_dan', 0.13],
  ['doan_thanh_nien', 0.13],
  ['hoi_cuu_chien_binh', 0.12],
  ['cong_doan', 0.09],
];

/** Positions within one organisation's part of a roster of `n` people. */
function positions(org: Organisation, n: number, withChair: boolean): Position[] {
  const out: Position[] = [];
  if (withChair) out.push('chu_tich');
  const deputies = org === 'mttq' ? 3 : 2;
  for (let i = 0; i < deputies && out.length < n; i++) out.push('pho_chu_tich');
  if (org === 'mttq') for (let i = 0; i < 4 && out.length < n; i++) out.push('uy_vien_thuong_truc');
  if (org === 'mttq') for (let i = 0; i < 3 && out.length < n; i++) out.push('can_bo');
  while (out.length < n) out.push('uy_vien');
  return out;
}

async function writeRoster(
  ctx: DemoContext,
  writer: BatchWriter,
  random: Random,
  unit: DemoUnit,
  level: 'province' | 'commune',
  size: number,
  recordedOn: string,
): Promise<void> {
  const parts = apportion(size, ORGANISATION_SHARE.map(([, s]) => s));
  const withFrontChair = !random.chance(0.025);
  // A roster entered once; about half were touched again before the reference day.
  const lastUpdate = random.chance(0.5) ? recordedOn : addDays(recordedOn, random.int(0, Math.max(0, Math.round((Date.parse(ctx.asOf) - Date.parse(recordedOn)) / 86400000))));
  let seq = 0;
  for (const [k, [org]] of ORGANISATION_SHARE.entries()) {
    for (const position of positions(org, parts[k] as number, org !== 'mttq' || withFrontChair)) {
      seq++;
      const gender = org === 'hoi_phu_nu' || random.chance(org === 'mttq' ? 0.38 : 0.3) ? 'female' : 'male';
      const birthYear = org === 'doan_thanh_nien' ? random.int(1990, 2003) : random.int(1960, 1995);
      await writer.add({
        officer_id: `${unit.code}-${String(seq).padStart(4, '0')}`,
        unit_code: unit.code,
        unit_level: level,
        province_code: unit.province_code,
        commune_code: level === 'commune' ? unit.code : '',
        organisation: org,
        position,
        gender,
        birth_year: birthYear,
        full_name: personName(random, gender),
        phone: phoneNumber(random),
        email: '',
        is_active: 1,
        first_recorded_at: `${recordedOn} ${String(random.int(7, 17)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:00`,
        updated_at: `${lastUpdate} 17:30:00`,
        ingest_run_id: 'demo',
      });
    }
  }
}

export async function buildOfficers(ctx: DemoContext): Promise<void> {
  const random = new Random(ctx.seed, 'officers');
  const writer = new BatchWriter(ctx.store, 'officers');

  // Provinces: every one, sized by its number of communes.
  const provinceSizes = apportion(PUBLISHED.officersProvince, ctx.provinces.map((p) => ctx.communes.filter((c) => c.province_code === p.code).length + 60));
  for (const [i, p] of ctx.provinces.entries()) {
    await writeRoster(ctx, writer, random, p, 'province', provinceSizes[i] as number, addDays('2025-07-10', random.int(0, 30)));
  }

  // Communes: 2,237 of them, each province at its own pace.
  const pace = new Map(ctx.provinces.map((p) => [p.code, 0.2 + 0.8 * random.next()]));
  const withRoster = ctx.communes
    .map((c) => ({ c, key: Math.pow(random.next(), 1 / (pace.get(c.province_code) as number)) }))
    .sort((a, b) => b.key - a.key)
    .slice(0, PUBLISHED.communesWithRoster)
    .map((x) => x.c)
    .sort((a, b) => a.code.localeCompare(b.code));
  const communeSizes = apportion(
    PUBLISHED.officersCommune,
    withRoster.map((c) => (c.unit_type === 'phường' ? 1.1 : c.unit_type === 'đặc khu' ? 0.7 : 1) * (0.75 + 0.5 * random.next())),
    40,
  );
  const span = Math.round((Date.parse(ctx.asOf) - Date.parse('2025-07-15')) / 86400000);
  for (const [i, c] of withRoster.entries()) {
    await writeRoster(ctx, writer, random, c, 'commune', communeSizes[i] as number, addDays('2025-07-15', Math.floor(span * Math.sqrt(random.next()))));
    if (i % 200 === 0) ctx.progress({ step: 'officers', done: i, total: withRoster.length });
  }
  await writer.close();
  ctx.progress({ step: 'officers', done: withRoster.length, total: withRoster.length });
}
