/**
 * GET /api/opinion/trends, /keywords and /spikes through the real app on the real engine, on a small hand-made set of
 * posts and labels over the real registry, the reference day pinned to Tuesday 16 September 2025 (ISO week 38):
 *   September, weeks 36–37   a few posts in Hà Nội (01), Hồ Chí Minh (79) and of unknown place: trends
 *   July–August, weeks 28–32 posts holding "cá chết" appear in week 32 in Phường Ba Đình (00004): rising keywords
 *   late May–July, 22–30     Phường Thủ Dầu Một (25747, in 79) has 2–3 environment posts a week, then 25: a spike
 *   July–September, 30–38    Phường Phú Lợi (25750, in 79) has one negative public-order post each Monday (and five
 *                            more later in weeks 30–35), then 24 on the Monday and Tuesday of week 38: a spike when the
 *                            same first two days of each week are compared
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, sessionCookies } from '../support/app.js';
import { insertAll, unit } from '../support/builders.js';
import { openIngestStore } from '../support/store.js';
import { ensureDemoUsers } from '../../analytics/access/demo-users.js';
import { writeMeta } from '../../analytics/queries/meta.js';
import { ACTIVE_MODEL_KEY } from '../../analytics/nlp/labels.js';
import { addDays } from '../../analytics/clock.js';

const PASSWORD = 'mật-khẩu-thử-nghiệm';
const VERSION = 'test@1';

let seq = 0;
const posts: object[] = [];
const labels: object[] = [];

/** A post and its labels; a petition only has labels here (its text is never shown). */
function item(o: {
  at: string;
  province: string;
  commune: string;
  topic: string;
  sentiment: 'negative' | 'neutral' | 'positive';
  terms?: string[];
  text?: string;
  likes?: number;
  kind?: 'post' | 'petition';
  version?: string;
}) {
  const id = `${o.kind === 'petition' ? 'PA' : 'OP'}-${String(++seq).padStart(4, '0')}`;
  if (o.kind !== 'petition') {
    posts.push({
      post_id: id, source: 'facebook', source_name: 'Nhóm cư dân', url: `https://example.vn/p/${id}`, author_handle: 'Nguyễn Văn Tác Giả',
      text: o.text ?? `Bài viết ${id}`, published_at: o.at, province_code: o.province, commune_code: o.commune,
      likes: o.likes ?? 0, shares: 0, comments: 0, ingest_run_id: 'test', collected_at: '2025-09-16 12:00:00.000',
    });
  }
  labels.push({
    item_kind: o.kind ?? 'post', item_id: id, model_version: o.version ?? VERSION, topic: o.topic, topic_confidence: 0.9,
    sentiment: o.sentiment, sentiment_confidence: 0.9, place_province_code: '', place_commune_code: '', terms: o.terms ?? [],
    occurred_at: o.at, province_code: o.province, commune_code: o.commune, channel: 'facebook', labelled_at: '2025-09-16 12:00:00.000',
  });
  return id;
}

// Trends, weeks 36–37.
item({ at: '2025-09-02 10:00:00', province: '01', commune: '00004', topic: 'ha_tang', sentiment: 'negative' }); // P1
item({ at: '2025-09-03 08:00:00', province: '01', commune: '00004', topic: 'ha_tang', sentiment: 'negative' }); // P2
const p3 = item({ at: '2025-09-09 09:00:00', province: '01', commune: '00226', topic: 'ha_tang', sentiment: 'positive' });
item({ at: '2025-09-10 23:59:59', province: '01', commune: '00226', topic: 'moi_truong', sentiment: 'negative' }); // P4
item({ at: '2025-09-08 12:00:00', province: '79', commune: '25768', topic: 'moi_truong', sentiment: 'neutral' }); // P5
item({ at: '2025-09-04 12:00:00', province: '', commune: '', topic: 'ha_tang', sentiment: 'negative' }); // P6
item({ at: '2025-09-11 00:00:00', province: '01', commune: '', topic: 'dat_dai', sentiment: 'neutral' }); // P7
item({ at: '2025-09-09 10:00:00', province: '01', commune: '00004', topic: 'dat_dai', sentiment: 'negative', kind: 'petition' }); // Q1
// The same post labelled by an older model: not the version the dashboards read.
labels.push({ ...(labels.find((l) => (l as { item_id: string }).item_id === p3) as object), model_version: 'old@0', topic: 'khac' });

