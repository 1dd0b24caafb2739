/**
 * Weekly reporting through the API (completeness, its per-unit grid, indicators, missed reports), on the real registry
 * (Hà Nội 01: 126 communes; 34 provinces, 3,321 communes) with three made-up communes of Hà Nội and hand-made reports,
 * reference day 16 September 2025. The period asked for is 28 Jul – 24 Aug 2025: W31 (Mon 28 Jul), W32 (4 Aug),
 * W33 (11 Aug), W34 (18 Aug, not due by 24 Aug: due 26 Aug 00:00).
 * A week's report is due on its Monday + 8 days at 00:00 (W31: 5 Aug, W32: 12 Aug, W33: 19 Aug).
 *
 *   99992 Xã Cũ    closed Wed 6 Aug     in force W31 only (on the Sundays); reports W31 on time, W32 (not in force)
 *   99991 Xã Mới   opened Wed 6 Aug     in force from W32; reports W32, W33 on time
 *   99993          renamed Wed 13 Aug   two validity periods, in force every week; reports W31–W33 on time
 *
 *              W31                    W32                           W33                     W34
 *   01         on time  pr 100 mh 5   late (12 Aug 09:00)  pr 200   on time  pr 300 mh 7    —
 *   00226      on time  pr 3 mh 1     on time pr 4, corrected 6     —                       on time pr 2
 *   00004      23:59:59 on time pr 5  00:00:00 late  pr 7 mh 2      —                       —
 *   00008      (last report W27)      —                             late, on 30 Aug (after the period)
 *   99992      on time  pr 10         pr 1000 (not in force)
 *   99991                             on time  pr 20                on time  pr 30
 *   99993      pr 1                   pr 1                          pr 1
 *   79, 25747  25747: pr 500 on time each week W31–W33; 79: pr 9000 in W33
 * (pr = petitions_received, mh = meetings_held)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, sessionCookies } from '../support/app.js';
import { insertAll, unit } from '../support/builders.js';
import { openIngestStore } from '../support/store.js';
import { ensureDemoUsers } from '../../analytics/access/demo-users.js';
import { META, writeMeta } from '../../analytics/queries/meta.js';
import type { Indicator } from '../../analytics/registry/vocabularies.js';

const PASSWORD = 'mật-khẩu-thử-nghiệm';
const PERIOD = 'from=2025-07-28&to=2025-08-24';

/** One unit's report for a week: one row per indicator given. */
function report(code: string, week: string, submittedAt: string, values: Partial<Record<Indicator, number>>) {
  const province = code.length === 2 ? code : code === '25747' ? '79' : '01';
  return Object.entries(values).map(([indicator, value]) => ({
    unit_code: code,
    unit_level: code.length === 2 ? 'province' : 'commune',
    province_code: province,
    commune_code: code.length === 2 ? '' : code,
    week_start: week,
    indicator,
    value,
    submitted_at: submittedAt,
    ingest_run_id: 'test',
  }));
}

const W27 = '2025-06-30';
const W31 = '2025-07-28';
const W32 = '2025-08-04';
const W33 = '2025-08-11';
const W34 = '2025-08-18';

