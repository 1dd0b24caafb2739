/**
 * Rollout coverage over a period through the API, on the real registry (34 provinces, 3,321 communes) with a few
 * hand-made villages and rosters, reference day Tuesday 16 September 2025 (ISO week 2025-W38):
 *
 *   01 Hà Nội ─┬ 00226 Văn Miếu   villages -001 (Mon 4 Aug), -002 (20 Aug), -003 (Mon 15 Sep); expects 5;
 *              │                   2 active commune officers from 12 Aug (+1 who left), 1 village officer at -001 (20 Aug)
 *              ├ 00004 Ba Đình    village -001 from Sun 20 Jul, closed Mon 25 Aug; expects 4; 1 officer from 28 Jul
 *              ├ 00008 Ngọc Hà    no village; expects 3; 1 officer from 19 Aug
 *              └ 123 other communes at zero;   the province's own roster: 1 officer from 10 Jul
 *   79 Hồ Chí Minh ── 25747       village -001 from 15 Jul; expects 2; 1 officer; the province's roster: 1 officer
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, sessionCookies } from '../support/app.js';
import { insertAll, officer, target, unit } from '../support/builders.js';
import { openIngestStore } from '../support/store.js';
import { ensureDemoUsers } from '../../analytics/access/demo-users.js';
import { META, writeMeta } from '../../analytics/queries/meta.js';

const PASSWORD = 'mật-khẩu-thử-nghiệm';
const at = (day: string) => ({ first_recorded_at: `${day} 08:00:00`, updated_at: `${day} 08:00:00` });
const village = (code: string, name: string, validFrom: string, extra: Record<string, string> = {}) =>
  unit(code, 'village', name, { province_code: code.startsWith('25747') ? '79' : '01', valid_from: validFrom, ...extra });

let t: Awaited<ReturnType<typeof openIngestStore>>;
let app: FastifyInstance;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await openIngestStore();
  await insertAll(t.store, {
    units: [
      village('00226-001', 'Tổ dân phố 1', '2025-08-04'),
      village('00226-002', 'Tổ dân phố 2', '2025-08-20'),
      village('00226-003', 'Tổ dân phố 3', '2025-09-15'),
      village('00004-001', 'Tổ dân phố Cũ', '2025-07-20', { valid_to: '2025-08-25' }),
      village('25747-001', 'Khu phố 1', '2025-07-15'),
    ],
    unit_targets: [target('00226', 5), target('00004', 4), target('00008', 3), target('25747', 2)],
    officers: [
      officer('01', 'province', '01', at('2025-07-10')),
      officer('00004', 'commune', '01', at('2025-07-28')),
      officer('00226', 'commune', '01', at('2025-08-12')),
      officer('00226', 'commune', '01', at('2025-08-12')),
      officer('00226', 'commune', '01', { ...at('2025-08-12'), is_active: 0 }),
      officer('00008', 'commune', '01', at('2025-08-19')),
      officer('00226-001', 'village', '01', at('2025-08-20')),
      officer('79', 'province', '79', at('2025-07-15')),
      officer('25747', 'commune', '79', at('2025-07-20')),
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
  return res.json();
};
type Row = { rank: number; value: number; unit: { code: string } };
const ranks = (children: Row[]) => children.map((c) => [c.unit.code, c.rank, c.value]);

describe('GET /api/coverage/ranking', () => {
  it('ranks communes with ties sharing a rank and the next rank skipping (1, 1, 1, 4)', async () => {
    const b = await body('hanoi', '/api/coverage/ranking?unit=01&rank=communesUpdatedPct');
    expect(b).toMatchObject({ asOf: '2025-09-16', unit: { code: '01', level: 'province' }, rank: 'communesUpdatedPct', order: 'desc' });
    expect(b.children).toHaveLength(126);
    expect(ranks(b.children.slice(0, 4))).toEqual([
      ['00004', 1, 100],
      ['00008', 1, 100],
      ['00226', 1, 100],
      ['00025', 4, 0],
    ]);
    expect(b.children.at(-1).rank).toBe(4);
  });

  it('ranks ascending when asked, the zeros first', async () => {
    const b = await body('hanoi', '/api/coverage/ranking?unit=01&rank=villagesCreated&order=asc');
    expect(b.children.filter((c: Row) => c.rank === 1)).toHaveLength(125);
    expect(ranks(b.children.slice(-1))).toEqual([['00226', 126, 3]]);
    expect(b.children.at(-1).villages).toEqual({ created: 3, expected: 5, createdPct: 60 });
  });

  it('ranks provinces on officers, default order descending, and villages of a commune for a commune user', async () => {
    const national = await body('trunguong', '/api/coverage/ranking?rank=officers');
    expect(ranks(national.children.slice(0, 3))).toEqual([
      ['01', 1, 6],
      ['79', 2, 2],
      ['04', 3, 0],
    ]);
    const commune = await body('vanmieu', '/api/coverage/ranking?rank=officers');
    expect(commune.unit.code).toBe('00226');
    expect(ranks(commune.children)).toEqual([
      ['00226-001', 1, 1],
      ['00226-002', 2, 0],
      ['00226-003', 2, 0],
    ]);
  });

  it('answers the figures of the period’s last day: before 15 September Văn Miếu had two villages', async () => {
    const b = await body('hanoi', '/api/coverage/ranking?unit=01&rank=villagesCreated&from=2025-09-01&to=2025-09-14');
    expect(b.asOf).toBe('2025-09-14');
    expect(ranks(b.children.slice(0, 1))).toEqual([['00226', 1, 2]]);
  });

  it('answers 400 for a figure it cannot rank on, or an order that is neither asc nor desc', async () => {
    const figure = await get('hanoi', '/api/coverage/ranking?rank=population');
    expect(figure.statusCode).toBe(400);
    expect(figure.json().message).toMatch(/rank/);
    expect((await get('hanoi', '/api/coverage/ranking?order=up')).statusCode).toBe(400);
  });
});

describe('GET /api/coverage/zero', () => {
  it('lists the communes still at zero; one whose only village closed is back at zero', async () => {
    const b = await body('hanoi', '/api/coverage/zero?unit=01');
    expect(b.counts).toEqual({ children: 126, noVillageList: 125, noRosterUpdate: 123 });
    expect(b.missing).toBe('any');
    expect(b.children).toHaveLength(125);
    expect(b.children.map((c: { unit: { code: string } }) => c.unit.code)).not.toContain('00226');
    expect(b.children.find((c: { unit: { code: string } }) => c.unit.code === '00004')).toEqual({
      unit: { code: '00004', name: 'Phường Ba Đình', level: 'commune' },
      noVillageList: true,
      noRosterUpdate: false,
      villagesExpected: 4,
    });
    const before = await body('hanoi', '/api/coverage/zero?unit=01&to=2025-08-24&missing=village_list');
    expect(before.counts.noVillageList).toBe(124);
    expect(before.children.map((c: { unit: { code: string } }) => c.unit.code)).not.toContain('00004');
  });

  it('lists only the rosters missing when asked, and the provinces at zero for the country', async () => {
    const rosters = await body('hanoi', '/api/coverage/zero?unit=01&missing=roster');
    expect(rosters.children).toHaveLength(123);
    expect(rosters.children.every((c: { noRosterUpdate: boolean }) => c.noRosterUpdate)).toBe(true);
    const national = await body('trunguong', '/api/coverage/zero');
    expect(national.counts).toEqual({ children: 34, noVillageList: 32, noRosterUpdate: 32 });
  });

  it('holds a commune user to their commune: its villages without a roster', async () => {
    const b = await body('vanmieu', '/api/coverage/zero');
    expect(b.unit.code).toBe('00226');
    expect(b.counts).toEqual({ children: 3, noVillageList: 0, noRosterUpdate: 2 });
    expect(b.children.map((c: { unit: { code: string } }) => c.unit.code)).toEqual(['00226-002', '00226-003']);
  });

  it('answers 400 for an unknown kind of zero', async () => {
    const res = await get('hanoi', '/api/coverage/zero?missing=everything');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/missing/);
  });
});

describe('GET /api/coverage/trend', () => {
  it('answers each ISO week as of its Sunday, the last week as of the period’s end, matching GET /api/coverage', async () => {
    const b = await body('hanoi', '/api/coverage/trend?unit=01&from=2025-07-14&to=2025-09-16');
    expect(b.period).toEqual({ from: '2025-07-14', to: '2025-09-16' });
    const weeks = b.weeks.map((w: Record<string, unknown>) => [w.week, w.asOf, w.communesWithVillageList, w.villagesCreated, w.communesUpdated]);
    expect(weeks).toEqual([
      ['2025-W29', '2025-07-20', 1, 1, 0], // Ba Đình's village counts from its Sunday
      ['2025-W30', '2025-07-27', 1, 1, 0],
      ['2025-W31', '2025-08-03', 1, 1, 1], // Ba Đình's roster (28 July)
      ['2025-W32', '2025-08-10', 2, 2, 1], // Văn Miếu's first village (Monday 4 August)
      ['2025-W33', '2025-08-17', 2, 2, 2],
      ['2025-W34', '2025-08-24', 2, 3, 3],
      ['2025-W35', '2025-08-31', 1, 2, 3], // Ba Đình's village closed on 25 August
      ['2025-W36', '2025-09-07', 1, 2, 3],
      ['2025-W37', '2025-09-14', 1, 2, 3],
      ['2025-W38', '2025-09-16', 1, 3, 3],
    ]);
    expect(b.weeks.every((w: { communesTotal: number }) => w.communesTotal === 126)).toBe(true);
    expect(b.weeks.at(-1)).toMatchObject({ weekStart: '2025-09-15', withVillageListPct: 0.79, communesUpdatedPct: 2.38 });
    const now = await body('hanoi', '/api/coverage?unit=01');
    expect([now.communes.withVillageList, now.villages.created, now.rosters.communesUpdated]).toEqual([1, 3, 3]);
  });

  it('defaults to the twelve weeks up to the reference day, for the commune user’s own commune', async () => {
    const b = await body('vanmieu', '/api/coverage/trend');
    expect(b.unit.code).toBe('00226');
    expect(b.weeks).toHaveLength(12);
    expect(b.weeks[0]).toMatchObject({ week: '2025-W27', communesTotal: 1, villagesCreated: 0 });
    expect(b.weeks.at(-1)).toMatchObject({ week: '2025-W38', communesTotal: 1, communesWithVillageList: 1, villagesCreated: 3, communesUpdated: 1 });
  });

  it('answers a village with its own village only and no commune', async () => {
    const b = await body('vanmieu', '/api/coverage/trend?unit=00226-002&from=2025-08-11&to=2025-08-24');
    expect(b.weeks.map((w: Record<string, unknown>) => [w.week, w.communesTotal, w.villagesCreated, w.communesUpdated])).toEqual([
      ['2025-W33', 0, 0, 0],
      ['2025-W34', 0, 1, 0],
    ]);
  });

  it('answers 400 with the reason for a period that ends before it starts or an impossible day', async () => {
    const backwards = await get('hanoi', '/api/coverage/trend?from=2025-09-10&to=2025-09-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().message).toBe('the period ends (2025-09-01) before it starts (2025-09-10)');
    const impossible = await get('hanoi', '/api/coverage/trend?to=2025-02-30');
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().message).toContain('2025-02-30');
  });
});

describe('scope on every rollout endpoint', () => {
  const paths = ['/api/coverage/ranking', '/api/coverage/zero', '/api/coverage/trend'];

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
      expect((await get('vanmieu', `${path}?unit=00226-001`)).statusCode, path).toBe(200);
    }
  });

  it('answers 400 for a malformed unit and 401 without a session', async () => {
    for (const path of paths) {
      const res = await get('hanoi', `${path}?unit=Ha%20Noi`);
      expect(res.statusCode, path).toBe(400);
      expect(res.json().message).toMatch(/unit/);
      expect((await app.inject({ method: 'GET', url: path })).statusCode).toBe(401);
    }
  });
});