// Rising keywords: week 32 (4–10 August) against weeks 28–31.
for (let i = 0; i < 6; i++) {
  item({ at: `2025-08-0${4 + i} 08:00:00`, province: '01', commune: '00004', topic: 'moi_truong', sentiment: 'negative', terms: ['ca chet', 'nuoc'], text: `Cá chết trắng sông, nước đen ${i}` });
}
for (let i = 0; i < 24; i++) {
  item({ at: `${addDays('2025-07-07', i)} 08:00:00`, province: '01', commune: '00004', topic: 'ha_tang', sentiment: 'neutral', terms: i === 0 ? ['nuoc', 'ca chet'] : ['nuoc'] });
}
item({ at: '2025-08-06 09:00:00', province: '01', commune: '00004', topic: 'moi_truong', sentiment: 'negative', terms: ['ca chet'], kind: 'petition' });

// A spike in week 30 (21–27 July) in Phường Thủ Dầu Một: 2, 3, 2, 3, 2, 3, 2, 3 posts in weeks 22–29, then 25.
[2, 3, 2, 3, 2, 3, 2, 3].forEach((n, w) => {
  for (let i = 0; i < n; i++) item({ at: `${addDays('2025-05-28', 7 * w)} 1${i}:00:00`, province: '79', commune: '25747', topic: 'moi_truong', sentiment: 'neutral' });
});
for (let i = 0; i < 25; i++) {
  item({ at: `2025-07-23 ${String(i % 24).padStart(2, '0')}:30:00`, province: '79', commune: '25747', topic: 'moi_truong', sentiment: 'neutral', likes: 100 + i, text: `Khói bụi nhà máy số ${i}, gọi 0912 345 ${600 + i} ${'rất dài '.repeat(40)}` });
}

// Week 38 runs Monday to the reference day: one negative post each Monday of weeks 30–37, five on Thursdays of weeks
// 30–35 (not compared: Thursday of week 38 has not come), then 24 on Monday and Tuesday 15–16 September.
for (let w = 0; w < 8; w++) {
  const monday = addDays('2025-07-21', 7 * w);
  item({ at: `${monday} 07:00:00`, province: '79', commune: '25750', topic: 'an_ninh_trat_tu', sentiment: 'negative' });
  if (w < 6) for (let i = 0; i < 5; i++) item({ at: `${addDays(monday, 3)} 0${i}:00:00`, province: '79', commune: '25750', topic: 'an_ninh_trat_tu', sentiment: 'negative' });
}
for (let i = 0; i < 24; i++) item({ at: `2025-09-1${5 + (i % 2)} ${String(i).padStart(2, '0')}:10:00`, province: '79', commune: '25750', topic: 'an_ninh_trat_tu', sentiment: 'negative' });

let t: Awaited<ReturnType<typeof openIngestStore>>;
let app: FastifyInstance;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await openIngestStore();
  await insertAll(t.store, { opinion_posts: posts, nlp_labels: labels, units: [unit('00004-001', 'village', 'Tổ dân phố số 1', { province_code: '01' })] });
  await writeMeta(t.store, { reference_date: '2025-09-16', [ACTIVE_MODEL_KEY]: VERSION });
  await ensureDemoUsers(t.store, '2025-09-16', PASSWORD);
  app = await buildTestApp(t);
  Object.assign(cookies, await sessionCookies(app, ['trunguong', 'hanoi', 'vanmieu'], PASSWORD));
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const get = (url: string, who = 'trunguong') => app.inject({ method: 'GET', url, headers: { cookie: cookies[who] as string } });
const counts = (x: { items: number; negative: number; neutral: number; positive: number; netSentimentPct: number }) => [x.items, x.negative, x.neutral, x.positive, x.netSentimentPct];

