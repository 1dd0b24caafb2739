/**
 * GET /api/search through the real app on the real engine: posts and petitions found by their words with or without
 * diacritics, phrases whole, terms only at a word's start, within the user's scope and the period, newest first, with
 * highlights; a petition's excerpt masked for users of units that do not hold it.
 *
 * Beside the petitions of test/support/petitions.ts:
 *   S1  00226, held by 00226, 12 Sep: a phone written twice (0912 345 678, 0912345678) and a CCCD number in its title
 *       and text, and a sealed contact with the same numbers
 *   S2  79 / 25747, held by 25747, 13 Sep: another phone
 *   S3  79 / 25747, 14 Sep, transferred 15 Sep to 00226, which holds it now: a third phone
 * A user who would be shown a petition's digits masked must not find it by them (issue: the search confirmed a masked
 * phone number digit by digit, and its highlight fell on the masked range).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAll } from '../support/builders.js';
import { insertPetitions, openPetitionApi, PERIOD, type PetitionApi } from '../support/petitions.js';

let api: PetitionApi;

const P5_TEXT = 'Bão số 3 năm 2025 làm đổ cây ở ngõ 12, gọi đường dây nóng 0912 888 999 không ai nghe.';
const POSTS = [
  { post_id: 'P1', province_code: '01', commune_code: '00226', published_at: '2025-09-10 08:00:00', text: 'Lũ lụt làm ngập sâu nhiều tuyến phố, người dân phải sơ tán trong đêm.' },
  { post_id: 'P2', province_code: '79', commune_code: '25747', published_at: '2025-09-12 09:00:00', text: 'Mưa lớn gây LŨ LỤT ở Thủ Dầu Một, nước ngập sâu tới đầu gối.' },
  { post_id: 'P3', province_code: '01', commune_code: '00004', published_at: '2025-09-11 10:00:00', text: 'Giá lúa tăng, nông dân phấn khởi vì được mùa sau lũ.' },
  { post_id: 'P4', province_code: '01', commune_code: '00226', published_at: '2025-07-01 10:00:00', text: 'Lũ lụt năm ngoái, nay đã khắc phục xong.' },
  { post_id: 'P5', province_code: '01', commune_code: '00226', published_at: '2025-09-13 10:00:00', text: P5_TEXT },
];

const S1_TITLE = 'Lộ số 0912345678 ra ngoài';
const S1_TEXT = 'Tôi bị làm phiền, xin giữ kín số 0912 345 678 (còn ghi 0912345678) và CCCD 001085012345 của tôi.';
const S2_TEXT = 'Đường dây nóng 0987 111 222 của phường không ai nghe máy.';
const S3_TEXT = 'Khu chợ tạm lấn đường, liên hệ 0977 555 666.';

beforeAll(async () => {
  api = await openPetitionApi(async (store, sealer) => {
    await insertAll(store, {
      opinion_posts: POSTS.map((p) => ({ ...p, source: 'facebook', source_name: 'Nhóm cư dân', url: `https://example.vn/${p.post_id}`, author_handle: 'Người Viết', ingest_run_id: 'test', collected_at: '2025-09-20 00:00:00.000' })),
    });
    await insertPetitions(store, sealer, [
      { id: 'S1', place: ['01', '00226'], channel: 'web', received: '2025-09-12 08:00:00', holder: ['commune', '00226', '2025-09-27 08:00:00'],
        title: S1_TITLE, text: S1_TEXT, contact: { name: 'Người Gửi Kín', phone: '0912345678', id_number: '001085012345' } },
      { id: 'S2', place: ['79', '25747'], channel: 'hotline', received: '2025-09-13 08:00:00', holder: ['commune', '25747', '2025-09-28 08:00:00'],
        text: S2_TEXT },
      { id: 'S3', place: ['79', '25747'], channel: 'web', received: '2025-09-14 08:00:00', holder: ['commune', '25747', '2025-09-29 08:00:00'],
        text: S3_TEXT, events: [['transferred', '2025-09-15 08:00:00', 'commune', '00226', '2025-09-30 08:00:00']] },
    ]);
  });
}, 120_000);

afterAll(async () => {
  await api?.close();
});

const ids = (body: { hits: { id: string }[] }) => body.hits.map((h) => h.id);

describe('GET /api/search', () => {
  it('finds the same posts with diacritics, without them, and in capitals, newest first', async () => {
    for (const q of ['lũ lụt', 'lu lut', 'LŨ LỤT', 'Lu   Lut!']) {
      const body = await api.body(`/api/search?q=${encodeURIComponent(q)}&in=posts&${PERIOD}`, 'trunguong');
      expect(ids(body), q).toEqual(['P2', 'P1']);
      expect(body.terms).toEqual(['lu', 'lut']);
      expect(body.totals).toEqual({ posts: 2, petitions: 0 });
    }
  });

  it('finds a phrase whole, and a term only where a word starts', async () => {
    expect(ids(await api.body(`/api/search?q=${encodeURIComponent('"ngập sâu"')}&in=posts&${PERIOD}`, 'trunguong'))).toEqual(['P2', 'P1']);
    expect(ids(await api.body(`/api/search?q=${encodeURIComponent('"sâu ngập"')}&in=posts&${PERIOD}`, 'trunguong'))).toEqual([]);
    expect(ids(await api.body(`/api/search?q=ut&in=posts&${PERIOD}`, 'trunguong'))).toEqual([]);
    expect(ids(await api.body(`/api/search?q=phan&in=posts&${PERIOD}`, 'trunguong'))).toEqual(['P3']);
  });

  it('marks where the terms stand in the excerpt, as written', async () => {
    const [hit] = (await api.body(`/api/search?q=lu+lut&in=posts&${PERIOD}`, 'trunguong')).hits;
    expect(hit).toMatchObject({ kind: 'posts', id: 'P2', source: 'facebook', url: 'https://example.vn/P2' });
    expect(hit.highlights.map(([a, b]: [number, number]) => hit.excerpt.slice(a, b))).toEqual(['LŨ', 'LỤT']);
    expect(JSON.stringify(hit)).not.toContain('Người Viết');
  });

  it('keeps to the user’s scope and the period', async () => {
    expect(ids(await api.body(`/api/search?q=lu+lut&in=posts&${PERIOD}`, 'hanoi'))).toEqual(['P1']);
    expect(ids(await api.body('/api/search?q=lu+lut&in=posts&from=2025-06-01&to=2025-09-16', 'hanoi'))).toEqual(['P1', 'P4']);
    expect((await api.get(`/api/search?q=lu&unit=79&${PERIOD}`, 'hanoi')).statusCode).toBe(403);
  });

  it('keeps a village’s search to the petitions of the village', async () => {
    const village = async (q: string) => ids(await api.body(`/api/search?q=${encodeURIComponent(q)}&unit=00226-001&${PERIOD}`, 'vanmieu'));
    expect(await village('lấn chiếm')).toEqual(['A3']);
    expect(await village('nội dung')).toEqual([]);
  });

  it('masks the digits of a petition for users of units that do not hold it, not for its holder', async () => {
    const central = await api.body(`/api/search?q=${encodeURIComponent('lấn chiếm')}&${PERIOD}`, 'trunguong');
    expect(central.totals).toEqual({ posts: 0, petitions: 1 });
    expect(central.hits[0]).toMatchObject({ kind: 'petitions', id: 'A3', title: 'Lấn chiếm lối đi chung' });
    expect(central.hits[0].excerpt).not.toContain('0987654321');
    expect(central.hits[0].excerpt).toContain('••••••••••');
    const holder = await api.body(`/api/search?q=${encodeURIComponent('lấn chiếm')}&${PERIOD}`, 'vanmieu');
    expect(holder.hits[0].excerpt).toContain('0987654321');
  });

  const search = (q: string, login: string, unit = '') =>
    api.body(`/api/search?q=${encodeURIComponent(q)}&in=petitions&${PERIOD}${unit ? `&unit=${unit}` : ''}`, login);
  /** The digits of S1 as someone probing for them would type them, digit by digit, and a near miss. */
  const PROBES = ['0912', '091234', '0912345678', '"0912 345 678"', '0912 345', '345', '678', '001085012345', '0010850', '0912345679'];

  it('finds a petition by the numbers in its text for the unit holding it, and marks them', async () => {
    for (const q of ['0912', '091234', '0912345678', '"0912 345 678"', '001085012345', 'kín 0912']) {
      const found = await search(q, 'vanmieu');
      expect({ q, ids: ids(found), total: found.totals.petitions }).toEqual({ q, ids: ['S1'], total: 1 });
    }
    const [hit] = (await search('0912345678', 'vanmieu')).hits;
    expect(hit.title).toBe(S1_TITLE);
    expect(hit.highlights.map(([a, b]: [number, number]) => hit.excerpt.slice(a, b))).toEqual(['0912345678', '0912345678']);
    expect(ids(await search('0912345679', 'vanmieu'))).toEqual([]);
  });

  it('never finds a petition by digits masked for the user: another province’s unit, the province, the centre, an analyst, an admin', async () => {
    const askers: [string, string][] = [['hanoi', ''], ['trunguong', ''], ['phantich', ''], ['quantri', ''], ['hanoi', '00226'], ['trunguong', '01']];
    for (const [login, unit] of askers) {
      for (const q of PROBES) {
        const found = await search(q, login, unit);
        expect({ login, unit, q, ids: ids(found), totals: found.totals }).toEqual({ login, unit, q, ids: [], totals: { posts: 0, petitions: 0 } });
      }
    }
    for (const q of ['0987', '0987 111 222', '"0987 111 222"']) {
      const found = await search(q, 'hochiminh');
      expect({ q, ids: ids(found), total: found.totals.petitions }).toEqual({ q, ids: [], total: 0 });
    }
  });

  it('finds such a petition by its words, with its numbers masked in the title and excerpt and nothing marked on them', async () => {
    for (const login of ['hanoi', 'trunguong', 'phantich']) {
      const found = await search('giữ kín', login);
      expect(ids(found)).toEqual(['S1']);
      const [hit] = found.hits;
      expect(hit.title).toBe('Lộ số •••••••••• ra ngoài');
      expect(hit.excerpt).toBe('Lộ số •••••••••• ra ngoài. Tôi bị làm phiền, xin giữ kín số •••• ••• ••• (còn ghi ••••••••••) và CCCD •••••••••••• của tôi.');
      expect(hit.highlights.map(([a, b]: [number, number]) => hit.excerpt.slice(a, b))).toEqual(['giữ', 'kín']);
      const text = JSON.stringify(found);
      for (const value of ['0912', '345', '678', '001085012345', 'Người Gửi Kín']) expect({ login, value, leaks: text.includes(value) }).toEqual({ login, value, leaks: false });
    }
    const [other] = (await search('đường dây nóng', 'hochiminh')).hits;
    expect(other).toMatchObject({ id: 'S2', excerpt: 'Đơn S•. Đường dây nóng •••• ••• ••• của phường không ai nghe máy.', title: 'Đơn S•' });
  });

  it('lets each user find by digits only the petitions their own unit holds now, the centre included', async () => {
    // Every text made by the support file ends with its day ("gửi ngày 2025-09-…"); A3 and S1 have none.
    const found = async (login: string) => {
      const answer = await search('2025', login);
      return { ids: ids(answer), total: answer.totals.petitions };
    };
    expect(await found('vanmieu')).toEqual({ ids: ['A2', 'A4', 'A1'], total: 3 });
    // F1 is held by the province since its transfer (17 Sep), B1 since its escalation; C1 from the start.
    expect(await found('hanoi')).toEqual({ ids: ['C1', 'F1', 'B1'], total: 3 });
    expect(await found('trunguong')).toEqual({ ids: ['G1'], total: 1 });
    expect(await found('phantich')).toEqual({ ids: [], total: 0 });
    expect(await found('hochiminh')).toEqual({ ids: [], total: 0 });
  });

  it('finds a petition held from another province for its holder, by its numbers too, and masked for everyone else', async () => {
    for (const q of ['0977', '"0977 555 666"', 'chợ tạm']) {
      const found = await search(q, 'vanmieu');
      expect({ q, ids: ids(found), total: found.totals.petitions }).toEqual({ q, ids: ['S3'], total: 1 });
    }
    expect((await search('chợ tạm', 'vanmieu')).hits[0].excerpt).toBe(`Đơn S3. ${S3_TEXT}`);
    // Where the matter lies (79), and the province holding it (01), see it masked; the centre too.
    for (const login of ['hochiminh', 'hanoi', 'trunguong']) {
      expect({ login, ids: ids(await search('0977', login)) }).toEqual({ login, ids: [] });
      const [hit] = (await search('chợ tạm', login)).hits;
      expect({ login, id: hit?.id, excerpt: hit?.excerpt }).toEqual({ login, id: 'S3', excerpt: 'Đơn S•. Khu chợ tạm lấn đường, liên hệ •••• ••• •••.' });
    }
  });

  it('shows a post with its phone masked, its year and alley as written, and never finds it by the phone', async () => {
    const posts = (q: string) => api.body(`/api/search?q=${encodeURIComponent(q)}&in=posts&${PERIOD}`, 'trunguong');
    const [hit] = (await posts('bão số')).hits;
    expect(hit).toMatchObject({ id: 'P5', excerpt: 'Bão số 3 năm 2025 làm đổ cây ở ngõ 12, gọi đường dây nóng •••• ••• ••• không ai nghe.' });
    for (const q of ['0912', '"0912 888 999"', '888', '0912888999', 'nóng 0912']) {
      const found = await posts(q);
      expect({ q, ids: ids(found), total: found.totals.posts }).toEqual({ q, ids: [], total: 0 });
    }
    expect(ids(await posts('2025 ngõ 12'))).toEqual(['P5']);
    expect(JSON.stringify(await posts('bão'))).not.toContain('888');
  });

  it('says why a query cannot be searched', async () => {
    const res = await api.get(`/api/search?q=${encodeURIComponent('a ! ?')}&${PERIOD}`, 'trunguong');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('the query has no word of two letters or more to look for');
  });
});