let t: Awaited<ReturnType<typeof openIngestStore>>;
let app: FastifyInstance;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await openIngestStore();
  await writeMeta(t.store, { [META.referenceDate]: '2025-09-16' });
  const commune = (code: string, name: string, extra: Record<string, string>) => unit(code, 'commune', name, { province_code: '01', ...extra });
  await insertAll(t.store, {
    units: [
      commune('99992', 'Xã Cũ', { valid_to: '2025-08-06' }),
      commune('99991', 'Xã Mới', { valid_from: '2025-08-06' }),
      commune('99993', 'Xã Trước', { valid_to: '2025-08-13' }),
      commune('99993', 'Xã Sau', { valid_from: '2025-08-13' }),
      unit('00226-001', 'village', 'Tổ dân phố 1', { province_code: '01' }),
    ],
    weekly_reports: [
      ...report('01', W31, '2025-08-04 10:00:00', { petitions_received: 100, meetings_held: 5 }),
      ...report('01', W32, '2025-08-12 09:00:00', { petitions_received: 200 }),
      ...report('01', W33, '2025-08-18 10:00:00', { petitions_received: 300, meetings_held: 7 }),
      ...report('00226', W31, '2025-08-02 10:00:00', { petitions_received: 3, meetings_held: 1 }),
      ...report('00226', W32, '2025-08-09 10:00:00', { petitions_received: 4 }),
      ...report('00226', W34, '2025-08-23 10:00:00', { petitions_received: 2 }),
      ...report('00004', W31, '2025-08-04 23:59:59', { petitions_received: 5 }),
      ...report('00004', W32, '2025-08-12 00:00:00', { petitions_received: 7, meetings_held: 2 }),
      ...report('00008', W27, '2025-07-05 10:00:00', { petitions_received: 8 }),
      ...report('00008', W33, '2025-08-30 10:00:00', { petitions_received: 9 }),
      ...report('99992', W31, '2025-08-02 10:00:00', { petitions_received: 10 }),
      ...report('99992', W32, '2025-08-09 10:00:00', { petitions_received: 1000 }),
      ...report('99991', W32, '2025-08-09 10:00:00', { petitions_received: 20 }),
      ...report('99991', W33, '2025-08-16 10:00:00', { petitions_received: 30 }),
      ...[W31, W32, W33].flatMap((w) => report('99993', w, `${w} 12:00:00`, { petitions_received: 1 })),
      ...[W31, W32, W33].flatMap((w) => report('25747', w, `${w} 12:00:00`, { petitions_received: 500 })),
      ...report('79', W33, '2025-08-15 10:00:00', { petitions_received: 9000 }),
    ],
  });
  // A correction, sent after the deadline: it replaces the value, and the report stays on time.
  await insertAll(t.store, { weekly_reports: report('00226', W32, '2025-08-20 10:00:00', { petitions_received: 6 }) });
  await ensureDemoUsers(t.store, '2025-09-16', PASSWORD);
  app = await buildTestApp(t);
  Object.assign(cookies, await sessionCookies(app, ['trunguong', 'hanoi', 'vanmieu'], PASSWORD));
}, 120_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

