/**
 * Drill-through on the real engine and registry: from a figure to its rows, a page at a time, within the user's scope.
 * Petitions are the hand-made ones of test/support/petitions.ts (its header has the table); the rest is made here,
 * reference day 16 Sep 2025, period 1–16 Sep (W36 due 9 Sep 00:00, W37 due 16 Sep 00:00, W38 not due yet):
 *
 *   villages   00226-001 (from the petitions), 00226-002 (listed 10 Sep), 00004-001, 25747-001
 *   officers   00226-001: a woman born 1980 and a man born 1995, active; a woman born 1950, no longer active
 *              00226: its chair, a man born 1965; 01: a woman born 1979; 25747: one; each with a name, phone and e-mail
 *   reports    01 W36 on time (5 Sep); 00226 W36 late (10 Sep), W37 on time (12 Sep, corrected 15 Sep);
 *              00004 W37 late (16 Sep 08:00); every other unit of Hà Nội missing
 *   posts      P1 00226 facebook 3 Sep (dat_dai, negative, quotes a phone number); P2 01 news 10 Sep (y_te, neutral);
 *              P3 79 facebook 4 Sep (dat_dai, negative); P4 00226 forum 5 Sep, not labelled; each with an author handle
 *
 * Contacts: only the users of the unit holding a petition now, in a handling role, get its contact and full text.
 *
 * Held from another province (period 18–31 Aug, states read at 1 Sep 00:00; users "thanhsen" of commune 18073 Phường
 * Thành Sen and "hatinh" of province 42 Hà Tĩnh):
 *   T1  00226, received 25 Aug, transferred 27 Aug to 18073 (commune, due 11 Sep): held by 18073 at the end and now
 *   T2  00226, received 26 Aug, transferred 2 Sep to 18073: held by 00226 at the end, by 18073 now
 *   T3  00226, received 27 Aug, transferred 28 Aug to 18073, then 29 Aug back to 00226: 18073 held it once, no more
 *   E1  00226, received 20 Aug, held by 00226 throughout (test/support/petitions.ts)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAll, officer, unit } from '../support/builders.js';
import { A3_TEXT, insertPetitions, LABEL_VERSION, openPetitionApi, PERIOD, PERSONAL, type PetitionApi, type PetitionSpec } from '../support/petitions.js';

const OFFICER_PERSONAL = ['Trần Thị Cán Bộ', '0977000111', 'canbo@example.vn'];
const AUTHOR = 'Nguyễn Văn Tác Giả';
const W36 = '2025-09-01';
const W37 = '2025-09-08';

function report(code: string, week: string, submittedAt: string) {
  return {
    unit_code: code,
    unit_level: code.length === 2 ? 'province' : 'commune',
    province_code: '01',
    commune_code: code.length === 2 ? '' : code,
    week_start: week,
    indicator: 'petitions_received',
    value: 1,
    submitted_at: submittedAt,
    ingest_run_id: 'test',
  };
}

function post(id: string, place: [string, string], source: string, publishedAt: string, text: string, label?: [string, string]) {
  return {
    post: {
      post_id: id, source, source_name: 'Nhóm cư dân', url: `https://example.vn/p/${id}`, author_handle: AUTHOR, text,
      published_at: publishedAt, province_code: place[0], commune_code: place[1], likes: 3, shares: 2, comments: 1,
      ingest_run_id: 'test', collected_at: '2025-09-16 00:00:00.000',
    },
    labels: label
      ? [{
          item_kind: 'post', item_id: id, model_version: LABEL_VERSION, topic: label[0], topic_confidence: 1, sentiment: label[1],
          sentiment_confidence: 1, occurred_at: publishedAt, province_code: place[0], commune_code: place[1], channel: source,
          labelled_at: '2025-09-16 00:00:00.000',
        }]
      : [],
  };
}

const AUGUST = 'from=2025-08-18&to=2025-08-31';
const T_CONTACT = {
  T1: { name: 'Đinh Văn Chuyển', phone: '0944000011', id_number: '042090001111' },
  T2: { name: 'Mai Thị Sáu', phone: '0944000022' },
  T3: { name: 'Lý Văn Về', phone: '0944000033' },
};
const HELD_ELSEWHERE: PetitionSpec[] = [
  { id: 'T1', place: ['01', '00226'], channel: 'web', received: '2025-08-25 08:00:00', holder: ['commune', '00226', '2025-09-09 08:00:00'],
    topic: ['dat_dai', 'negative'], contact: T_CONTACT.T1, text: 'Đơn T1 chuyển về Hà Tĩnh, gọi 0944000011.',
    events: [['transferred', '2025-08-27 09:00:00', 'commune', '18073', '2025-09-11 09:00:00']] },
  { id: 'T2', place: ['01', '00226'], channel: 'app', received: '2025-08-26 08:00:00', holder: ['commune', '00226', '2025-09-10 08:00:00'],
    topic: ['moi_truong', 'neutral'], contact: T_CONTACT.T2,
    events: [['transferred', '2025-09-02 09:00:00', 'commune', '18073', '2025-09-17 09:00:00']] },
  { id: 'T3', place: ['01', '00226'], channel: 'web', received: '2025-08-27 08:00:00', holder: ['commune', '00226', '2025-09-11 08:00:00'],
    contact: T_CONTACT.T3,
    events: [['transferred', '2025-08-28 09:00:00', 'commune', '18073', '2025-09-12 09:00:00'], ['transferred', '2025-08-29 09:00:00', 'commune', '00226', '2025-09-13 09:00:00']] },
];

let api: PetitionApi;
beforeAll(async () => {
  const personal = { full_name: OFFICER_PERSONAL[0], phone: OFFICER_PERSONAL[1], email: OFFICER_PERSONAL[2] };
  const posts = [
    post('P1', ['01', '00226'], 'facebook', '2025-09-03 20:00:00', 'Đường ngõ 12 ngập, gọi 0912000111 mãi không ai nghe.', ['dat_dai', 'negative']),
    post('P2', ['01', ''], 'news', '2025-09-10 07:00:00', 'Bệnh viện thành phố mở thêm khoa.', ['y_te', 'neutral']),
    post('P3', ['79', '25747'], 'facebook', '2025-09-04 09:00:00', 'Tranh chấp đất ở phường.', ['dat_dai', 'negative']),
    post('P4', ['01', '00226'], 'forum', '2025-09-05 09:00:00', 'Chưa gắn nhãn.'),
  ];
  api = await openPetitionApi(async (store, sealer) => {
    await insertPetitions(store, sealer, HELD_ELSEWHERE);
    await insertAll(store, {
      units: [
        unit('00226-002', 'village', 'Tổ dân phố 2', { province_code: '01', valid_from: '2025-09-10' }),
        unit('00004-001', 'village', 'Tổ dân phố 1', { province_code: '01' }),
        unit('25747-001', 'village', 'Khu phố 1', { province_code: '79' }),
      ],
      officers: [
        officer('00226-001', 'village', '01', { ...personal, gender: 'female', birth_year: 1980, updated_at: '2025-09-10 08:00:00' }),
        officer('00226-001', 'village', '01', { ...personal, gender: 'male', birth_year: 1995, updated_at: '2025-09-11 08:00:00' }),
        officer('00226-001', 'village', '01', { ...personal, gender: 'female', birth_year: 1950, is_active: 0 }),
        officer('00226', 'commune', '01', { ...personal, gender: 'male', birth_year: 1965, position: 'chu_tich' }),
        officer('01', 'province', '01', { ...personal, gender: 'female', birth_year: 1979 }),
        officer('25747', 'commune', '79', { ...personal }),
      ],
      weekly_reports: [
        report('01', W36, '2025-09-05 10:00:00'),
        report('00226', W36, '2025-09-10 10:00:00'),
        report('00226', W37, '2025-09-12 10:00:00'),
        report('00226', W37, '2025-09-15 10:00:00'),
        report('00004', W37, '2025-09-16 08:00:00'),
      ],
      opinion_posts: posts.map((p) => p.post),
      nlp_labels: posts.flatMap((p) => p.labels),
    });
  }, [{ login: 'thanhsen', role: 'commune', unit: '18073' }, { login: 'hatinh', role: 'province', unit: '42' }]);
}, 120_000);
afterAll(() => api.close());

const get = (url: string, login: string) => api.get(url, login);
const body = (url: string, login: string) => api.body(url, login);
type Row = Record<string, unknown> & { id: string };
const ids = (answer: { rows: Row[] }) => answer.rows.map((r) => r.id);
const rowOf = (answer: { rows: Row[] }, id: string) => answer.rows.find((r) => r.id === id) as Row;

describe('GET /api/drill/petitions: contacts and texts', () => {
  it('gives the commune handling a petition its contact and full text, newest first', async () => {
    const page = await body(`/api/drill/petitions?${PERIOD}`, 'vanmieu');
    expect(page.unit).toEqual({ code: '00226', name: 'Phường Văn Miếu - Quốc Tử Giám', level: 'commune' });
    expect(ids(page)).toEqual(['F1', 'A2', 'A4', 'A3', 'A1']);
    expect(rowOf(page, 'A3')).toEqual({
      id: 'A3',
      receivedAt: '2025-09-01 09:00:00',
      channel: 'zalo',
      place: { provinceCode: '01', communeCode: '00226', villageCode: '00226-001', name: 'Tổ dân phố 1' },
      level: 'commune',
      holder: { code: '00226', name: 'Phường Văn Miếu - Quốc Tử Giám', level: 'commune' },
      status: 'overdue',
      lastEvent: 'accepted',
      dueAt: '2025-09-16 09:00:00',
      answeredAt: null,
      topic: 'dat_dai',
      sentiment: 'negative',
      title: 'Lấn chiếm lối đi chung',
      excerpt: 'Ông Trần Văn Tư ở số •• ngõ •• lấn chiếm lối đi chung, gọi •••••••••• không ai nghe.',
      text: A3_TEXT,
      consentContact: true,
      contact: { name: 'Nguyễn Văn Ba', phone: '0912345678', idNumber: '001085012345', address: 'Số 5 ngõ Văn Chương', email: null },
    });
    expect(rowOf(page, 'A1').contact).toEqual({ name: 'Lê Thị Một', phone: '0901000001', idNumber: null, address: null, email: null });
    expect(rowOf(page, 'A1')).toMatchObject({ status: 'answered', answeredAt: '2025-09-04 08:00:00.000', lastEvent: 'answered' });
  });

  it('keeps the contact and text of a petition the commune held at the period’s end but no longer holds', async () => {
    // F1 was transferred to the province on 17 Sep: the figures count it at 00226, but 00226 may no longer read it.
    const f1 = rowOf(await body(`/api/drill/petitions?${PERIOD}`, 'vanmieu'), 'F1');
    expect(f1).toMatchObject({ holder: { code: '00226' }, status: 'in_progress', lastEvent: 'received', text: null, contact: null });
    expect(f1.excerpt).toBe('Nội dung đơn F•, gửi ngày ••••-••-••.');
  });

  it('gives a province user the contacts of the petitions their province holds, and only those', async () => {
    const page = await body(`/api/drill/petitions?unit=01&${PERIOD}`, 'hanoi');
    expect(ids(page)).toEqual(['C1', 'G1', 'F1', 'B1', 'A2', 'A4', 'A3', 'A1']);
    const withContact = page.rows.filter((r: Row) => r.contact !== null).map((r: Row) => r.id);
    expect(withContact).toEqual(['C1', 'F1']);
    expect(page.rows.filter((r: Row) => r.text !== null).map((r: Row) => r.id)).toEqual(['C1', 'F1', 'B1']);
    expect(rowOf(page, 'F1').contact).toEqual({ name: 'Hoàng Văn Chín', phone: '0933000009', idNumber: null, address: null, email: null });
    const text = JSON.stringify(page);
    for (const value of [...PERSONAL.A1, ...PERSONAL.A3, ...PERSONAL.G1]) expect({ value, leaks: text.includes(value) }).toEqual({ value, leaks: false });
  });

  it('gives the central level the contacts of the petitions it holds', async () => {
    const page = await body(`/api/drill/petitions?unit=VN&${PERIOD}`, 'trunguong');
    expect(page.rows.filter((r: Row) => r.contact !== null).map((r: Row) => r.id)).toEqual(['G1']);
    expect(rowOf(page, 'G1').contact).toMatchObject({ name: 'Vũ Thị Mười' });
  });

  it('never gives an analyst or an administrator a contact or a full text, even of the petitions the central level holds', async () => {
    for (const login of ['phantich', 'quantri']) {
      const page = await body(`/api/drill/petitions?unit=VN&${PERIOD}`, login);
      expect(page.rows).toHaveLength(10);
      expect(page.rows.every((r: Row) => r.contact === null && r.text === null)).toBe(true);
      const text = JSON.stringify(page);
      for (const value of Object.values(PERSONAL).flat()) expect({ login, value, leaks: text.includes(value) }).toEqual({ login, value, leaks: false });
    }
  });

  it('never gives another province a contact: 403 outside it, and none for what its communes hold', async () => {
    for (const unit of ['01', '00226', 'VN']) expect((await get(`/api/drill/petitions?unit=${unit}&${PERIOD}`, 'hochiminh')).statusCode).toBe(403);
    const own = await body(`/api/drill/petitions?unit=79&${PERIOD}`, 'hochiminh');
    expect(ids(own)).toEqual(['D2', 'D1']);
    expect(own.rows.every((r: Row) => r.contact === null && r.text === null)).toBe(true);
    expect(JSON.stringify(own)).not.toContain('Phạm Thị Tám');
  });
});

describe('GET /api/drill/petitions: petitions held from another province', () => {
  const page = (login: string, query = '') => body(`/api/drill/petitions?${AUGUST}${query}`, login);
  const personal = Object.values(T_CONTACT).flatMap((c) => Object.values(c));
  const leaks = (answer: unknown) => personal.filter((value) => JSON.stringify(answer).includes(value));

  it('lists for the commune holding them, with contact and text, what it holds at the end or now, wherever the matter lies', async () => {
    const own = await page('thanhsen');
    expect(own.unit).toEqual({ code: '18073', name: 'Phường Thành Sen', level: 'commune' });
    expect(ids(own)).toEqual(['T2', 'T1']);
    expect(rowOf(own, 'T1')).toEqual({
      id: 'T1',
      receivedAt: '2025-08-25 08:00:00',
      channel: 'web',
      place: { provinceCode: '01', communeCode: '00226', villageCode: '', name: 'Phường Văn Miếu - Quốc Tử Giám' },
      level: 'commune',
      holder: { code: '18073', name: 'Phường Thành Sen', level: 'commune' },
      status: 'in_progress',
      lastEvent: 'transferred',
      dueAt: '2025-09-11 09:00:00',
      answeredAt: null,
      topic: 'dat_dai',
      sentiment: 'negative',
      title: 'Đơn T1',
      excerpt: 'Đơn T• chuyển về Hà Tĩnh, gọi ••••••••••.',
      text: 'Đơn T1 chuyển về Hà Tĩnh, gọi 0944000011.',
      consentContact: true,
      contact: { name: 'Đinh Văn Chuyển', phone: '0944000011', idNumber: '042090001111', address: null, email: null },
    });
    // Transferred after the period's end: held by 00226 at the end, but 18073 holds it now, so it reads it.
    expect(rowOf(own, 'T2')).toMatchObject({ holder: { code: '00226' }, lastEvent: 'received', contact: { name: 'Mai Thị Sáu', phone: '0944000022' } });
    expect(ids(await page('thanhsen', '&unit=18073&holder=18073'))).toEqual(['T1']);
    expect(ids(await page('thanhsen', '&status=in_progress&topic=dat_dai'))).toEqual(['T1']);
    expect(ids(await body('/api/drill/petitions?from=2025-09-01&to=2025-09-16', 'thanhsen'))).toEqual([]);
  });

  it('lists them under the holder’s province without their contacts, and under no other province', async () => {
    for (const unit of ['42', '18073']) {
      const province = await page('hatinh', `&unit=${unit}`);
      expect(ids(province)).toEqual(['T2', 'T1']);
      expect(province.rows.every((r: Row) => r.contact === null && r.text === null)).toBe(true);
      expect(rowOf(province, 'T1')).toMatchObject({ title: 'Đơn T•', excerpt: 'Đơn T• chuyển về Hà Tĩnh, gọi ••••••••••.' });
      expect(leaks(province)).toEqual([]);
    }
    expect(ids(await page('hochiminh', '&unit=79'))).toEqual([]);
  });

  it('still lists them where the matter lies, once, but without the contacts the unit no longer holds', async () => {
    const commune = await page('vanmieu');
    expect(ids(commune)).toEqual(['T3', 'T2', 'T1', 'E1']);
    expect(commune.rows.filter((r: Row) => r.contact !== null).map((r: Row) => r.id)).toEqual(['T3']);
    expect(leaks(commune)).toEqual([T_CONTACT.T3.name, T_CONTACT.T3.phone]);
    expect(ids(await page('hanoi', '&unit=01'))).toEqual(['T3', 'T2', 'T1', 'E1']);
    expect(ids(await page('hanoi', '&unit=01&holder=18073'))).toEqual(['T1']);
    const country = await page('trunguong', '&unit=VN');
    expect(ids(country)).toEqual(['T3', 'T2', 'T1', 'E1']);
    expect(leaks(country)).toEqual([]);
  });

  it('keeps the figures where the matter lies, and free of personal data', async () => {
    const counts = await body(`/api/petitions/counts?unit=01&${AUGUST}`, 'hanoi');
    expect(counts.total).toMatchObject({ received: 4, inProgress: 4 });
    const held = await body(`/api/petitions/counts?unit=42&${AUGUST}`, 'hatinh');
    expect(held.total).toMatchObject({ received: 0 });
    for (const answer of [counts, held]) expect(leaks(answer)).toEqual([]);
  });
});

describe('GET /api/drill/petitions: the filters of the figures', () => {
  const drill = async (query: string, login = 'trunguong') => ids(await body(`/api/drill/petitions?${PERIOD}&${query}`, login));

  it('narrows to the state at the period’s end, as the counts do', async () => {
    expect(await drill('unit=VN&status=overdue')).toEqual(['D2', 'D1', 'A3']);
    expect(await drill('unit=VN&status=answered')).toEqual(['B1', 'A4', 'A1']);
    // A2 and D2 came at the same second: the id breaks the tie, in the same descending order.
    expect(await drill('unit=VN&status=in_progress')).toEqual(['C1', 'G1', 'F1', 'D2', 'A2', 'D1', 'A3']);
    expect(await drill('unit=VN&status=received')).toHaveLength(10);
  });

  it('narrows to a level, channel, topic (unlabelled included), sentiment and ISO week', async () => {
    expect(await drill('unit=VN&level=province')).toEqual(['C1', 'B1']);
    expect(await drill('unit=VN&channel=in_person')).toEqual(['D2', 'D1']);
    expect(await drill('unit=VN&topic=dat_dai&status=overdue')).toEqual(['D1', 'A3']);
    expect(await drill('unit=VN&topic=unlabelled')).toEqual(['C1']);
    expect(await drill('unit=VN&sentiment=positive')).toEqual(['B1']);
    expect(await drill('unit=VN&week=2025-W37')).toEqual(['G1', 'F1', 'B1']);
  });

  it('narrows to the unit holding the petitions at the end, and to deadlines met or missed', async () => {
    expect(await drill('unit=01&holder=01', 'hanoi')).toEqual(['C1', 'B1']);
    expect(await drill('unit=VN&deadline=missed')).toEqual(['A4']);
    expect(await drill('unit=VN&deadline=met')).toEqual(['B1', 'A1']);
  });

  it('lists exactly as many petitions as each figure of the counts says, for every status and breakdown', async () => {
    for (const period of [PERIOD, 'from=2025-09-01&to=2025-09-09']) {
      const counts = await body(`/api/petitions/counts?unit=VN&${period}`, 'trunguong');
      const figures: [string, Record<string, number>][] = [
        ['', counts.total],
        ...counts.byLevel.map((x: { level: string }) => [`level=${x.level}`, x]),
        ...counts.byChannel.map((x: { channel: string }) => [`channel=${x.channel}`, x]),
        ...counts.byTopic.map((x: { topic: string }) => [`topic=${x.topic}`, x]),
        ...counts.byWeek.map((x: { week: string }) => [`week=${x.week}`, x]),
      ];
      for (const [filter, tally] of figures) {
        for (const [status, figure] of [['received', 'received'], ['in_progress', 'inProgress'], ['answered', 'answered'], ['overdue', 'overdue']]) {
          const rows = (await body(`/api/drill/petitions?unit=VN&${period}&${filter}&status=${status}&limit=200`, 'trunguong')).rows.length;
          expect({ period, filter, status, rows }).toEqual({ period, filter, status, rows: tally[figure as string] });
        }
      }
    }
  });

  it('reads the states at the end of a past period, as its figures do', async () => {
    const page = await body('/api/drill/petitions?unit=01&from=2025-09-01&to=2025-09-09&status=in_progress', 'hanoi');
    expect(ids(page)).toEqual(['B1', 'A2', 'A4', 'A3']);
    expect(rowOf(page, 'B1')).toMatchObject({ level: 'commune', holder: { code: '00004' }, dueAt: '2025-09-23 14:00:00', lastEvent: 'received' });
    expect(page.stateAt).toBe('2025-09-10 00:00:00');
  });

  it('shows a commune user only their commune, and a village only its petitions', async () => {
    expect(await drill('', 'vanmieu')).toEqual(['F1', 'A2', 'A4', 'A3', 'A1']);
    expect(await drill('unit=00226-001', 'vanmieu')).toEqual(['A3']);
    for (const unit of ['00004', '01']) expect((await get(`/api/drill/petitions?unit=${unit}`, 'vanmieu')).statusCode).toBe(403);
  });

  it('pages with a cursor until the last page, which has none', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const page: { rows: Row[]; nextCursor: string | null } = await body(`/api/drill/petitions?unit=01&${PERIOD}&limit=3${cursor ? `&cursor=${cursor}` : ''}`, 'hanoi');
      seen.push(...ids(page));
      cursor = page.nextCursor;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(['C1', 'G1', 'F1', 'B1', 'A2', 'A4', 'A3', 'A1']);
  });

  it('answers 400 with the reason for a bad filter, a page too large, a foreign cursor and a week outside the period', async () => {
    const cases: [string, string][] = [
      ['status=late', 'status'],
      ['topic=dat', 'topic'],
      ['week=2025-37', 'week'],
      ['holder=Ha', 'holder'],
      ['limit=201', 'limit'],
      ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
      [`cursor=${Buffer.from(JSON.stringify(['2025-02-30 00:00:00', 'A1'])).toString('base64url')}`, 'cursor'],
      ['week=2025-W30', 'outside the period'],
    ];
    for (const [query, reason] of cases) {
      const res = await get(`/api/drill/petitions?unit=VN&${PERIOD}&${query}`, 'trunguong');
      expect({ query, status: res.statusCode }).toEqual({ query, status: 400 });
      expect(res.json().message).toContain(reason);
    }
  });
});

describe('GET /api/drill/villages', () => {
  it('lists a commune’s villages with their active officers', async () => {
    const page = await body('/api/drill/villages', 'vanmieu');
    expect(page).toMatchObject({ unit: { code: '00226' }, asOf: '2025-09-16', nextCursor: null });
    expect(page.rows).toEqual([
      { code: '00226-001', name: 'Tổ dân phố 1', type: 'thôn', commune: { code: '00226', name: 'Phường Văn Miếu - Quốc Tử Giám', level: 'commune' },
        provinceCode: '01', listedFrom: '2025-07-01', officers: 2, rosterUpdatedAt: '2025-09-11 08:00:00' },
      { code: '00226-002', name: 'Tổ dân phố 2', type: 'thôn', commune: { code: '00226', name: 'Phường Văn Miếu - Quốc Tử Giám', level: 'commune' },
        provinceCode: '01', listedFrom: '2025-09-10', officers: 0, rosterUpdatedAt: null },
    ]);
  });

  it('pages through a province’s villages by code', async () => {
    const first = await body('/api/drill/villages?unit=01&limit=2', 'hanoi');
    expect(first.rows.map((r: { code: string }) => r.code)).toEqual(['00004-001', '00226-001']);
    const second = await body(`/api/drill/villages?unit=01&limit=2&cursor=${first.nextCursor}`, 'hanoi');
    expect(second).toMatchObject({ rows: [{ code: '00226-002' }], nextCursor: null });
  });

  it('lists no village listed after the day asked, and refuses another province or a malformed day', async () => {
    expect((await body('/api/drill/villages?asOf=2025-09-09', 'vanmieu')).rows.map((r: { code: string }) => r.code)).toEqual(['00226-001']);
    expect((await get('/api/drill/villages?unit=79', 'hanoi')).statusCode).toBe(403);
    expect((await get('/api/drill/villages?unit=00004', 'vanmieu')).statusCode).toBe(403);
    const bad = await get('/api/drill/villages?asOf=2025-09-31', 'hanoi');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('2025-09-31');
  });
});

describe('GET /api/drill/report-submissions', () => {
  const rows = async (query: string, login = 'hanoi') =>
    (await body(`/api/drill/report-submissions?${PERIOD}&${query}`, login)).rows.map((r: { unit: { code: string }; week: string; status: string }) => [r.unit.code, r.week, r.status]);

  it('lists the reports late or on time, the latest week first, by the first submission', async () => {
    expect(await rows('unit=01&status=late')).toEqual([['00004', '2025-W37', 'late'], ['00226', '2025-W36', 'late']]);
    expect(await rows('unit=01&status=on_time')).toEqual([['00226', '2025-W37', 'on_time'], ['01', '2025-W36', 'on_time']]);
    const corrected = (await body(`/api/drill/report-submissions?unit=00226&${PERIOD}&status=on_time`, 'vanmieu')).rows[0];
    expect(corrected).toEqual({
      unit: { code: '00226', name: 'Phường Văn Miếu - Quốc Tử Giám', level: 'commune' }, provinceCode: '01', week: '2025-W37', weekStart: W37,
      dueAt: '2025-09-16 00:00:00', firstSubmittedAt: '2025-09-12 10:00:00', lastSubmittedAt: '2025-09-15 10:00:00', status: 'on_time',
    });
  });

  it('lists the units that did not report, by level and week, the week not due yet included as the figures count it', async () => {
    expect(await rows('unit=01&level=province&status=missing')).toEqual([['01', '2025-W38', 'missing'], ['01', '2025-W37', 'missing']]);
    expect(await rows('unit=00004&status=missing')).toEqual([['00004', '2025-W38', 'missing'], ['00004', '2025-W36', 'missing']]);
    // 127 units of Hà Nội (the province and its 126 communes) over three weeks, less the four reports.
    let missing = 0;
    let cursor: string | null = null;
    do {
      const page: { rows: unknown[]; nextCursor: string | null } = await body(`/api/drill/report-submissions?unit=01&${PERIOD}&status=missing&limit=200${cursor ? `&cursor=${cursor}` : ''}`, 'hanoi');
      missing += page.rows.length;
      cursor = page.nextCursor;
    } while (cursor);
    expect(missing).toBe(127 * 3 - 4);
  });

  it('narrows to one ISO week of the period, and lists nothing under a village', async () => {
    expect(await rows('unit=00226&week=2025-W36', 'vanmieu')).toEqual([['00226', '2025-W36', 'late']]);
    expect(await rows('unit=00226-001', 'vanmieu')).toEqual([]);
    const outside = await get(`/api/drill/report-submissions?unit=00226&${PERIOD}&week=2025-W30`, 'vanmieu');
    expect(outside.statusCode).toBe(400);
    expect(outside.json().message).toContain('outside the period');
  });

  it('refuses another province or commune with 403 and a bad status with 400', async () => {
    expect((await get('/api/drill/report-submissions?unit=79', 'hanoi')).statusCode).toBe(403);
    expect((await get('/api/drill/report-submissions?unit=00004', 'vanmieu')).statusCode).toBe(403);
    const bad = await get('/api/drill/report-submissions?status=absent', 'hanoi');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('status');
  });
});

describe('GET /api/drill/posts', () => {
  it('lists a unit’s labelled posts newest first, with link and masked excerpt, never the author', async () => {
    const page = await body(`/api/drill/posts?unit=01&${PERIOD}`, 'hanoi');
    expect(ids(page)).toEqual(['P2', 'P1']);
    expect(rowOf(page, 'P1')).toEqual({
      id: 'P1', source: 'facebook', sourceName: 'Nhóm cư dân', url: 'https://example.vn/p/P1', publishedAt: '2025-09-03 20:00:00',
      place: { provinceCode: '01', communeCode: '00226', name: 'Phường Văn Miếu - Quốc Tử Giám' }, topic: 'dat_dai', sentiment: 'negative',
      // The phone masked, the alley's number kept: posts are public, the contacts quoted in them are not.
      excerpt: 'Đường ngõ 12 ngập, gọi •••••••••• mãi không ai nghe.', engagement: { likes: 3, shares: 2, comments: 1 },
    });
    expect(rowOf(page, 'P2').place).toEqual({ provinceCode: '01', communeCode: '', name: 'Thành phố Hà Nội' });
    expect(JSON.stringify(page)).not.toContain(AUTHOR);
  });

  it('narrows to the source, topic, sentiment and week of a figure', async () => {
    expect(ids(await body(`/api/drill/posts?unit=VN&${PERIOD}&topic=dat_dai`, 'trunguong'))).toEqual(['P3', 'P1']);
    expect(ids(await body(`/api/drill/posts?unit=VN&${PERIOD}&source=news`, 'trunguong'))).toEqual(['P2']);
    expect(ids(await body(`/api/drill/posts?unit=VN&${PERIOD}&sentiment=neutral`, 'trunguong'))).toEqual(['P2']);
    expect(ids(await body(`/api/drill/posts?unit=VN&${PERIOD}&week=2025-W36`, 'trunguong'))).toEqual(['P3', 'P1']);
  });

  it('holds a commune user to their commune, and lists nothing under a village (posts have none)', async () => {
    expect(ids(await body(`/api/drill/posts?${PERIOD}`, 'vanmieu'))).toEqual(['P1']);
    expect(ids(await body(`/api/drill/posts?unit=00226-001&${PERIOD}`, 'vanmieu'))).toEqual([]);
    expect((await get('/api/drill/posts?unit=00004', 'vanmieu')).statusCode).toBe(403);
    expect((await get('/api/drill/posts?unit=79', 'hanoi')).statusCode).toBe(403);
    const bad = await get('/api/drill/posts?source=myspace', 'hanoi');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('source');
  });
});

describe('GET /api/drill/officers', () => {
  it('lists active officers without names, phones or e-mails: unit, organisation, position, gender, birth decade', async () => {
    const page = await body('/api/drill/officers', 'vanmieu');
    expect(page.rows).toEqual([
      { unit: { code: '00226', name: 'Phường Văn Miếu - Quốc Tử Giám', level: 'commune' }, provinceCode: '01', communeCode: '00226', organisation: 'mttq',
        position: 'chu_tich', gender: 'male', birthYears: '1960-1969', ageBand: '60_plus', active: true, updatedAt: '2025-08-01 08:00:00' },
      { unit: { code: '00226-001', name: 'Tổ dân phố 1', level: 'village' }, provinceCode: '01', communeCode: '00226', organisation: 'mttq',
        position: 'uy_vien', gender: 'female', birthYears: '1980-1989', ageBand: '40_49', active: true, updatedAt: '2025-09-10 08:00:00' },
      { unit: { code: '00226-001', name: 'Tổ dân phố 1', level: 'village' }, provinceCode: '01', communeCode: '00226', organisation: 'mttq',
        position: 'uy_vien', gender: 'male', birthYears: '1990-1999', ageBand: '30_39', active: true, updatedAt: '2025-09-11 08:00:00' },
    ]);
    const text = JSON.stringify(page);
    for (const value of OFFICER_PERSONAL) expect({ value, leaks: text.includes(value) }).toEqual({ value, leaks: false });
  });

  it('narrows to the groups of the roster figures, and to officers no longer on the roster', async () => {
    const genders = async (query: string, login = 'hanoi') =>
      (await body(`/api/drill/officers?${query}`, login)).rows.map((r: { unit: { code: string }; gender: string }) => `${r.unit.code} ${r.gender}`);
    expect(await genders('unit=01&gender=female')).toEqual(['01 female', '00226-001 female']);
    expect(await genders('unit=01&ageBand=40_49')).toEqual(['01 female', '00226-001 female']);
    expect(await genders('unit=01&level=village')).toEqual(['00226-001 female', '00226-001 male']);
    expect(await genders('unit=01&position=chu_tich')).toEqual(['00226 male']);
    expect(await genders('unit=00226-001&active=no', 'vanmieu')).toEqual(['00226-001 female']);
    expect(await genders('unit=00226-001&active=any', 'vanmieu')).toHaveLength(3);
    // As the roster figures count them: recorded (1 Aug) by the period's last day.
    expect(await genders('unit=01&from=2025-07-01&to=2025-07-31')).toEqual([]);
  });

  it('pages in the roster’s order, and refuses another unit with 403 and a bad band with 400', async () => {
    const first = await body('/api/drill/officers?unit=01&limit=2', 'hanoi');
    const second = await body(`/api/drill/officers?unit=01&limit=2&cursor=${first.nextCursor}`, 'hanoi');
    expect([...first.rows, ...second.rows].map((r: { unit: { code: string } }) => r.unit.code)).toEqual(['01', '00226', '00226-001', '00226-001']);
    expect(second.nextCursor).toBeNull();
    expect((await get('/api/drill/officers?unit=79', 'hanoi')).statusCode).toBe(403);
    expect((await get('/api/drill/officers?unit=01', 'vanmieu')).statusCode).toBe(403);
    const bad = await get('/api/drill/officers?ageBand=20_29', 'hanoi');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('ageBand');
  });
});
