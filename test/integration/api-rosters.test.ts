/**
 * Officer rosters in aggregate through the API, on the real registry with hand-made rosters, reference day 16 September
 * 2025 (ages are 2025 minus the birth year; "stale" by default: last changed before 19 August, 4 weeks earlier):
 *
 *   01 Hà Nội (province)  P1 Front chair ♂1970 · P2 Front deputy ♀1996 · P3 Women's union ♀ birth year unknown ·
 *                         P4 Front member who left; all recorded 10 Jul
 *   00226 Văn Miếu        C1 Front chair ♀1985 · C2 Trade union ♂1965 · C3 Youth union ♂2000 (changed 10 Sep) ·
 *                         C4 Farmers' union ♂1970, left on 5 Sep · C5 Front member ♀1992 recorded 20 Sep, after the day;
 *                         recorded 12 Aug. Village 00226-001: V1 Front member ♀1975 recorded 20 Aug
 *   00004 Ba Đình         D1 Front deputy ♂1980 (changed 18 Aug, 29 days before) · D2 Farmers' union chair ♂1962: no Front chair
 *   00008 Ngọc Hà         E1 Front chair ♀1990 recorded 19 Aug, exactly 4 weeks before
 *   79 Hồ Chí Minh        H0 Front chair ♂1960 who left on 1 Aug · H1 Front member ♂1970; commune 25747: H2 Front chair
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, sessionCookies } from '../support/app.js';
import { insertAll, officer, unit } from '../support/builders.js';
import { openIngestStore } from '../support/store.js';
import { ensureDemoUsers } from '../../analytics/access/demo-users.js';
import { META, writeMeta } from '../../analytics/queries/meta.js';

const PASSWORD = 'mật-khẩu-thử-nghiệm';
type Extra = Parameters<typeof officer>[3];
/** An officer of an organisation in a position, recorded on a day (and last changed then unless `changed`). */
function member(unitCode: string, org: string, position: string, gender: string, birthYear: number, recorded: string, more: Extra & { changed?: string } = {}) {
  const level = unitCode.length === 2 ? 'province' : unitCode.includes('-') ? 'village' : 'commune';
  const province = unitCode.length === 2 ? unitCode : unitCode.startsWith('25747') ? '79' : '01';
  const { changed, ...extra } = more;
  return officer(unitCode, level, province, {
    organisation: org,
    position,
    gender,
    birth_year: birthYear,
    first_recorded_at: `${recorded} 08:00:00`,
    updated_at: `${changed ?? recorded} 08:00:00`,
    ...extra,
  });
}

let t: Awaited<ReturnType<typeof openIngestStore>>;
let app: FastifyInstance;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await openIngestStore();
  // The first versions of C3 and C4, replaced by the second load below.
  await insertAll(t.store, {
    officers: [
      member('00226', 'doan_thanh_nien', 'uy_vien', 'male', 2000, '2025-08-12', { officer_id: 'C3' }),
      member('00226', 'hoi_nong_dan', 'uy_vien', 'male', 1970, '2025-08-12', { officer_id: 'C4' }),
    ],
  });
  await insertAll(t.store, {
    units: [unit('00226-001', 'village', 'Tổ dân phố 1', { province_code: '01', valid_from: '2025-08-04' })],
    officers: [
      member('01', 'mttq', 'chu_tich', 'male', 1970, '2025-07-10'),
      member('01', 'mttq', 'pho_chu_tich', 'female', 1996, '2025-07-10'),
      member('01', 'hoi_phu_nu', 'uy_vien', 'female', 0, '2025-07-10'),
      member('01', 'mttq', 'uy_vien', 'male', 1980, '2025-07-10', { is_active: 0 }),
      member('00226', 'mttq', 'chu_tich', 'female', 1985, '2025-08-12'),
      member('00226', 'cong_doan', 'uy_vien', 'male', 1965, '2025-08-12'),
      member('00226', 'doan_thanh_nien', 'uy_vien', 'male', 2000, '2025-08-12', { officer_id: 'C3', changed: '2025-09-10' }),
      member('00226', 'hoi_nong_dan', 'uy_vien', 'male', 1970, '2025-08-12', { officer_id: 'C4', changed: '2025-09-05', is_active: 0 }),
      member('00226', 'mttq', 'uy_vien', 'female', 1992, '2025-09-20'),
      member('00226-001', 'mttq', 'uy_vien', 'female', 1975, '2025-08-20'),
      member('00004', 'mttq', 'pho_chu_tich', 'male', 1980, '2025-07-28', { changed: '2025-08-18' }),
      member('00004', 'hoi_nong_dan', 'chu_tich', 'male', 1962, '2025-07-28'),
      member('00008', 'mttq', 'chu_tich', 'female', 1990, '2025-08-19'),
      member('79', 'mttq', 'chu_tich', 'male', 1960, '2025-07-15', { changed: '2025-08-01', is_active: 0 }),
      member('79', 'mttq', 'uy_vien', 'male', 1970, '2025-07-15'),
      member('25747', 'mttq', 'chu_tich', 'male', 1975, '2025-07-20'),
    ],
  });
  await writeMeta(t.store, { [META.referenceDate]: '2025-09-16' });
  await ensureDemoUsers(t.store, '2025-09-16', PASSWORD);
  app = await buildTestApp(t);
  Object.assign(cookies, await sessionCookies(app, ['trunguong', 'hanoi', 'vanmieu'], PASSWORD));
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const get = (login: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie: cookies[login] as string } });
const body = async (login: string, url: string) => {
  const res = await get(login, url);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.body, 'no officer name or phone in an aggregate').not.toMatch(/Nguyễn Thị Test|0900000000/);
  return res.json();
};
type Group = { code: string; officers: number; female: number };
const counts = (groups: Group[]) => Object.fromEntries(groups.map((g) => [g.code, g.officers]));