const get = (url: string, login = 'trunguong') => app.inject({ method: 'GET', url, headers: { cookie: cookies[login] as string } });
const body = async (url: string, login = 'trunguong') => {
  const res = await get(url, login);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
/** expected, received, onTime, late, missing of a figures object. */
const counts = (f: { expected: number; received: number; onTime: number; late: number; missing: number }) => [f.expected, f.received, f.onTime, f.late, f.missing];

describe('GET /api/reporting/completeness', () => {
  it('counts, per ISO week and level, the units in force that week, those that reported, on time and late', async () => {
    const answer = await body(`/api/reporting/completeness?unit=01&${PERIOD}`, 'hanoi');
    expect(answer.period).toMatchObject({ fromWeek: W31, toWeek: W34, fromIsoWeek: '2025-W31', toIsoWeek: '2025-W34' });
    expect(answer.weeks.map((w: { week: string; weekStart: string; dueAt: string; due: boolean }) => [w.week, w.weekStart, w.dueAt, w.due])).toEqual([
      ['2025-W31', W31, '2025-08-05 00:00:00', true],
      ['2025-W32', W32, '2025-08-12 00:00:00', true],
      ['2025-W33', W33, '2025-08-19 00:00:00', true],
      ['2025-W34', W34, '2025-08-26 00:00:00', false],
    ]);
    const [w31, w32, w33, w34] = answer.weeks;
    // 126 communes of the list and two made-up ones in force each week (Xã Cũ, then Xã Mới; and 99993 once).
    expect(w31.levels.map((l: { level: string }) => l.level)).toEqual(['province', 'commune']);
    expect(w31.levels.map(counts)).toEqual([[1, 1, 1, 0, 0], [128, 4, 4, 0, 124]]);
    expect(counts(w31.all)).toEqual([129, 5, 5, 0, 124]);
    expect([w31.all.completenessPct, w31.all.timelinessPct]).toEqual([3.88, 3.88]);
    expect(w32.levels.map(counts)).toEqual([[1, 1, 0, 1, 0], [128, 4, 3, 1, 124]]);
    expect([w32.all.completenessPct, w32.all.timelinessPct]).toEqual([3.88, 2.33]);
    expect(counts(w33.all)).toEqual([129, 4, 3, 1, 125]);
    expect(counts(w34.all)).toEqual([129, 1, 1, 0, 128]);
  });

  it('takes a report sent exactly at the deadline as late, one second before as on time', async () => {
    const answer = await body(`/api/reporting/completeness?unit=00004&${PERIOD}`, 'hanoi');
    expect(answer.weeks.slice(0, 2).map((w: { all: Parameters<typeof counts>[0] }) => counts(w.all))).toEqual([[1, 1, 1, 0, 0], [1, 1, 0, 1, 0]]);
  });

  it('counts a unit closed or opened mid-week only for the weeks it was in force on Sunday, and a report from a closed unit apart', async () => {
    const answer = await body(`/api/reporting/completeness?unit=01&${PERIOD}&week=2025-W32`, 'hanoi');
    expect(answer.weeks.map((w: { notInForce: number }) => w.notInForce)).toEqual([0, 1, 0, 0]);
    const children = answer.breakdown.children as { unit: { code: string; name: string }; all: Parameters<typeof counts>[0]; notInForce: number }[];
    const child = (code: string) => children.find((c) => c.unit.code === code);
    expect(answer.breakdown.week).toBe('2025-W32');
    expect(children).toHaveLength(129);
    expect(child('99992')).toMatchObject({ unit: { code: '99992', name: '99992' }, notInForce: 1 });
    expect(counts(child('99992')?.all as Parameters<typeof counts>[0])).toEqual([0, 0, 0, 0, 0]);
    expect(counts(child('99991')?.all as Parameters<typeof counts>[0])).toEqual([1, 1, 1, 0, 0]);
    expect(child('99993')?.unit.name).toBe('Xã Trước');
    expect(counts(child('99993')?.all as Parameters<typeof counts>[0])).toEqual([1, 1, 1, 0, 0]);
  });

  it('breaks down the latest week due in the period by default, the province itself in the totals only', async () => {
    const answer = await body(`/api/reporting/completeness?unit=01&${PERIOD}`, 'hanoi');
    expect(answer.breakdown.week).toBe('2025-W33');
    expect(counts(answer.breakdown.all)).toEqual([129, 4, 3, 1, 125]);
    const children = answer.breakdown.children as { unit: { code: string; name: string; level: string }; all: Parameters<typeof counts>[0] }[];
    expect(children).toHaveLength(128);
    expect(children.every((c) => c.unit.level === 'commune')).toBe(true);
    expect(children.find((c) => c.unit.code === '01')).toBeUndefined();
    expect(children.find((c) => c.unit.code === '00008')).toMatchObject({ unit: { name: 'Phường Ngọc Hà' }, all: { received: 1, onTime: 0, late: 1 } });
    expect(children.find((c) => c.unit.code === '99993')?.unit.name).toBe('Xã Sau');
  });

  it('gives the nation per province, each with its own report and its communes', async () => {
    const answer = await body(`/api/reporting/completeness?${PERIOD}`);
    expect(answer.unit.code).toBe('VN');
    expect(answer.weeks[2].levels.map(counts)).toEqual([[34, 2, 2, 0, 32], [3323, 4, 3, 1, 3319]]);
    const hcm = answer.breakdown.children.find((c: { unit: { code: string } }) => c.unit.code === '79');
    expect(hcm.unit).toEqual({ code: '79', name: 'Thành phố Hồ Chí Minh', level: 'province' });
    expect(hcm.levels.map(counts)).toEqual([[1, 1, 1, 0, 0], [168, 1, 1, 0, 167]]);
    expect(answer.breakdown.children).toHaveLength(34);
  });

  it('keeps a corrected report on time: the first submission decides', async () => {
    const answer = await body(`/api/reporting/completeness?${PERIOD}`, 'vanmieu');
    expect(answer.unit.code).toBe('00226');
    expect(answer.weeks.map((w: { all: Parameters<typeof counts>[0] }) => counts(w.all))).toEqual([
      [1, 1, 1, 0, 0],
      [1, 1, 1, 0, 0],
      [1, 0, 0, 0, 1],
      [1, 1, 1, 0, 0],
    ]);
    expect(answer.breakdown.children).toEqual([]);
  });

  it('answers a village with nothing expected: villages do not report', async () => {
    const answer = await body(`/api/reporting/completeness?unit=00226-001&${PERIOD}`, 'vanmieu');
    expect(answer.weeks[0]).toMatchObject({ all: { expected: 0, received: 0, completenessPct: null }, levels: [] });
  });

  it('refuses a province user another province (403), a commune user another commune (403), and a week that does not exist (400)', async () => {
    expect((await get(`/api/reporting/completeness?unit=79`, 'hanoi')).statusCode).toBe(403);
    expect((await get(`/api/reporting/completeness?unit=00004`, 'vanmieu')).statusCode).toBe(403);
    const bad = await get(`/api/reporting/completeness?unit=01&week=2025-W54`, 'hanoi');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('week "2025-W54" is not an ISO week (YYYY-Www)');
    const badDay = await get(`/api/reporting/completeness?from=2025-02-30`, 'hanoi');
    expect([badDay.statusCode, badDay.json().message]).toEqual([400, 'from "2025-02-30" is not a calendar day (YYYY-MM-DD)']);
  });
});

describe('GET /api/reporting/grid', () => {
  type Cell = Parameters<typeof counts>[0] & { completenessPct: number | null; timelinessPct: number | null };
  type Row = { unit: { code: string; name: string; level: string }; own: boolean; cells: Cell[] };
  const row = (rows: Row[], code: string) => rows.find((r) => r.unit.code === code && !r.own) as Row;

  it("gives the province's own report first, then each commune by code, one cell a week", async () => {
    const answer = await body(`/api/reporting/grid?unit=01&${PERIOD}`, 'hanoi');
    expect(answer.weeks.map((w: { week: string; due: boolean }) => [w.week, w.due])).toEqual([
      ['2025-W31', true],
      ['2025-W32', true],
      ['2025-W33', true],
      ['2025-W34', false],
    ]);
    const rows = answer.rows as Row[];
    // The province, its 126 communes of the list and the three made-up ones.
    expect(rows).toHaveLength(130);
    expect(rows[0]).toMatchObject({ unit: { code: '01', name: 'Thành phố Hà Nội', level: 'province' }, own: true });
    expect(rows[0]?.cells.map(counts)).toEqual([[1, 1, 1, 0, 0], [1, 1, 0, 1, 0], [1, 1, 1, 0, 0], [1, 0, 0, 0, 1]]);
    expect(rows[0]?.cells.map((c) => [c.completenessPct, c.timelinessPct])[1]).toEqual([100, 0]);
    expect(rows.slice(1, 4).map((r) => r.unit.code)).toEqual(['00004', '00008', '00025']);
    expect(rows.slice(1).every((r) => r.unit.level === 'commune' && !r.own)).toBe(true);
    expect(row(rows, '00004').cells.map(counts)).toEqual([[1, 1, 1, 0, 0], [1, 1, 0, 1, 0], [1, 0, 0, 0, 1], [1, 0, 0, 0, 1]]);
    // Ngọc Hà's W33 report came late, on 30 August: late, though after the period.
    expect(row(rows, '00008').cells.map(counts)).toEqual([[1, 0, 0, 0, 1], [1, 0, 0, 0, 1], [1, 1, 0, 1, 0], [1, 0, 0, 0, 1]]);
  });

  it('leaves the weeks a commune was not in force empty, and names it as it was called last in the period', async () => {
    const rows = (await body(`/api/reporting/grid?unit=01&${PERIOD}`, 'hanoi')).rows as Row[];
    expect(rows.slice(-3).map((r) => [r.unit.code, r.unit.name])).toEqual([['99991', 'Xã Mới'], ['99992', 'Xã Cũ'], ['99993', 'Xã Sau']]);
    expect(row(rows, '99991').cells.map(counts)).toEqual([[0, 0, 0, 0, 0], [1, 1, 1, 0, 0], [1, 1, 1, 0, 0], [1, 0, 0, 0, 1]]);
    // Xã Cũ's W32 report was sent after it closed: outside the rates.
    expect(row(rows, '99992').cells.map(counts)).toEqual([[1, 1, 1, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]);
    expect(row(rows, '99992').cells[1]?.completenessPct).toBeNull();
  });

  it('adds up, week by week, to the figures of /api/reporting/completeness', async () => {
    for (const [unit, login] of [['01', 'hanoi'], ['VN', 'trunguong'], ['00226', 'vanmieu']] as const) {
      const grid = await body(`/api/reporting/grid?unit=${unit}&${PERIOD}`, login);
      const completeness = await body(`/api/reporting/completeness?unit=${unit}&${PERIOD}`, login);
      const sums = grid.weeks.map((_: unknown, i: number) =>
        ['expected', 'received', 'onTime', 'late', 'missing'].map((k) => (grid.rows as Row[]).reduce((n, r) => n + (r.cells[i] as unknown as Record<string, number>)[k]!, 0)),
      );
      expect({ unit, sums }).toEqual({ unit, sums: completeness.weeks.map((w: { all: Parameters<typeof counts>[0] }) => counts(w.all)) });
    }
  });

  it('gives the nation per province, each with its communes, and no row of its own', async () => {
    const rows = (await body(`/api/reporting/grid?${PERIOD}`)).rows as Row[];
    expect(rows).toHaveLength(34);
    expect(rows.some((r) => r.own)).toBe(false);
    expect(rows[0]?.unit).toEqual({ code: '01', name: 'Thành phố Hà Nội', level: 'province' });
    expect(counts(row(rows, '01').cells[2] as Parameters<typeof counts>[0])).toEqual([129, 4, 3, 1, 125]);
    expect(row(rows, '79').cells.map(counts)).toEqual([[169, 1, 1, 0, 168], [169, 1, 1, 0, 168], [169, 2, 2, 0, 167], [169, 0, 0, 0, 169]]);
    expect(row(rows, '79').cells[2]?.completenessPct).toBe(1.18);
  });

  it('gives a commune its own row only, a village none, and refuses another province (403)', async () => {
    const mine = await body(`/api/reporting/grid?${PERIOD}`, 'vanmieu');
    expect((mine.rows as Row[]).map((r) => [r.unit.code, r.own])).toEqual([['00226', true]]);
    expect(mine.rows[0].cells.map(counts)).toEqual([[1, 1, 1, 0, 0], [1, 1, 1, 0, 0], [1, 0, 0, 0, 1], [1, 1, 1, 0, 0]]);
    expect((await body(`/api/reporting/grid?unit=00226-001&${PERIOD}`, 'vanmieu')).rows).toEqual([]);
    expect((await get(`/api/reporting/grid?unit=79`, 'hanoi')).statusCode).toBe(403);
    expect((await get(`/api/reporting/grid?unit=00004`, 'vanmieu')).statusCode).toBe(403);
  });
});

describe('GET /api/reporting/indicators', () => {
  type Figures = { indicator?: string; level?: string; sum: number; reports: number; expected: number; coveragePct: number | null; units?: number };
  const pick = (list: Figures[], code: string) => list.find((f) => f.indicator === code) as Figures & { levels: Figures[] };
  const brief = (f: Figures) => [f.sum, f.reports, f.expected];

  it('sums each indicator per week and level over the units in force, with the reports behind each sum', async () => {
    const answer = await body(`/api/reporting/indicators?unit=01&${PERIOD}`, 'hanoi');
    expect(answer.indicators[0]).toEqual({ code: 'petitions_received', name: 'Đơn thư, kiến nghị tiếp nhận', measure: 'đơn' });
    expect(answer.weeks.map((w: { week: string; expected: number }) => [w.week, w.expected])).toEqual([
      ['2025-W31', 129],
      ['2025-W32', 129],
      ['2025-W33', 129],
      ['2025-W34', 129],
    ]);
    const received = answer.weeks.map((w: { indicators: Figures[] }) => pick(w.indicators, 'petitions_received'));
    expect(received.map(brief)).toEqual([
      [119, 5, 129],
      // The correction (6) replaces the first value (4); Xã Cũ's report, sent when it was closed, is left out.
      [234, 5, 129],
      [340, 4, 129],
      [2, 1, 129],
    ]);
    expect(received[0].coveragePct).toBe(3.88);
    expect(received[1].levels.map((l: Figures) => [l.level, ...brief(l)])).toEqual([
      ['province', 200, 1, 1],
      ['commune', 34, 4, 128],
    ]);
    // A level with no report that week still shows what it owed.
    expect(received[3].levels.map((l: Figures) => [l.level, ...brief(l), l.coveragePct])).toEqual([
      ['province', 0, 0, 1, 0],
      ['commune', 2, 1, 128, 0.78],
    ]);
    const meetings = answer.weeks.map((w: { indicators: Figures[] }) => pick(w.indicators, 'meetings_held'));
    expect(meetings.map(brief)).toEqual([[6, 2, 129], [2, 1, 129], [7, 1, 129], [0, 0, 129]]);
  });

  it('totals the period with unit-weeks and distinct units per level', async () => {
    const { total } = await body(`/api/reporting/indicators?unit=01&${PERIOD}`, 'hanoi');
    expect(total.expected).toBe(516);
    const received = pick(total.indicators, 'petitions_received');
    expect([...brief(received), received.units]).toEqual([695, 15, 516, 7]);
    expect(received.levels.map((l: Figures) => [l.level, ...brief(l), l.units])).toEqual([
      ['province', 600, 3, 4, 1],
      ['commune', 95, 12, 512, 6],
    ]);
    const aid = pick(total.indicators, 'aid_value_million_vnd');
    expect([...brief(aid), aid.units, aid.coveragePct]).toEqual([0, 0, 516, 0, 0]);
  });

  it('rolls communes up into their province and provinces into the nation', async () => {
    const answer = await body(`/api/reporting/indicators?week=2025-W33`);
    expect(answer.period).toMatchObject({ from: W33, to: '2025-08-17', fromIsoWeek: '2025-W33', toIsoWeek: '2025-W33' });
    const w33 = pick(answer.weeks[0].indicators, 'petitions_received');
    // Hà Nội 300 + its communes 40, Hồ Chí Minh 9,000 + Thủ Dầu Một 500.
    expect(w33.levels.map((l: Figures) => [l.level, ...brief(l)])).toEqual([
      ['province', 9300, 2, 34],
      ['commune', 540, 4, 3323],
    ]);
    expect(w33.sum).toBe(9840);
  });

  it('holds a commune user to their commune, refuses another province (403) and week with from/to (400)', async () => {
    const mine = await body(`/api/reporting/indicators?${PERIOD}`, 'vanmieu');
    expect(mine.unit.code).toBe('00226');
    expect(pick(mine.total.indicators, 'petitions_received').sum).toBe(11);
    expect((await get(`/api/reporting/indicators?unit=00004`, 'vanmieu')).statusCode).toBe(403);
    expect((await get(`/api/reporting/indicators?unit=79`, 'hanoi')).statusCode).toBe(403);
    const both = await get(`/api/reporting/indicators?week=2025-W33&from=2025-08-11`, 'hanoi');
    expect([both.statusCode, both.json().message]).toEqual([400, 'give either week or from/to, not both']);
  });
});

describe('GET /api/reporting/missed', () => {
  type Missed = { unit: { code: string; name: string; level: string }; lastReport: { week: string; weekStart: string; submittedAt: string } | null; weeksSinceLastReport: number | null };

  it('lists the units in force throughout with no report in any of the last 3 weeks due, as it stood at the period end', async () => {
    const answer = await body(`/api/reporting/missed?unit=01&${PERIOD}`, 'hanoi');
    expect(answer.asOf).toBe('2025-08-24');
    expect(answer.weeks.map((w: { week: string }) => w.week)).toEqual(['2025-W31', '2025-W32', '2025-W33']);
    const units = answer.units as Missed[];
    // 126 communes of the list, less Văn Miếu and Ba Đình; the made-up ones either reported or were not in force throughout.
    expect(units).toHaveLength(124);
    expect(units.filter((u) => u.lastReport !== null)).toHaveLength(1);
    // Ngọc Hà's late W33 report came on 30 August, after the period: its last report is still W27, listed last.
    expect(units.at(-1)).toEqual({
      unit: { code: '00008', name: 'Phường Ngọc Hà', level: 'commune' },
      provinceCode: '01',
      lastReport: { week: '2025-W27', weekStart: W27, submittedAt: '2025-07-05 10:00:00' },
      weeksSinceLastReport: 6,
    });
    expect(units.map((u) => u.unit.code)).not.toContain('99993');
  });

  it('counts a report sent after the period end once the period reaches it', async () => {
    const answer = await body(`/api/reporting/missed?unit=01&to=2025-09-01`, 'hanoi');
    expect(answer.weeks.map((w: { week: string }) => w.week)).toEqual(['2025-W33', '2025-W34', '2025-W35']);
    const codes = (answer.units as Missed[]).map((u) => u.unit.code);
    expect(codes).not.toContain('00008');
    expect(codes).not.toContain('00226');
    // Hà Nội, its 126 communes, Xã Mới and 99993 in force throughout; all but 124 communes reported.
    expect(codes).toHaveLength(124);
  });

  it('looks back as many weeks as asked', async () => {
    const answer = await body(`/api/reporting/missed?unit=00226&weeks=1&${PERIOD}`, 'vanmieu');
    expect(answer.weeks).toEqual([{ week: '2025-W33', weekStart: W33 }]);
    expect(answer.units).toEqual([
      { unit: { code: '00226', name: 'Phường Văn Miếu - Quốc Tử Giám', level: 'commune' }, provinceCode: '01', lastReport: { week: '2025-W32', weekStart: W32, submittedAt: '2025-08-09 10:00:00' }, weeksSinceLastReport: 1 },
    ]);
  });

  it('holds a commune user to their commune, refuses another province (403) and weeks out of range (400)', async () => {
    const mine = await body(`/api/reporting/missed`, 'vanmieu');
    expect(mine.asOf).toBe('2025-09-16');
    expect((mine.units as Missed[]).map((u) => [u.unit.code, u.lastReport?.week, u.weeksSinceLastReport])).toEqual([['00226', '2025-W34', 3]]);
    expect((await get(`/api/reporting/missed?unit=00004`, 'vanmieu')).statusCode).toBe(403);
    expect((await get(`/api/reporting/missed?unit=79`, 'hanoi')).statusCode).toBe(403);
    const zero = await get(`/api/reporting/missed?weeks=0`, 'hanoi');
    expect([zero.statusCode, zero.json().message]).toEqual([400, 'querystring /weeks must be >= 1']);
  });
});
