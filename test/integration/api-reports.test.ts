/**
 * The weekly synthesis report through the API, on a small demo (reference day 16 September 2025) with the petitions
 * sample loaded on top: its figures are the other endpoints' figures for the same unit and week, the XLSX holds the
 * same numbers sheet by sheet, nobody gets a report outside their scope, and no petitioner is named in it.
 * Week 37 of 2025 (Mon 8 – Sun 14 September) is the latest whose reports were due (16 September, 00:00) by the
 * reference day, so it is the default; week 38 is read on the reference day itself, as the warnings are.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildDemo } from '../../ingest/demo/index.js';
import { ensureDemoUsers } from '../../analytics/access/demo-users.js';
import type { WeeklyReport } from '../../analytics/questions/weekly-report.js';
import { SHEETS } from '../../server/exports/weekly-workbook.js';
import { buildTestApp, sessionCookies } from '../support/app.js';
import { openIngestStore } from '../support/store.js';

const PASSWORD = 'mật-khẩu-thử-nghiệm';
const SAMPLES = path.resolve(import.meta.dirname, '../../ingest/samples');
/** Personal values in the petitions sample (handled by commune 00226). */
const PERSONAL = ['Nguyễn Thị Lan', '0912345678', 'Trần Văn Hùng', '001085012345'];
/** The series: twelve weeks up to week 37. */
const FROM = '2025-06-23';
const W37 = { week: '2025-W37', weekStart: '2025-09-08', weekEnd: '2025-09-14' };

let t: Awaited<ReturnType<typeof openIngestStore>>;
let app: FastifyInstance;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await openIngestStore();
  await buildDemo(t.store, t.sealer, { petitions: 300, posts: 300 });
  await t.load('petitions', path.join(SAMPLES, 'petitions.jsonl'));
  await ensureDemoUsers(t.store, '2025-09-16', PASSWORD);
  app = await buildTestApp(t);
  Object.assign(cookies, await sessionCookies(app, ['trunguong', 'hanoi', 'vanmieu'], PASSWORD));
}, 300_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

const get = (url: string, login: string) => app.inject({ method: 'GET', url, headers: { cookie: cookies[login] as string } });
async function body<T = Record<string, unknown>>(url: string, login: string): Promise<T> {
  const res = await get(url, login);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}

/** A sheet's tables by title: the rows under the header, as arrays of cell values, up to the blank row. */
function tables(sheet: ExcelJS.Worksheet): Map<string, { header: string[]; rows: unknown[][] }> {
  const values: unknown[][] = [];
  // TRICKY: getRow() makes the row it is asked for, so the bound is read once, before.
  const last = sheet.rowCount;
  for (let i = 1; i <= last + 1; i++) values.push((sheet.getRow(i).values as unknown[]).slice(1));
  const found = new Map<string, { header: string[]; rows: unknown[][] }>();
  for (let i = 0; i < values.length; i++) {
    const row = values[i] as unknown[];
    const next = values[i + 1];
    // A title row has one cell and is followed by a header row.
    if (row.length === 1 && typeof row[0] === 'string' && next && next.length > 1 && !found.has(row[0])) {
      const rows: unknown[][] = [];
      let j = i + 2;
      for (; j < values.length && (values[j] as unknown[]).length > 0; j++) rows.push((values[j] as unknown[]).map((v) => (v === undefined ? null : v)));
      found.set(row[0], { header: next as string[], rows });
      i = j;
    }
  }
  return found;
}

async function workbook(url: string, login: string): Promise<ExcelJS.Workbook> {
  const res = await get(url, login);
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return book;
}