describe('GET /api/rosters/officers', () => {
  it('counts the active officers of a province by level, organisation, position, gender and age band', async () => {
    const b = await body('hanoi', '/api/rosters/officers?unit=01');
    expect(b).toMatchObject({ asOf: '2025-09-16', unit: { code: '01', name: 'Thành phố Hà Nội', level: 'province' }, level: null });
    expect(b.total).toEqual({ officers: 10, female: 5, femalePct: 50 });
    expect(counts(b.byLevel)).toEqual({ province: 3, commune: 6, village: 1 });
    expect(counts(b.byOrganisation)).toEqual({ mttq: 6, cong_doan: 1, hoi_nong_dan: 1, hoi_phu_nu: 1, doan_thanh_nien: 1, hoi_cuu_chien_binh: 0 });
    expect(counts(b.byPosition)).toEqual({ chu_tich: 4, pho_chu_tich: 2, uy_vien_thuong_truc: 0, uy_vien: 4, can_bo: 0 });
    expect(b.byGender.map((g: Group) => [g.code, g.officers])).toEqual([
      ['female', 5],
      ['male', 5],
      ['unknown', 0],
    ]);
    expect(b.byAgeBand.map((g: Group) => [g.code, g.officers, g.female])).toEqual([
      ['under_30', 2, 1],
      ['30_39', 1, 1],
      ['40_49', 2, 1],
      ['50_59', 2, 1],
      ['60_plus', 2, 0],
      ['unknown', 1, 1],
    ]);
    expect(b.byOrganisation[0]).toEqual({ code: 'mttq', name: 'Mặt trận Tổ quốc Việt Nam', officers: 6, female: 4, sharePct: 60 });
  });

  it('takes ages at the period’s end and counts officers recorded by then: a 1996-born deputy is 30 in 2026', async () => {
    const b = await body('hanoi', '/api/rosters/officers?unit=01&from=2025-12-01&to=2026-01-05');
    expect(b.total.officers).toBe(11); // C5, recorded on 20 September, now counts
    expect(counts(b.byAgeBand)).toMatchObject({ under_30: 1, '30_39': 3 });
  });

  it('counts one level when asked: the commune rosters of the province', async () => {
    const b = await body('hanoi', '/api/rosters/officers?unit=01&level=commune');
    expect(b.level).toBe('commune');
    expect(b.total.officers).toBe(6);
    expect(counts(b.byLevel)).toEqual({ province: 0, commune: 6, village: 0 });
  });

  it('holds a commune user to their commune and its villages, a village to its own roster', async () => {
    const commune = await body('vanmieu', '/api/rosters/officers');
    expect(commune.unit.code).toBe('00226');
    expect(counts(commune.byLevel)).toEqual({ province: 0, commune: 3, village: 1 });
    const village = await body('vanmieu', '/api/rosters/officers?unit=00226-001');
    expect(village.total).toEqual({ officers: 1, female: 1, femalePct: 100 });
    const national = await body('trunguong', '/api/rosters/officers');
    expect(national.total.officers).toBe(12);
  });

  it('answers 400 for a level that has no roster', async () => {
    const res = await get('hanoi', '/api/rosters/officers?level=central');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/level/);
  });
});

