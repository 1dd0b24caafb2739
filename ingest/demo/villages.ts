/**
 * Demo step "villages": how many villages each commune expects, which communes have created their lists,
 * and the villages themselves, matching the published figures exactly:
 * 2,280 of 3,321 communes with lists (every commune of the eight complete provinces), 61,223 villages created,
 * 90,512 expected.
 */
import { OPEN_END, REFORM_2025_DATE, villageCode } from '../../analytics/registry/units.js';
import { addDays } from '../../analytics/clock.js';
import { PUBLISHED } from './published.js';
import { apportion, Random } from '../../analytics/random.js';
import type { DemoContext, DemoUnit, DemoVillage } from './context.js';

const NORTH_MOUNTAINS = new Set(['04', '08', '11', '12', '14', '15', '19', '20']);
const HIGHLANDS = new Set(['52', '66', '68']);
const SOUTH = new Set(['75', '79', '80', '82', '86', '91', '92', '96']);

const DELTA_NAMES = ['Đông', 'Đoài', 'Thượng', 'Hạ', 'Trung', 'Nam', 'Bắc', 'Tiền', 'Hậu', 'Đình', 'Chùa', 'Lý Nhân', 'Phú Mỹ', 'An Lạc', 'Bình Minh', 'Tân Lập', 'Văn Phong', 'Đồng Tâm', 'Thống Nhất', 'Quyết Tiến', 'Hòa Bình', 'Đại Đồng', 'Cầu Gạch', 'Thọ Vực'];
const MOUNTAIN_NAMES = ['Nà Phặc', 'Pác Bó', 'Nà Hẩu', 'Khuổi Nậm', 'Pắc Ngòi', 'Nặm Cằm', 'Phiêng Luông', 'Nà Lừa', 'Cốc Pục', 'Khau Vai', 'Lũng Cú', 'Nậm Đăm', 'Tả Van', 'Sin Chải', 'Hua Tát', 'Pá Khoang', 'Nà Ngần', 'Bó Đướng'];
const COAST_NAMES = ['An Phú', 'Tân Mỹ', 'Phú Lộc', 'Mỹ Thủy', 'Lộc Thượng', 'Hòa Khánh', 'Phước Hưng', 'Xuân Thiều', 'Vĩnh An', 'Thanh Long', 'Tịnh Khê', 'Đông Hải', 'Tây Sơn', 'Quang Trung'];
const HIGHLAND_NAMES = ['Ma Đoan', 'Kô Siêr', 'Ea Nao', 'Đắk Rơ Wa', 'Plei Ơi', 'Kon Klor', 'Buôn Đôn', 'H\'Ding', 'Ea Bông', 'Tơ Nung', 'Ia Kênh', 'Kép'];
const SOUTH_NAMES = ['Tân Phú', 'Tân Hòa', 'Bình An', 'Phước Lợi', 'Mỹ Hòa', 'Long Thạnh', 'Thạnh Lợi', 'An Thới', 'Hòa Hưng', 'Vĩnh Phước', 'Rạch Gốc', 'Kinh Xáng', 'Cái Đôi', 'Láng Tròn', 'Xẻo Rô'];

/** The kinds of village a commune lists, with the names to draw on. */
function villageStyle(c: DemoUnit): { types: { type: string; share: number }[]; names: string[] } {
  if (c.unit_type === 'phường') {
    return { types: [{ type: SOUTH.has(c.province_code) ? 'khu phố' : 'tổ dân phố', share: 1 }], names: [] };
  }
  if (c.unit_type === 'đặc khu') return { types: [{ type: 'thôn', share: 0.6 }, { type: 'khu phố', share: 0.4 }], names: COAST_NAMES };
  if (NORTH_MOUNTAINS.has(c.province_code)) return { types: [{ type: 'bản', share: 0.45 }, { type: 'thôn', share: 0.55 }], names: MOUNTAIN_NAMES };
  if (HIGHLANDS.has(c.province_code)) return { types: [{ type: 'buôn', share: 0.35 }, { type: 'làng', share: 0.15 }, { type: 'thôn', share: 0.5 }], names: HIGHLAND_NAMES };
  if (SOUTH.has(c.province_code)) return { types: [{ type: 'ấp', share: 1 }], names: SOUTH_NAMES };
  const coast = ['44', '46', '48', '51', '56'].includes(c.province_code);
  return { types: [{ type: 'thôn', share: 1 }], names: coast ? COAST_NAMES : DELTA_NAMES };
}

const CAPITAL: Record<string, string> = { 'thôn': 'Thôn', 'bản': 'Bản', 'buôn': 'Buôn', 'làng': 'Làng', 'ấp': 'Ấp', 'tổ dân phố': 'Tổ dân phố', 'khu phố': 'Khu phố' };

/** Names for a commune's villages: named ones first where the region names them, then numbered, all distinct. */
export function villageNames(c: DemoUnit, count: number, random: Random): { name: string; type: string }[] {
  const style = villageStyle(c);
  const named = random.shuffle([...style.names]).slice(0, Math.min(style.names.length, Math.floor(count * 0.4)));
  const out: { name: string; type: string }[] = [];
  const used = new Set<string>();
  let number = 1;
  for (let i = 0; i < count; i++) {
    let u = random.next();
    const type = style.types.find((t) => (u -= t.share) < 0)?.type ?? (style.types[0] as { type: string }).type;
    let name = named[i] !== undefined ? `${CAPITAL[type]} ${named[i]}` : `${CAPITAL[type]} ${number++}`;
    while (used.has(name)) name = `${CAPITAL[type]} ${number++}`;
    used.add(name);
    out.push({ name, type });
  }
  return out;
}