describe('GET /api/opinion/trends', () => {
  it('counts only the days of a period that starts and ends mid-week, by week, topic and province (unknown place apart)', async () => {
    const res = await get('/api/opinion/trends?from=2025-09-03&to=2025-09-10');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ unit: { code: 'VN', level: 'central' }, period: { from: '2025-09-03', to: '2025-09-10' }, kinds: ['post'], labelVersion: VERSION });
    // P2, P3, P4, P5, P6 and the Monday post of Phú Lợi; not P1 (2 Sep) nor P7 (11 Sep, 00:00).
    expect(counts(body.total)).toEqual([6, 4, 1, 1, -50]);
    expect(body.byWeek.map((w: { week: string; weekStart: string; items: number }) => [w.week, w.weekStart, w.items])).toEqual([
      ['2025-W36', '2025-09-01', 2],
      ['2025-W37', '2025-09-08', 4],
    ]);
    const topic = (code: string) => body.byTopic.find((x: { topic: { code: string } }) => x.topic.code === code);
    expect(body.byTopic).toHaveLength(11);
    expect(topic('ha_tang')).toMatchObject({ topic: { name: 'Hạ tầng, điện, nước, giao thông' }, items: 3, negative: 2, positive: 1, netSentimentPct: -33.33 });
    expect(topic('ha_tang').weeks.map((w: { items: number }) => w.items)).toEqual([2, 1]);
    expect(topic('dat_dai').items).toBe(0);
    // 34 provinces (those without posts too) and the posts of unknown place.
    expect(body.byPlace).toHaveLength(35);
    const place = (code: string | null) => body.byPlace.find((x: { unit: { code: string } | null }) => (x.unit?.code ?? null) === code);
    expect(place('01')).toMatchObject({ unit: { name: 'Thành phố Hà Nội', level: 'province' }, items: 3, negative: 2, positive: 1, mainTopic: { code: 'ha_tang' } });
    expect(place('79')).toMatchObject({ items: 2, negative: 1, neutral: 1 });
    expect(place(null)).toMatchObject({ items: 1, negative: 1, mainTopic: { code: 'ha_tang' } });
    expect(place('75')).toMatchObject({ items: 0, netSentimentPct: 0, mainTopic: null });
  });

  it('keeps to one topic with topic=, by week and by place (the dashboards’ topic filter)', async () => {
    const body = (await get('/api/opinion/trends?from=2025-09-03&to=2025-09-10&topic=ha_tang')).json();
    expect(counts(body.total)).toEqual([3, 2, 0, 1, -33.33]);
    expect(body.byWeek.map((w: { items: number }) => w.items)).toEqual([2, 1]);
    expect(body.byTopic.filter((x: { items: number }) => x.items > 0).map((x: { topic: { code: string } }) => x.topic.code)).toEqual(['ha_tang']);
    const place = (code: string | null) => body.byPlace.find((x: { unit: { code: string } | null }) => (x.unit?.code ?? null) === code);
    expect(place('01')).toMatchObject({ items: 2, negative: 1, positive: 1 });
    expect(place('79')).toMatchObject({ items: 0 });
    expect(place(null)).toMatchObject({ items: 1, negative: 1 });
    expect((await get('/api/opinion/trends?topic=nothing')).statusCode).toBe(400);
  });

  it('answers a province over whole weeks with its communes, and adds petitions with kind=all', async () => {
    const body = (await get('/api/opinion/trends?unit=01&from=2025-09-01&to=2025-09-14', 'hanoi')).json();
    expect(counts(body.total)).toEqual([5, 3, 1, 1, -40]);
    expect(body.byWeek.map((w: { items: number }) => w.items)).toEqual([2, 3]);
    expect(body.byPlace).toHaveLength(127);
    const place = (code: string | null) => body.byPlace.find((x: { unit: { code: string } | null }) => (x.unit?.code ?? null) === code);
    expect([place('00004').items, place('00226').items, place(null).items]).toEqual([2, 2, 1]);
    expect(place('00226').unit).toEqual({ code: '00226', name: 'Phường Văn Miếu - Quốc Tử Giám', level: 'commune' });
    const all = (await get('/api/opinion/trends?unit=01&from=2025-09-01&to=2025-09-14&kind=all', 'hanoi')).json();
    expect(all.kinds).toEqual(['post', 'petition']);
    expect(counts(all.total)).toEqual([6, 4, 1, 1, -50]);
    expect(all.byPlace.find((x: { unit: { code: string } | null }) => x.unit?.code === '00004').items).toBe(3);
  });

  it('holds a commune user to their commune, which has no children', async () => {
    const body = (await get('/api/opinion/trends?from=2025-09-01&to=2025-09-14', 'vanmieu')).json();
    expect(body.unit.code).toBe('00226');
    expect(counts(body.total)).toEqual([2, 1, 0, 1, 0]);
    expect(body.byPlace).toEqual([]);
    expect((await get('/api/opinion/trends?unit=00004', 'vanmieu')).statusCode).toBe(403);
  });

  it('refuses another province with 403, a village and a reversed period with 400 and the reason', async () => {
    const other = await get('/api/opinion/trends?unit=79', 'hanoi');
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toContain('Thành phố Hồ Chí Minh (79) is outside your scope');
    const reversed = await get('/api/opinion/trends?from=2025-09-10&to=2025-09-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().message).toBe('the period ends (2025-09-01) before it starts (2025-09-10)');
    const kind = await get('/api/opinion/trends?kind=petitions');
    expect(kind.statusCode).toBe(400);
    expect(kind.json().message).toContain('kind');
  });
});

