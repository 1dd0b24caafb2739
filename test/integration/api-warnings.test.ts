/**
 * GET /api/warnings through the real app on the real engine, over the real registry, on the reference day Tuesday
 * 16 September 2025 (the latest weekly report due is week 37's), with a small hand-made set:
 *   petitions   Ba Đình (00004): one past the deadline it was given on a transfer, one in time, one answered; Văn Miếu
 *               (00226): one past its deadline, one answered then reopened, one closed; Thủ Dầu Một (in 79): one past
 *               its deadline
 *   reports     Hà Nội (01) sent week 37; Ba Đình last sent week 35; Văn Miếu week 33 (its week 37 came a day late)
 *   villages    100 of Hà Nội's 126 communes have listed a village; Văn Miếu has not
 *   opinion     Phú Lợi (25750, in 79): one negative public-order post each Monday of weeks 30–37, 24 on Monday and
 *               Tuesday of week 38
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, sessionCookies } from '../support/app.js';
import { insertAll, unit } from '../support/builders.js';
import { openIngestStore } from '../support/store.js';
import { ensureDemoUsers } from '../../analytics/access/demo-users.js';
import { writeMeta } from '../../analytics/queries/meta.js';
import { unitsInForce } from '../../analytics/queries/registry.js';
import { ACTIVE_MODEL_KEY } from '../../analytics/nlp/labels.js';
import { addDays } from '../../analytics/clock.js';

const PASSWORD = 'mật-khẩu-thử-nghiệm';
const VERSION = 'test@1';

function event(petition: string, place: [string, string], i: number, at: string, status: string, due: string) {
  const [province, commune] = place;
  return {
    event_id: `${petition}-${i}`, petition_id: petition, province_code: province, commune_code: commune, event_at: `${at}.000`, status,
    unit_code: commune, handling_level: 'commune', due_at: due, actor: 'system', note: '', ingest_run_id: 'test',
  };
}
const BA_DINH: [string, string] = ['01', '00004'];
const VAN_MIEU: [string, string] = ['01', '00226'];
const THU_DAU_MOT: [string, string] = ['79', '25747'];

const events = [
  event('A1', BA_DINH, 1, '2025-08-01 09:00:00', 'received', '2025-08-16 09:00:00'),
  event('A2', BA_DINH, 1, '2025-09-10 09:00:00', 'received', '2025-09-25 09:00:00'),
  event('A3', BA_DINH, 1, '2025-08-01 09:00:00', 'received', '2025-08-16 09:00:00'),
  event('A3', BA_DINH, 2, '2025-08-10 09:00:00', 'answered', '2025-08-16 09:00:00'),
  event('A4', VAN_MIEU, 1, '2025-07-01 08:00:00', 'received', '2025-07-16 08:00:00'),
  event('A4', VAN_MIEU, 2, '2025-07-20 10:00:00', 'answered', '2025-07-16 08:00:00'),
  event('A5', VAN_MIEU, 1, '2025-08-20 08:00:00', 'received', '2025-09-04 08:00:00'),
  event('A5', VAN_MIEU, 2, '2025-09-01 08:00:00', 'answered', '2025-09-04 08:00:00'),
  event('A5', VAN_MIEU, 3, '2025-09-05 08:00:00', 'closed', '2025-09-04 08:00:00'),
  event('A6', THU_DAU_MOT, 1, '2025-08-20 08:00:00', 'received', '2025-09-04 08:00:00'),
  event('A7', VAN_MIEU, 1, '2025-08-25 10:00:00', 'received', '2025-09-09 10:00:00'),
];
// Sent later, on their own: a petition's state is folded across the rollup's rows. A reopened petition was answered
// once: like /api/petitions, it is not in progress.
const later = [
  event('A1', BA_DINH, 2, '2025-08-05 09:00:00', 'transferred', '2025-08-20 09:00:00'),
  event('A4', VAN_MIEU, 3, '2025-08-05 10:00:00', 'reopened', '2025-08-20 10:00:00'),
];

function report(unitCode: string, level: 'province' | 'commune', weekStart: string, submittedAt: string) {
  return {
    unit_code: unitCode, unit_level: level, province_code: '01', commune_code: level === 'commune' ? unitCode : '', week_start: weekStart,
    indicator: 'meetings_held', value: 1, submitted_at: submittedAt, ingest_run_id: 'test',
  };
}
const reports = [
  report('01', 'province', '2025-09-08', '2025-09-15 10:00:00'),
  report('00004', 'commune', '2025-08-25', '2025-09-01 10:00:00'),
  report('00226', 'commune', '2025-08-11', '2025-08-18 10:00:00'),
  report('00226', 'commune', '2025-09-08', '2025-09-17 08:00:00'),
];

let seq = 0;
function negativePost(at: string) {
  return {
    item_kind: 'post', item_id: `OP-${++seq}`, model_version: VERSION, topic: 'an_ninh_trat_tu', topic_confidence: 0.9, sentiment: 'negative',
    sentiment_confidence: 0.9, occurred_at: at, province_code: '79', commune_code: '25750', channel: 'facebook', labelled_at: '2025-09-16 12:00:00.000',
  };
}
const labels = [
  ...Array.from({ length: 8 }, (_, w) => negativePost(`${addDays('2025-07-21', 7 * w)} 07:00:00`)),
  ...Array.from({ length: 24 }, (_, i) => negativePost(`2025-09-1${5 + (i % 2)} ${String(i).padStart(2, '0')}:10:00`)),
];

let t: Awaited<ReturnType<typeof openIngestStore>>;
let app: FastifyInstance;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await openIngestStore();
  const communes = (await unitsInForce(t.store, { as_of: '2025-09-16', levels: ['commune'], province_code: '01' })).map((u) => u.code);
  const listed = communes.filter((c) => c !== '00226').slice(0, 100);
  await insertAll(t.store, {
    units: listed.map((c) => unit(`${c}-001`, 'village', 'Thôn 1', { province_code: '01' })),
    petition_events: events,
    weekly_reports: reports,
    nlp_labels: labels,
  });
  await insertAll(t.store, { petition_events: later });
  await writeMeta(t.store, { reference_date: '2025-09-16', [ACTIVE_MODEL_KEY]: VERSION });
  await ensureDemoUsers(t.store, '2025-09-16', PASSWORD);
  app = await buildTestApp(t);
  Object.assign(cookies, await sessionCookies(app, ['trunguong', 'hanoi', 'vanmieu'], PASSWORD));
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const get = (url: string, who: string) => app.inject({ method: 'GET', url, headers: { cookie: cookies[who] as string } });
type Item = { kind: string; unit: { code: string }; severity: string; reason: string; evidence: string; figures: Record<string, unknown> };
const brief = (i: Item) => [i.severity, i.kind, i.unit.code];

describe('GET /api/warnings', () => {
  it('lists the whole country: overdue petitions by province, the opinion spike, units without reports, high first', async () => {
    const res = await get('/api/warnings?limit=5', 'trunguong');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ unit: { code: 'VN' }, asOf: '2025-09-16', week: '2025-W38' });
    // Every province and commune must report: all but Hà Nội missed week 37; no province lags the national share.
    expect(body.counts).toEqual({ escalated_petitions: 0, overdue_petitions: 2, negative_opinion_spike: 2, missed_reports: 3354, lagging_rollout: 0 });
    expect(body.items.map(brief)).toEqual([
      ['high', 'overdue_petitions', '01'],
      ['high', 'overdue_petitions', '79'],
      ['high', 'negative_opinion_spike', '79'],
      ['high', 'negative_opinion_spike', 'VN'],
      ['high', 'missed_reports', '00008'],
    ]);
    const [hanoi, hcm, place, topic, never] = body.items as Item[];
    // A1 (past the deadline of its transfer) and A7 are overdue; A2 is in time; A3, A4 and A5 were answered.
    expect(hanoi).toEqual({
      kind: 'overdue_petitions',
      unit: { code: '01', name: 'Thành phố Hà Nội', level: 'province' },
      severity: 'high',
      reason: 'Thành phố Hà Nội: 2 đơn quá hạn trong 3 đơn đang giải quyết (66,7 %), quá hạn lâu nhất 27 ngày',
      evidence: '/api/drill/petitions?unit=01&status=overdue&from=2025-07-31&to=2025-09-16',
      figures: { overdue: 2, inProgress: 3, overduePct: 66.67, oldestDue: '2025-08-20 09:00:00', oldestOverdueDays: 27 },
    });
    expect(hcm?.reason).toBe('Thành phố Hồ Chí Minh: 1 đơn quá hạn trong 1 đơn đang giải quyết (100 %), quá hạn lâu nhất 12 ngày');
    expect(place).toMatchObject({
      reason:
        'Bài viết tiêu cực ở Thành phố Hồ Chí Minh, chủ yếu về An ninh, trật tự tăng đột biến: 24 bài tuần 2025-W38 (2 ngày đầu), ' +
        'gấp 24 lần mức thường (1 bài/tuần, trung vị 8 tuần trước), z = 23',
      evidence: '/api/drill/posts?unit=79&topic=an_ninh_trat_tu&week=2025-W38',
      figures: { spike: 'place', topic: 'an_ninh_trat_tu', current: 24, usual: 1, ratio: 24, z: 23, days: 2 },
    });
    expect(topic?.evidence).toBe('/api/drill/posts?unit=VN&topic=an_ninh_trat_tu&week=2025-W38');
    expect(never).toMatchObject({
      reason: 'Phường Ngọc Hà chưa từng gửi báo cáo tuần (đến tuần 2025-W37)',
      evidence: '/api/drill/report-submissions?unit=00008&week=2025-W37&status=missing',
      figures: { weeksMissed: null, lastWeek: null, lastDueWeek: '2025-W37' },
    });
  });

  it('lists a province: its communes with overdue petitions, missed reports and no village list', async () => {
    const body = (await get('/api/warnings?unit=01&limit=500', 'hanoi')).json();
    expect(body.counts).toEqual({ escalated_petitions: 0, overdue_petitions: 2, negative_opinion_spike: 0, missed_reports: 126, lagging_rollout: 26 });
    const items = body.items as Item[];
    expect(items).toHaveLength(154);
    expect(items.slice(0, 2).map(brief)).toEqual([
      ['high', 'overdue_petitions', '00004'],
      ['high', 'overdue_petitions', '00226'],
    ]);
    const of = (kind: string, code: string) => items.find((i) => i.kind === kind && i.unit.code === code) as Item;
    expect(of('overdue_petitions', '00004').reason).toBe('Phường Ba Đình: 1 đơn quá hạn trong 2 đơn đang giải quyết (50 %), quá hạn lâu nhất 27 ngày');
    expect(of('overdue_petitions', '00226')).toMatchObject({
      reason: 'Phường Văn Miếu - Quốc Tử Giám: 1 đơn quá hạn trong 1 đơn đang giải quyết (100 %), quá hạn lâu nhất 7 ngày',
      evidence: '/api/drill/petitions?unit=00226&status=overdue&from=2025-08-24&to=2025-09-16',
    });
    // Its week-37 report came on 17 September, after the day looked at.
    expect(of('missed_reports', '00226')).toMatchObject({
      severity: 'high',
      reason: 'Phường Văn Miếu - Quốc Tử Giám không gửi báo cáo tuần 4 tuần liền, đến tuần 2025-W37; báo cáo gần nhất: tuần 2025-W33',
      evidence: '/api/drill/report-submissions?unit=00226&week=2025-W37&status=missing',
    });
    expect(of('missed_reports', '00004')).toMatchObject({ severity: 'low', figures: { weeksMissed: 2, lastWeek: '2025-W35' } });
    expect(items.some((i) => i.kind === 'missed_reports' && i.unit.code === '01')).toBe(false);
    expect(of('lagging_rollout', '00226')).toEqual({
      kind: 'lagging_rollout',
      unit: { code: '00226', name: 'Phường Văn Miếu - Quốc Tử Giám', level: 'commune' },
      severity: 'low',
      reason: 'Phường Văn Miếu - Quốc Tử Giám chưa lập danh sách thôn (Thành phố Hà Nội: 79,4 % xã đã lập danh sách thôn)',
      evidence: '/api/coverage?unit=00226',
      figures: { villageListPct: 0, parentVillageListPct: 79.37, rosterPct: 0, parentRosterPct: 0, gapPoints: 79.37 },
    });
    expect(items.at(-1)?.severity).toBe('low');
  });

  it('links each warning to evidence the same user can open', async () => {
    for (const who of ['hanoi', 'vanmieu']) {
      const items = (await get('/api/warnings?limit=50', who)).json().items as Item[];
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        const res = await get(item.evidence, who);
        expect({ evidence: item.evidence, status: res.statusCode }).toEqual({ evidence: item.evidence, status: 200 });
      }
    }
  });

  it("holds a commune user to their commune's own warnings", async () => {
    const body = (await get('/api/warnings', 'vanmieu')).json();
    expect(body.unit.code).toBe('00226');
    expect(body.counts).toEqual({ escalated_petitions: 0, overdue_petitions: 1, negative_opinion_spike: 0, missed_reports: 1, lagging_rollout: 1 });
    expect(body.items.map(brief)).toEqual([
      ['high', 'overdue_petitions', '00226'],
      ['high', 'missed_reports', '00226'],
      ['low', 'lagging_rollout', '00226'],
    ]);
  });

  it('refuses units outside the scope with 403, and a village, a bad code or a bad limit with 400 and the reason', async () => {
    const other = await get('/api/warnings?unit=79', 'hanoi');
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toContain('Thành phố Hồ Chí Minh (79) is outside your scope');
    expect((await get('/api/warnings?unit=01', 'vanmieu')).statusCode).toBe(403);
    expect((await get('/api/warnings?unit=00004', 'vanmieu')).statusCode).toBe(403);
    const village = await get('/api/warnings?unit=00004-001', 'hanoi');
    expect(village.json()).toEqual({ error: 'bad_request', message: 'warnings are kept down to communes: ask for the commune 00004 instead of the village 00004-001' });
    const code = await get('/api/warnings?unit=Ha%20Noi', 'hanoi');
    expect(code.statusCode).toBe(400);
    expect(code.json().message).toContain('unit');
    const limit = await get('/api/warnings?limit=0', 'hanoi');
    expect(limit.statusCode).toBe(400);
    expect(limit.json().message).toContain('limit');
  });
});