describe('GET /api/rosters/without-chair', () => {
  it('lists the communes whose roster has no Front chair, a union chair not counting', async () => {
    const b = await body('hanoi', '/api/rosters/without-chair?unit=01');
    expect(b.counts).toEqual({ units: 127, withRoster: 4, withoutChair: 1, withoutRoster: 123 });
    expect(b.units).toEqual([
      { unit: { code: '00004', name: 'Phường Ba Đình', level: 'commune' }, provinceCode: '01', officers: 2, frontOfficers: 1, rosterUpdatedAt: '2025-08-18 08:00:00' },
    ]);
  });

  it('checks the province itself too: a chair who left does not count, provinces are listed first', async () => {
    const b = await body('trunguong', '/api/rosters/without-chair');
    expect(b.counts).toEqual({ units: 3355, withRoster: 6, withoutChair: 2, withoutRoster: 3349 });
    expect(b.units.map((u: { unit: { code: string }; officers: number }) => [u.unit.code, u.officers])).toEqual([
      ['79', 1],
      ['00004', 2],
    ]);
  });

  it('answers a commune user for their commune only, and nothing to check in a village', async () => {
    const b = await body('vanmieu', '/api/rosters/without-chair');
    expect(b.counts).toEqual({ units: 1, withRoster: 1, withoutChair: 0, withoutRoster: 0 });
    const village = await body('vanmieu', '/api/rosters/without-chair?unit=00226-001');
    expect(village.counts).toEqual({ units: 0, withRoster: 0, withoutChair: 0, withoutRoster: 0 });
  });
});

describe('GET /api/rosters/stale', () => {
  type Stale = { unit: { code: string }; updatedAt: string; daysSince: number; weeksSince: number };
  const rows = (b: { rosters: Stale[] }) => b.rosters.map((r) => [r.unit.code, r.updatedAt, r.daysSince, r.weeksSince]);

  it('lists the rosters older than 4 weeks by default, oldest first; exactly 4 weeks is not yet stale', async () => {
    const b = await body('hanoi', '/api/rosters/stale?unit=01');
    expect(b).toMatchObject({ asOf: '2025-09-16', weeks: 4, staleBefore: '2025-08-19', counts: { rosters: 5, stale: 2 } });
    expect(rows(b)).toEqual([
      ['01', '2025-07-10 08:00:00', 68, 9],
      ['00004', '2025-08-18 08:00:00', 29, 4],
    ]);
  });

  it('takes the number of weeks asked for, and the latest version of each officer (a removal is a change)', async () => {
    const b = await body('hanoi', '/api/rosters/stale?unit=01&weeks=3');
    expect(b.counts).toEqual({ rosters: 5, stale: 4 });
    expect(rows(b).map((r) => r[0])).toEqual(['01', '00004', '00008', '00226-001']);
    const national = await body('trunguong', '/api/rosters/stale');
    expect(rows(national)).toContainEqual(['79', '2025-08-01 08:00:00', 46, 6]);
  });

  it('does not see changes after the period’s end: the day first recorded stands in for them', async () => {
    const b = await body('vanmieu', '/api/rosters/stale?to=2025-09-01&weeks=2');
    expect(b.counts).toEqual({ rosters: 2, stale: 1 }); // 00226-001, changed on 20 August, is not stale
    expect(rows(b)).toEqual([['00226', '2025-08-12 08:00:00', 20, 2]]);
    const now = await body('vanmieu', '/api/rosters/stale?weeks=3');
    expect(b.unit.code).toBe('00226');
    expect(now.counts).toEqual({ rosters: 2, stale: 1 });
    expect(rows(now)).toEqual([['00226-001', '2025-08-20 08:00:00', 27, 3]]);
  });

  it('answers 400 for a number of weeks that is not a whole number from 1', async () => {
    for (const weeks of ['0', 'four', '2.5']) {
      const res = await get('hanoi', `/api/rosters/stale?weeks=${weeks}`);
      expect(res.statusCode, weeks).toBe(400);
      expect(res.json().message).toMatch(/weeks/);
    }
  });
});

describe('scope on every roster endpoint', () => {
  const paths = ['/api/rosters/officers', '/api/rosters/without-chair', '/api/rosters/stale'];

  it('describes each endpoint with its parameters in the OpenAPI document', async () => {
    const doc = (await get('hanoi', '/api/openapi.json')).json();
    for (const path of paths) expect(doc.paths[path]?.get?.parameters?.map((p: { name: string }) => p.name), path).toEqual(expect.arrayContaining(['unit', 'from', 'to']));
  });

  it('refuses a province user another province with 403', async () => {
    for (const path of paths) {
      const res = await get('hanoi', `${path}?unit=79`);
      expect(res.statusCode, path).toBe(403);
      expect(res.json().message).toMatch(/Thành phố Hồ Chí Minh \(79\) is outside your scope/);
    }
  });

  it('holds a commune user to their commune: 403 for a neighbour and for the province', async () => {
    for (const path of paths) {
      expect((await get('vanmieu', `${path}?unit=00004`)).statusCode, path).toBe(403);
      expect((await get('vanmieu', `${path}?unit=01`)).statusCode, path).toBe(403);
    }
  });

  it('answers 400 for a malformed period and 401 without a session', async () => {
    for (const path of paths) {
      const res = await get('hanoi', `${path}?from=16-09-2025`);
      expect(res.statusCode, path).toBe(400);
      expect(res.json().message).toMatch(/from/);
      expect((await app.inject({ method: 'GET', url: path })).statusCode).toBe(401);
    }
  });
});