describe('GET /api/opinion/keywords', () => {
  it('scores the terms of a week against the four weeks before it and shows them as written', async () => {
    const res = await get('/api/opinion/keywords?unit=01&week=2025-W32', 'hanoi');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      week: '2025-W32',
      weekStart: '2025-08-04',
      baseline: { fromWeek: '2025-W28', toWeek: '2025-W31', weeks: 4 },
      texts: { current: 6, baseline: 24 },
    });
    // "nuoc" is in every text of both periods: no rise. G² and the smoothed ratio computed by hand.
    expect(body.keywords).toEqual([{ keyword: 'cá chết', term: 'ca chet', current: 6, baseline: 1, ratio: 17.33, score: 24.28 }]);
  });

  it('counts petitions too with kind=all, and nothing for a commune without texts', async () => {
    const all = (await get('/api/opinion/keywords?unit=00004&week=2025-W32&kind=all', 'hanoi')).json();
    expect(all.texts).toEqual({ current: 7, baseline: 24 });
    expect(all.keywords).toEqual([{ keyword: 'cá chết', term: 'ca chet', current: 7, baseline: 1, ratio: 17.14, score: 27.09 }]);
    const mine = (await get('/api/opinion/keywords?week=2025-W32', 'vanmieu')).json();
    expect(mine).toMatchObject({ unit: { code: '00226' }, texts: { current: 0, baseline: 0 }, keywords: [] });
  });

  it('counts from the texts when the terms rollup disagrees with them (left stale by a deletion)', async () => {
    // The country's rollup (a province's texts are always counted from nlp_labels): the same answer, stale or not.
    const before = (await get('/api/opinion/keywords?week=2025-W32')).json();
    expect(before.texts).toEqual({ current: 12, baseline: 66 });
    const stale = { model_version: VERSION, item_kind: 'post', scope_code: 'VN', week_start: '2025-08-04' };
    await insertAll(t.store, { nlp_terms_weekly: [{ ...stale, term: '', texts: 40 }, { ...stale, term: 'ca chet', texts: 40 }] });
    expect((await get('/api/opinion/keywords?week=2025-W32')).json()).toEqual(before);
  });

  it('defaults to the week of the reference day', async () => {
    expect((await get('/api/opinion/keywords')).json()).toMatchObject({ week: '2025-W38', weekStart: '2025-09-15', baseline: { fromWeek: '2025-W34' } });
  });

  it('refuses another province with 403, a commune user another commune with 403, and malformed or future weeks and villages with 400', async () => {
    expect((await get('/api/opinion/keywords?unit=79', 'hanoi')).statusCode).toBe(403);
    expect((await get('/api/opinion/keywords?unit=00004', 'vanmieu')).statusCode).toBe(403);
    const week53 = await get('/api/opinion/keywords?week=2025-W53');
    expect(week53.statusCode).toBe(400);
    expect(week53.json().message).toBe('week "2025-W53" is not an ISO week (YYYY-Www)');
    const future = await get('/api/opinion/keywords?week=2025-W39');
    expect(future.json()).toEqual({ error: 'bad_request', message: "week 2025-W39 starts after the data's reference day 2025-09-16" });
    expect((await get('/api/opinion/keywords?limit=0')).statusCode).toBe(400);
    const village = await get('/api/opinion/keywords?unit=00004-001');
    expect(village.statusCode).toBe(400);
    expect(village.json().message).toBe('opinion is placed by commune at most: ask for the commune 00004 instead of the village 00004-001');
  });
});