/** Province short name: "Tỉnh Bắc Ninh" → "Bắc Ninh". */
export function shortName(name: string): string {
  return name.replace(/^(Tỉnh|Thành phố) /u, '');
}

export async function buildVillages(ctx: DemoContext): Promise<void> {
  const random = new Random(ctx.seed, 'villages');
  const complete = new Set(ctx.provinces.filter((p) => (PUBLISHED.completeProvinces as readonly string[]).includes(shortName(p.name))).map((p) => p.code));
  if (complete.size !== PUBLISHED.completeProvinces.length) {
    throw new Error(`the registry lacks some of the provinces ${PUBLISHED.completeProvinces.join(', ')}: load the 2025 list first`);
  }

  // Which communes have created their lists: all of the complete provinces, then the others by weighted draw
  // (keys u^(1/w), Efraimidis–Spirakis), each province with its own pace so that some lag far behind.
  const pace = new Map(ctx.provinces.map((p) => [p.code, complete.has(p.code) ? 1 : 0.15 + 0.85 * random.next()]));
  const inComplete = ctx.communes.filter((c) => complete.has(c.province_code));
  const others = ctx.communes
    .filter((c) => !complete.has(c.province_code))
    .map((c) => ({ c, key: Math.pow(random.next(), 1 / (pace.get(c.province_code) as number)) }))
    .sort((a, b) => b.key - a.key)
    .map((x) => x.c);
  const listed = new Set([...inComplete, ...others.slice(0, PUBLISHED.communesWithVillageList - inComplete.length)].map((c) => c.code));

  // Expected villages: wards have more groups than rural communes; apportioned so the totals are exact.
  // Listed communes expect a little more than they created (some lists are unfinished).
  const shortfall = Math.round(PUBLISHED.villagesCreated * 0.015);
  const size = new Map(ctx.communes.map((c) => [c.code, (c.unit_type === 'phường' ? 22 : c.unit_type === 'đặc khu' ? 8 : 18) * (0.6 + 0.8 * random.next())]));
  const listedCommunes = ctx.communes.filter((c) => listed.has(c.code));
  const unlisted = ctx.communes.filter((c) => !listed.has(c.code));
  const expectedListed = apportion(PUBLISHED.villagesCreated + shortfall, listedCommunes.map((c) => size.get(c.code) as number), 3);
  const expectedUnlisted = apportion(PUBLISHED.villagesExpected - PUBLISHED.villagesCreated - shortfall, unlisted.map((c) => size.get(c.code) as number), 3);
  const expected = new Map<string, number>([
    ...listedCommunes.map((c, i) => [c.code, expectedListed[i] as number] as const),
    ...unlisted.map((c, i) => [c.code, expectedUnlisted[i] as number] as const),
  ]);

  // Villages created: the expected count, less the shortfall spread over unfinished lists.
  const created = new Map(listedCommunes.map((c) => [c.code, expected.get(c.code) as number]));
  const unfinished = random.shuffle(listedCommunes.filter((c) => !complete.has(c.province_code)).map((c) => c.code));
  for (let left = shortfall, i = 0; left > 0; i = (i + 1) % unfinished.length) {
    const code = unfinished[i] as string;
    const n = created.get(code) as number;
    if (n > 2) {
      created.set(code, n - 1);
      left--;
    }
  }

  const now = new Date().toISOString();
  await ctx.store.insert(
    'unit_targets',
    ctx.communes.map((c) => ({
      unit_code: c.code, indicator: 'villages_expected', value: expected.get(c.code), valid_from: REFORM_2025_DATE, source: 'demo', updated_at: now,
    })),
  );

  // The day each commune listed its villages: complete provinces early, the rest spread up to the reference day.
  const rolloutStart = '2025-07-07';
  const span = Math.round((Date.parse(ctx.asOf) - Date.parse(rolloutStart)) / 86400000);
  const rows: object[] = [];
  for (const c of listedCommunes) {
    const early = complete.has(c.province_code);
    const offset = Math.floor(span * (early ? 0.55 * random.next() : Math.sqrt(random.next())));
    const day = addDays(rolloutStart, Math.min(offset, span));
    const names = villageNames(c, created.get(c.code) as number, random);
    const villages: DemoVillage[] = names.map((v, i) => ({ code: villageCode(c.code, i + 1), name: v.name, commune_code: c.code }));
    ctx.villages.set(c.code, villages);
    names.forEach((v, i) => {
      rows.push({
        code: villageCode(c.code, i + 1),
        level: 'village',
        name: v.name,
        unit_type: v.type,
        parent_code: c.code,
        province_code: c.province_code,
        commune_code: c.code,
        valid_from: day,
        valid_to: OPEN_END,
        source: 'demo',
        updated_at: now,
      });
    });
  }
  for (let i = 0; i < rows.length; i += 20_000) {
    await ctx.store.insert('units', rows.slice(i, i + 20_000));
    ctx.progress({ step: 'villages', done: Math.min(i + 20_000, rows.length), total: rows.length });
  }
}