describe('GET /api/reports/weekly', () => {
  it('reports the latest week due by default, read on its Sunday, with twelve weeks of series', async () => {
    const report = await body<WeeklyReport>('/api/reports/weekly?unit=01', 'hanoi');
    expect(report.unit).toEqual({ code: '01', name: 'Thành phố Hà Nội', level: 'province' });
    expect(report.week).toEqual({ ...W37, dueAt: '2025-09-16 00:00:00' });
    expect([report.asOf, report.period]).toEqual([W37.weekEnd, { from: FROM, to: W37.weekEnd }]);
    expect(report.madeAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(report.reporting.weeks.map((w) => w.week).slice(-2)).toEqual(['2025-W36', '2025-W37']);
    expect(report.reporting.weeks).toHaveLength(12);
  });

  it("gives each section the figures of the section's own endpoint for the same unit and week", async () => {
    const report = await body<WeeklyReport>('/api/reports/weekly?unit=01&week=2025-W37', 'hanoi');
    const range = `unit=01&from=${FROM}&to=${W37.weekEnd}`;

    type Coverage = { communes: { total: number; withVillageList: number }; villages: { created: number; expected: number }; rosters: { communesUpdated: number; officers: Record<string, number> }; children: { unit: { code: string }; villages: { created: number } }[] };
    const coverage = await body<Coverage>(`/api/coverage?unit=01&asOf=${W37.weekEnd}`, 'hanoi');
    expect([report.coverage.communesTotal, report.coverage.communesWithVillageList, report.coverage.villagesCreated, report.coverage.villagesExpected, report.coverage.communesRosterUpdated]).toEqual([
      coverage.communes.total,
      coverage.communes.withVillageList,
      coverage.villages.created,
      coverage.villages.expected,
      coverage.rosters.communesUpdated,
    ]);
    expect(report.coverage.officers).toBe(Object.values(coverage.rosters.officers).reduce((n, v) => n + v, 0));
    expect(report.coverage.children.map((c) => [c.unit.code, c.villagesCreated])).toEqual(coverage.children.map((c) => [c.unit.code, c.villages.created]));

    const officers = await body<{ total: { officers: number; female: number }; byOrganisation: { code: string; officers: number }[] }>(`/api/rosters/officers?${range}`, 'hanoi');
    expect([report.officers.officers, report.officers.female]).toEqual([officers.total.officers, officers.total.female]);
    expect(report.officers.groups.filter((g) => g.dimension === 'organisation').map((g) => [g.code, g.officers])).toEqual(officers.byOrganisation.map((g) => [g.code, g.officers]));

    type Completeness = { weeks: { week: string; all: Record<string, unknown> }[]; breakdown: { all: Record<string, unknown>; children: { unit: { code: string }; all: Record<string, unknown> }[] } };
    const completeness = await body<Completeness>(`/api/reporting/completeness?${range}&week=2025-W37`, 'hanoi');
    expect(report.reporting.week).toMatchObject(completeness.breakdown.all);
    expect(report.reporting.weeks.map((w) => w.received)).toEqual(completeness.weeks.map((w) => w.all.received));
    expect(report.reporting.children.map((c) => [c.unit.code, c.received, c.missing])).toEqual(completeness.breakdown.children.map((c) => [c.unit.code, c.all.received, c.all.missing]));
    expect(report.reporting.missing.map((c) => c.unit.code).sort()).toEqual(completeness.breakdown.children.filter((c) => (c.all.missing as number) > 0).map((c) => c.unit.code).sort());

    type Counts = { total: Record<string, number>; byWeek: ({ week: string } & Record<string, number>)[] };
    const petitions = await body<Counts>(`/api/petitions/counts?${range}`, 'hanoi');
    expect(report.petitions.period).toEqual({ received: petitions.total.received, inProgress: petitions.total.inProgress, answered: petitions.total.answered, overdue: petitions.total.overdue });
    const w37 = petitions.byWeek.find((w) => w.week === '2025-W37') as Counts['byWeek'][number];
    expect(report.petitions.week).toEqual({ received: w37.received, inProgress: w37.inProgress, answered: w37.answered, overdue: w37.overdue });
    expect(report.petitions.period.received).toBeGreaterThan(0);

    type Trend = { byWeek: ({ week: string } & Record<string, number>)[]; byTopic: { topic: { code: string }; weeks: { week: string; items: number }[] }[] };
    const trend = await body<Trend>(`/api/opinion/trends?${range}`, 'hanoi');
    const o37 = trend.byWeek.find((w) => w.week === '2025-W37') as Trend['byWeek'][number];
    expect(report.opinion.week).toEqual({ items: o37.items, negative: o37.negative, neutral: o37.neutral, positive: o37.positive, netSentimentPct: o37.netSentimentPct });
    const busiest = trend.byTopic.map((x) => ({ code: x.topic.code, items: x.weeks.find((w) => w.week === '2025-W37')?.items ?? 0 })).filter((x) => x.items > 0);
    busiest.sort((a, b) => b.items - a.items || a.code.localeCompare(b.code));
    expect(report.opinion.topTopics.map((x) => [x.topic.code, x.items])).toEqual(busiest.slice(0, 5).map((x) => [x.code, x.items]));
  });

  it('reads the warnings on the reference day when the week reaches it', async () => {
    const report = await body<WeeklyReport>('/api/reports/weekly?unit=01&week=2025-W38', 'hanoi');
    expect(report.asOf).toBe('2025-09-16');
    const warnings = await body<{ counts: Record<string, number>; items: { kind: string; unit: { code: string }; reason: string }[] }>('/api/warnings?unit=01', 'hanoi');
    expect(report.warnings.counts).toEqual(warnings.counts);
    expect(report.warnings.items.map((w) => [w.kind, w.unit.code, w.reason])).toEqual(warnings.items.slice(0, 20).map((w) => [w.kind, w.unit.code, w.reason]));
  });

  it('refuses a unit outside the scope (403), a village, a week after the reference day and a malformed week (400)', async () => {
    for (const url of ['/api/reports/weekly', '/api/reports/weekly.xlsx']) {
      expect((await get(`${url}?unit=79`, 'hanoi')).statusCode).toBe(403);
      expect((await get(`${url}?unit=00004`, 'vanmieu')).statusCode).toBe(403);
      const village = await get(`${url}?unit=00226-001`, 'vanmieu');
      expect([village.statusCode, village.json().message]).toEqual([400, 'the weekly report is made down to communes: ask for the commune 00226 instead of the village 00226-001']);
      const later = await get(`${url}?week=2025-W39`, 'vanmieu');
      expect([later.statusCode, later.json().message]).toEqual([400, "week 2025-W39 comes after the data's reference day 2025-09-16"]);
      expect((await get(`${url}?week=2025-W54`, 'vanmieu')).statusCode).toBe(400);
    }
  });
});

describe('GET /api/reports/weekly.xlsx', () => {
  it('holds one sheet per section, in order, named in Vietnamese', async () => {
    const book = await workbook('/api/reports/weekly.xlsx?unit=01', 'hanoi');
    expect(book.worksheets.map((s) => s.name)).toEqual(Object.values(SHEETS));
    const res = await get('/api/reports/weekly.xlsx?unit=01', 'hanoi');
    expect(res.headers['content-disposition']).toBe('attachment; filename="bao-cao-tuan-01-2025-W37.xlsx"');
  });

  it("carries the API's numbers, sheet by sheet", async () => {
    const report = await body<WeeklyReport>('/api/reports/weekly?unit=VN&week=2025-W37', 'trunguong');
    const book = await workbook('/api/reports/weekly.xlsx?unit=VN&week=2025-W37', 'trunguong');
    const sheet = (name: string) => tables(book.getWorksheet(name) as ExcelJS.Worksheet);
    // Every list compared below has rows on the demo, so that no comparison holds by being empty.
    expect([report.reporting.missing, report.petitions.topics, report.opinion.topTopics, report.warnings.items, report.officers.groups].map((l) => l.length > 0)).toEqual([true, true, true, true, true]);

    const summary = book.getWorksheet(SHEETS.summary) as ExcelJS.Worksheet;
    expect(summary.getCell('A1').value).toBe('BÁO CÁO TỔNG HỢP TUẦN');
    expect([summary.getCell('B2').value, summary.getCell('B3').value, summary.getCell('B4').value]).toEqual([
      'Trung ương (VN)',
      'Tuần 37/2025, từ 08/09/2025 đến 14/09/2025',
      '14/09/2025',
    ]);
    const figures = new Map((sheet(SHEETS.summary).get('Số liệu chính')?.rows ?? []).map((r) => [r[0], r[1]]));
    expect(figures.get('Tổng số xã, phường, đặc khu')).toBe(report.coverage.communesTotal);
    expect(figures.get('Báo cáo tuần phải gửi')).toBe(report.reporting.week.expected);
    expect(figures.get('Báo cáo tuần đã gửi')).toBe(report.reporting.week.received);
    expect(figures.get('Chưa gửi')).toBe(report.reporting.week.missing);
    expect(figures.get('Đơn thư tiếp nhận trong tuần')).toBe(report.petitions.week.received);
    expect(figures.get('Bài viết dư luận trong tuần')).toBe(report.opinion.week.items);
    expect(figures.get('Chỉ số cảm xúc ròng (%)')).toBe(report.opinion.week.netSentimentPct);

    const coverage = sheet(SHEETS.coverage).get('Tiến độ triển khai đến ngày 14/09/2025');
    expect(coverage?.rows).toHaveLength(1 + 34);
    expect(coverage?.rows[0]?.slice(0, 4)).toEqual(['VN', 'Trung ương', report.coverage.communesWithVillageList, report.coverage.communesTotal]);
    expect(coverage?.rows.slice(1).map((r) => [r[0], r[5], r[6]])).toEqual(report.coverage.children.map((c) => [c.unit.code, c.villagesCreated, c.villagesExpected]));

    const officers = sheet(SHEETS.officers);
    const groups = [...officers.values()][0]?.rows ?? [];
    expect(groups.map((r) => [r[1], r[3], r[4]])).toEqual(report.officers.groups.map((g) => [g.code, g.officers, g.female]));

    const reporting = sheet(SHEETS.reporting);
    expect(reporting.get('Báo cáo tuần theo tuần (12 tuần)')?.rows.map((r) => [r[0], ...r.slice(2, 7)])).toEqual(
      report.reporting.weeks.map((w) => [w.week, w.expected, w.received, w.onTime, w.late, w.missing]),
    );
    expect(reporting.get('Báo cáo tuần 37/2025 theo đơn vị trực thuộc')?.rows.map((r) => [r[0], r[2], r[3], r[6]])).toEqual(
      report.reporting.children.map((c) => [c.unit.code, c.expected, c.received, c.missing]),
    );
    expect(reporting.get('Đơn vị còn thiếu báo cáo tuần 37/2025')?.rows.map((r) => [r[0], r[2]])).toEqual(report.reporting.missing.map((c) => [c.unit.code, c.missing]));

    const petitions = sheet(SHEETS.petitions);
    expect(petitions.get('Đơn thư theo tuần tiếp nhận, tình trạng đến ngày 14/09/2025')?.rows.map((r) => [r[0], ...r.slice(2)])).toEqual(
      report.petitions.weeks.map((w) => [w.week, w.received, w.answered, w.inProgress, w.overdue]),
    );
    expect(petitions.get('Đơn thư theo chủ đề (12 tuần)')?.rows.map((r) => [r[0], r[1]])).toEqual(report.petitions.topics.map((x) => [x.topic.name, x.received]));

    const opinion = sheet(SHEETS.opinion);
    expect(opinion.get('Dư luận theo tuần')?.rows.map((r) => [r[0], ...r.slice(2)])).toEqual(
      report.opinion.weeks.map((w) => [w.week, w.items, w.negative, w.neutral, w.positive, w.netSentimentPct]),
    );
    expect(opinion.get('Chủ đề được bàn nhiều nhất tuần 37/2025')?.rows.map((r) => [r[0], r[1]])).toEqual(report.opinion.topTopics.map((x) => [x.topic.name, x.items]));

    const warnings = [...sheet(SHEETS.warnings).values()][0]?.rows ?? [];
    expect(warnings.map((r) => [r[2], r[4]])).toEqual(report.warnings.items.map((w) => [w.unit.code, w.reason]));
  });

  it("lists a commune's own figures, without rows for its villages", async () => {
    const report = await body<WeeklyReport>('/api/reports/weekly?week=2025-W37', 'vanmieu');
    expect(report.unit.code).toBe('00226');
    expect([report.coverage.children, report.reporting.children]).toEqual([[], []]);
    expect(report.reporting.week.expected).toBe(1);
    const book = await workbook('/api/reports/weekly.xlsx?week=2025-W37', 'vanmieu');
    const coverage = tables(book.getWorksheet(SHEETS.coverage) as ExcelJS.Worksheet).get('Tiến độ triển khai đến ngày 14/09/2025');
    expect(coverage?.rows.map((r) => r[0])).toEqual(['00226']);
  });

  it("names no petitioner, even to the unit that handles the sample's petitions", async () => {
    const book = await workbook('/api/reports/weekly.xlsx?unit=00226&week=2025-W37', 'vanmieu');
    const texts: string[] = [];
    book.eachSheet((s) => s.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value)))));
    expect(texts.length).toBeGreaterThan(50);
    for (const value of PERSONAL) expect({ value, found: texts.some((x) => x.includes(value)) }).toEqual({ value, found: false });
  });
});