describe('GET /api/opinion/spikes', () => {
  it('finds a topic and a commune far above their usual level, with the numbers, drivers and example posts', async () => {
    const res = await get('/api/opinion/spikes?unit=79&week=2025-W30');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ week: '2025-W30', weekStart: '2025-07-21', days: 7, negativeOnly: false, rule: { baselineWeeks: 8, minItems: 20 } });
    expect(body.spikes).toHaveLength(2);
    const numbers = { severity: 'high', current: 25, usual: 2.5, spread: 0.7, z: 14.2, ratio: 10, baselineWeeks: [2, 3, 2, 3, 2, 3, 2, 3] };
    const topic = body.spikes.find((s: { kind: string }) => s.kind === 'topic');
    expect(topic).toMatchObject({ ...numbers, topic: { code: 'moi_truong', name: 'Môi trường' }, place: null });
    expect(topic.drivers).toEqual([{ code: '25747', name: 'Phường Thủ Dầu Một', current: 25, usual: 2.5 }]);
    const place = body.spikes.find((s: { kind: string }) => s.kind === 'place');
    expect(place).toMatchObject({ ...numbers, topic: { code: 'moi_truong' }, place: { code: '25747', name: 'Phường Thủ Dầu Một', level: 'commune' } });
    // The three most shared posts of the week, their text cut to 200 characters; never the author.
    expect(place.examples.map((e: { engagement: number }) => e.engagement)).toEqual([124, 123, 122]);
    expect(place.examples[0]).toMatchObject({ source: 'facebook', publishedAt: '2025-07-23 00:30:00' });
    expect(place.examples[0].url).toMatch(/^https:\/\/example\.vn\/p\/OP-/);
    expect([...place.examples[0].excerpt]).toHaveLength(201);
    expect(place.examples[0].excerpt.endsWith('…')).toBe(true);
    // The phone quoted in a post masked, the factory's number kept.
    expect(place.examples[0].excerpt.startsWith('Khói bụi nhà máy số 24, gọi •••• ••• ••• rất dài')).toBe(true);
    expect(res.body).not.toContain('0912 345');
    expect(res.body).not.toContain('Tác Giả');
  });

  it('compares the first days of every week in the week of the reference day', async () => {
    const body = (await get('/api/opinion/spikes?unit=79&sentiment=negative', 'trunguong')).json();
    expect(body).toMatchObject({ week: '2025-W38', days: 2, negativeOnly: true });
    // Mondays only: one post a week, not the six a week that Thursdays would add.
    const place = body.spikes.find((s: { kind: string }) => s.kind === 'place');
    expect(place).toMatchObject({ place: { code: '25750' }, topic: { code: 'an_ninh_trat_tu' }, current: 24, usual: 1, z: 23, ratio: 24, baselineWeeks: [1, 1, 1, 1, 1, 1, 1, 1] });
  });

  it('finds the province nationally, with the rise of the week in it', async () => {
    const body = (await get('/api/opinion/spikes?week=2025-W30')).json();
    const place = body.spikes.find((s: { kind: string }) => s.kind === 'place');
    expect(place).toMatchObject({ place: { code: '79' }, topic: { code: 'moi_truong' }, current: 31, usual: 2.5, z: 18, ratio: 12.4 });
  });

  it('finds nothing for a commune user in their quiet commune, and refuses others with 403 and bad values with 400', async () => {
    expect((await get('/api/opinion/spikes?week=2025-W30', 'vanmieu')).json()).toMatchObject({ unit: { code: '00226' }, spikes: [] });
    expect((await get('/api/opinion/spikes?unit=79', 'hanoi')).statusCode).toBe(403);
    expect((await get('/api/opinion/spikes?unit=25750', 'hanoi')).statusCode).toBe(403);
    expect((await get('/api/opinion/spikes?unit=25750', 'vanmieu')).statusCode).toBe(403);
    const sentiment = await get('/api/opinion/spikes?sentiment=bad');
    expect(sentiment.statusCode).toBe(400);
    expect(sentiment.json().message).toContain('sentiment');
    const week = await get('/api/opinion/spikes?week=38');
    expect(week.statusCode).toBe(400);
    expect(week.json().message).toContain('week');
  });
});
