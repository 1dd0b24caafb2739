/**
 * Petition handling through the API on the real engine and registry, with the hand-made petitions of
 * test/support/petitions.ts (its header has the table every number here is checked against): counts, handling times
 * and the units with the most overdue petitions, for the country, a province, a commune and a village, for the period
 * 1–16 Sep 2025 and for earlier ones; each user held to their scope; never a text or a contact in these answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAll } from '../support/builders.js';
import { LABEL_VERSION, openPetitionApi, PERIOD, PERSONAL, type PetitionApi } from '../support/petitions.js';
import { writeMeta } from '../../analytics/queries/meta.js';
import { ACTIVE_MODEL_KEY } from '../../analytics/nlp/labels.js';

const ENDPOINTS = ['/api/petitions/counts', '/api/petitions/handling-time', '/api/petitions/overdue-units'];

let api: PetitionApi;
beforeAll(async () => {
  api = await openPetitionApi();
}, 120_000);
afterAll(() => api.close());

const get = (url: string, login: string) => api.get(url, login);
const body = (url: string, login: string) => api.body(url, login);
// No mass cases here: every petition is its own case.
const tally = (received: number, inProgress: number, answered: number, overdue: number) => ({ received, cases: received, inProgress, answered, overdue });

describe('GET /api/petitions/counts', () => {
  it('keeps to one topic with topic= (the dashboards’ topic filter): the land petitions A1, A3, B1 and D1', async () => {
    const c = await api.body(`/api/petitions/counts?${PERIOD}&topic=dat_dai`, 'trunguong');
    expect(c.total).toEqual(tally(4, 2, 2, 2));
    expect(c.byTopic.filter((x: { received: number }) => x.received > 0).map((x: { topic: string }) => x.topic)).toEqual(['dat_dai']);
    const h = await api.body(`/api/petitions/handling-time?${PERIOD}&topic=dat_dai`, 'trunguong');
    expect(h.total).toMatchObject({ received: 4, answered: 2 });
  });

  it('counts the period’s petitions nationally as they stood at its end, by level, channel, topic and week', async () => {
    const c = await body(`/api/petitions/counts?unit=VN&${PERIOD}`, 'trunguong');
    expect(c).toMatchObject({ unit: { code: 'VN', level: 'central' }, period: { from: '2025-09-01', to: '2025-09-16' }, stateAt: '2025-09-17 00:00:00', labelVersion: 'v-test' });
    // E1, received in August, is outside the period although still overdue.
    expect(c.total).toEqual(tally(10, 7, 3, 3));
    expect(c.byLevel).toEqual([
      { level: 'central', ...tally(1, 1, 0, 0) },
      { level: 'province', ...tally(2, 1, 1, 0) },
      { level: 'commune', ...tally(7, 5, 2, 3) },
    ]);
    expect(c.byChannel).toEqual([
      { channel: 'web', ...tally(3, 1, 2, 0) },
      { channel: 'app', ...tally(2, 2, 0, 0) },
      { channel: 'zalo', ...tally(1, 1, 0, 1) },
      { channel: 'hotline', ...tally(1, 0, 1, 0) },
      { channel: 'mail', ...tally(1, 1, 0, 0) },
      { channel: 'in_person', ...tally(2, 2, 0, 2) },
    ]);
    const topics = Object.fromEntries(c.byTopic.map((x: { topic: string }) => [x.topic, x]));
    expect(topics.dat_dai).toEqual({ topic: 'dat_dai', ...tally(4, 2, 2, 2) });
    expect(topics.khac).toEqual({ topic: 'khac', ...tally(1, 1, 0, 1) });
    expect(topics.ha_tang).toEqual({ topic: 'ha_tang', ...tally(1, 0, 1, 0) });
    expect(topics.y_te).toEqual({ topic: 'y_te', ...tally(0, 0, 0, 0) });
    expect(topics.unlabelled).toEqual({ topic: 'unlabelled', ...tally(1, 1, 0, 0) });
    expect(c.byTopic.reduce((n: number, x: { received: number }) => n + x.received, 0)).toBe(10);
    expect(c.byWeek).toEqual([
      { week: '2025-W36', weekStart: '2025-09-01', ...tally(6, 4, 2, 3) },
      { week: '2025-W37', weekStart: '2025-09-08', ...tally(3, 2, 1, 0) },
      { week: '2025-W38', weekStart: '2025-09-15', ...tally(1, 1, 0, 0) },
    ]);
  });

  it('counts an escalated petition at the level holding it, and one answered after the period as in progress', async () => {
    const c = await body(`/api/petitions/counts?unit=01&${PERIOD}`, 'hanoi');
    expect(c.total).toEqual(tally(8, 5, 3, 1));
    // B1, escalated from commune 00004 to the province, counts at province level; F1, answered on 18 Sep, is in progress.
    expect(c.byLevel).toEqual([
      { level: 'central', ...tally(1, 1, 0, 0) },
      { level: 'province', ...tally(2, 1, 1, 0) },
      { level: 'commune', ...tally(5, 3, 2, 1) },
    ]);
  });

  it('gives a commune user their commune by default, and a village only its own petitions', async () => {
    const commune = await body(`/api/petitions/counts?${PERIOD}`, 'vanmieu');
    expect(commune.unit).toEqual({ code: '00226', name: 'Phường Văn Miếu - Quốc Tử Giám', level: 'commune' });
    expect(commune.total).toEqual(tally(5, 3, 2, 1));
    const village = await body(`/api/petitions/counts?unit=00226-001&${PERIOD}`, 'vanmieu');
    expect(village.total).toEqual(tally(1, 1, 0, 1));
  });

  it('reads the states at the end of a past period: an escalation, a deadline and an answer that came later do not count', async () => {
    const c = await body('/api/petitions/counts?unit=01&from=2025-09-01&to=2025-09-09', 'hanoi');
    expect(c.stateAt).toBe('2025-09-10 00:00:00');
    // A1, A2, A3, A4, B1: only A1 was answered by 10 Sep; A3 and A4 were not yet due; B1 was still at its commune.
    expect(c.total).toEqual(tally(5, 4, 1, 0));
    expect(c.byLevel.find((x: { level: string }) => x.level === 'commune')).toEqual({ level: 'commune', ...tally(5, 4, 1, 0) });
    expect(c.byLevel.find((x: { level: string }) => x.level === 'province')).toEqual({ level: 'province', ...tally(0, 0, 0, 0) });
  });

  it('takes in a petition received before the period only when the period starts before it', async () => {
    const c = await body('/api/petitions/counts?unit=01&from=2025-08-18&to=2025-09-16', 'hanoi');
    expect(c.total).toEqual(tally(9, 6, 3, 2));
    expect(c.byWeek[0]).toEqual({ week: '2025-W34', weekStart: '2025-08-18', ...tally(1, 1, 0, 1) });
  });

  it('reads topics from the active label version only: a relabel moves the topic counts and nothing else', async () => {
    await insertAll(api.t.store, {
      nlp_labels: [{ item_kind: 'petition', item_id: 'A1', model_version: 'v-two', topic: 'moi_truong', topic_confidence: 1, sentiment: 'neutral',
        sentiment_confidence: 1, occurred_at: '2025-09-01 08:00:00', province_code: '01', commune_code: '00226', channel: 'web', labelled_at: '2025-09-20 00:00:00' }],
    });
    await writeMeta(api.t.store, { [ACTIVE_MODEL_KEY]: 'v-two' });
    try {
      const c = await body(`/api/petitions/counts?unit=VN&${PERIOD}`, 'trunguong');
      expect(c.labelVersion).toBe('v-two');
      expect(c.total).toEqual(tally(10, 7, 3, 3));
      const labelled = c.byTopic.filter((x: { received: number }) => x.received > 0);
      expect(labelled).toEqual([{ topic: 'moi_truong', ...tally(1, 0, 1, 0) }, { topic: 'unlabelled', ...tally(9, 7, 2, 3) }]);
    } finally {
      await writeMeta(api.t.store, { [ACTIVE_MODEL_KEY]: LABEL_VERSION });
    }
    expect((await body(`/api/petitions/counts?unit=VN&${PERIOD}`, 'trunguong')).labelVersion).toBe(LABEL_VERSION);
  });

  it('counts the twelve weeks up to the reference day when no period is given', async () => {
    const c = await body('/api/petitions/counts?unit=VN', 'trunguong');
    expect(c.period).toEqual({ from: '2025-06-30', to: '2025-09-16' });
    expect(c.byWeek).toHaveLength(12);
    expect(c.total).toEqual(tally(11, 8, 3, 4));
  });
});

describe('GET /api/petitions/handling-time', () => {
  it('gives the median and 90th percentile days to the first answer and the share within the deadline, by level', async () => {
    const h = await body(`/api/petitions/handling-time?unit=01&${PERIOD}`, 'hanoi');
    // Answered: A1 3.0 days, B1 4.0, A4 15.2 (after its deadline); p90 = 4 + 0.8 × 11.2 = 12.96.
    expect(h.total).toEqual({ received: 8, inProgress: 5, answered: 3, handlingDaysP50: 4, handlingDaysP90: 13, answeredOnTime: 2, onTimePct: 66.67 });
    expect(h.byLevel).toEqual([
      { level: 'central', received: 1, inProgress: 1, answered: 0, handlingDaysP50: null, handlingDaysP90: null, answeredOnTime: 0, onTimePct: 0 },
      { level: 'province', received: 2, inProgress: 1, answered: 1, handlingDaysP50: 4, handlingDaysP90: 4, answeredOnTime: 1, onTimePct: 100 },
      // A1 and A4: median 9.1, p90 = 3 + 0.9 × 12.2 = 13.98.
      { level: 'commune', received: 5, inProgress: 3, answered: 2, handlingDaysP50: 9.1, handlingDaysP90: 14, answeredOnTime: 1, onTimePct: 50 },
    ]);
    // A1 3.0 days (the 3–7 band: 72 hours is not under 3 days), B1 4.0, A4 15.2.
    expect(h.distribution).toEqual([
      { band: '0-2', answered: 0 },
      { band: '3-7', answered: 2 },
      { band: '8-15', answered: 1 },
      { band: '16-30', answered: 0 },
      { band: '31-45', answered: 0 },
      { band: '46+', answered: 0 },
    ]);
  });

  it('judges an escalated petition against the deadline it was given when escalated', async () => {
    const h = await body(`/api/petitions/handling-time?unit=00004&${PERIOD}`, 'hanoi');
    // B1 was due at its commune on 23 Sep and, escalated, at the province on 10 Oct; answered on 12 Sep: on time.
    expect(h.total).toMatchObject({ received: 2, answered: 1, handlingDaysP50: 4, answeredOnTime: 1, onTimePct: 100 });
  });
});

describe('GET /api/petitions/overdue-units', () => {
  it('ranks the provinces by overdue petitions nationally, leaving out those with none', async () => {
    const r = await body(`/api/petitions/overdue-units?unit=VN&${PERIOD}`, 'trunguong');
    expect(r).toMatchObject({ by: 'child', unitsWithOverdue: 2 });
    expect(r.units).toEqual([
      { rank: 1, unit: { code: '79', name: 'Thành phố Hồ Chí Minh', level: 'province' }, received: 2, inProgress: 2, overdue: 2, overduePct: 100, oldestDue: '2025-09-03 10:00:00' },
      { rank: 2, unit: { code: '01', name: 'Thành phố Hà Nội', level: 'province' }, received: 8, inProgress: 5, overdue: 1, overduePct: 20, oldestDue: '2025-09-16 09:00:00' },
    ]);
  });

  it('lists only `limit` units but says how many have overdue petitions', async () => {
    const r = await body(`/api/petitions/overdue-units?unit=VN&${PERIOD}&limit=1`, 'trunguong');
    expect(r.unitsWithOverdue).toBe(2);
    expect(r.units.map((u: { unit: { code: string } }) => u.unit.code)).toEqual(['79']);
  });

  it('ranks the units holding the petitions at the end, by=holder', async () => {
    const r = await body(`/api/petitions/overdue-units?unit=01&${PERIOD}&by=holder`, 'hanoi');
    // Holder 00226 at the end: A1, A2, A3, A4 and F1 (transferred to 01 only on 17 Sep). Holder 01 has none overdue.
    expect(r.units).toEqual([
      { rank: 1, unit: { code: '00226', name: 'Phường Văn Miếu - Quốc Tử Giám', level: 'commune' }, received: 5, inProgress: 3, overdue: 1, overduePct: 33.33, oldestDue: '2025-09-16 09:00:00' },
    ]);
  });

  it('ranks the villages of a commune, and nothing under a village', async () => {
    const commune = await body(`/api/petitions/overdue-units?${PERIOD}`, 'vanmieu');
    expect(commune.units).toEqual([
      { rank: 1, unit: { code: '00226-001', name: 'Tổ dân phố 1', level: 'village' }, received: 1, inProgress: 1, overdue: 1, overduePct: 100, oldestDue: '2025-09-16 09:00:00' },
    ]);
    const village = await body(`/api/petitions/overdue-units?unit=00226-001&${PERIOD}`, 'vanmieu');
    expect(village).toMatchObject({ unitsWithOverdue: 0, units: [] });
  });

  it('answers 400 with the reason for an unknown ranking or a limit out of range', async () => {
    for (const query of ['by=place', 'limit=0', 'limit=101']) {
      const res = await get(`/api/petitions/overdue-units?${query}`, 'trunguong');
      expect({ query, status: res.statusCode }).toEqual({ query, status: 400 });
      expect(res.json().message).toContain(query.split('=')[0]);
    }
  });
});

describe.each(ENDPOINTS)('%s', (endpoint) => {
  it('refuses a province user another province and the country, with 403', async () => {
    for (const unit of ['79', 'VN', '25747']) expect((await get(`${endpoint}?unit=${unit}`, 'hanoi')).statusCode).toBe(403);
  });

  it('holds a commune user to their commune (403 for another commune and their province)', async () => {
    for (const unit of ['00004', '01']) expect((await get(`${endpoint}?unit=${unit}`, 'vanmieu')).statusCode).toBe(403);
    expect((await get(`${endpoint}?unit=00226-001`, 'vanmieu')).statusCode).toBe(200);
  });

  it('answers 400 with the reason for a malformed unit, an impossible day and a period that ends before it starts', async () => {
    const unit = await get(`${endpoint}?unit=Ha%20Noi`, 'trunguong');
    expect(unit.statusCode).toBe(400);
    expect(unit.json().message).toContain('unit');
    const day = await get(`${endpoint}?from=2025-02-30`, 'trunguong');
    expect(day.statusCode).toBe(400);
    expect(day.json().message).toContain('2025-02-30');
    const backwards = await get(`${endpoint}?from=2025-09-10&to=2025-09-01`, 'trunguong');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().message).toMatch(/ends \(2025-09-01\) before it starts \(2025-09-10\)/);
    expect((await get(`${endpoint}?unit=99999`, 'trunguong')).json().error).toBe('unknown_unit');
  });

  it('never gives a petition’s text or contact, even to the unit handling it', async () => {
    for (const [login, unit] of [['vanmieu', '00226'], ['hanoi', '01'], ['trunguong', 'VN'], ['phantich', 'VN']] as const) {
      const text = (await get(`${endpoint}?unit=${unit}&${PERIOD}`, login)).body;
      for (const value of Object.values(PERSONAL).flat()) expect({ login, value, leaks: text.includes(value) }).toEqual({ login, value, leaks: false });
    }
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await api.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toContain(endpoint);
  });
});
