/**
 * GET /api/search through the real app on the real engine: posts and petitions found by their words with or without
 * diacritics, phrases whole, terms only at a word's start, within the user's scope and the period, newest first, with
 * highlights; a petition's excerpt masked for users of units that do not hold it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAll } from '../support/builders.js';
import { openPetitionApi, PERIOD, type PetitionApi } from '../support/petitions.js';

let api: PetitionApi;

const POSTS = [
  { post_id: 'P1', province_code: '01', commune_code: '00226', published_at: '2025-09-10 08:00:00', text: 'Lũ lụt làm ngập sâu nhiều tuyến phố, người dân phải sơ tán trong đêm.' },
  { post_id: 'P2', province_code: '79', commune_code: '25747', published_at: '2025-09-12 09:00:00', text: 'Mưa lớn gây LŨ LỤT ở Thủ Dầu Một, nước ngập sâu tới đầu gối.' },
  { post_id: 'P3', province_code: '01', commune_code: '00004', published_at: '2025-09-11 10:00:00', text: 'Giá lúa tăng, nông dân phấn khởi vì được mùa sau lũ.' },
  { post_id: 'P4', province_code: '01', commune_code: '00226', published_at: '2025-07-01 10:00:00', text: 'Lũ lụt năm ngoái, nay đã khắc phục xong.' },
];

beforeAll(async () => {
  api = await openPetitionApi((store) =>
    insertAll(store, {
      opinion_posts: POSTS.map((p) => ({ ...p, source: 'facebook', source_name: 'Nhóm cư dân', url: `https://example.vn/${p.post_id}`, author_handle: 'Người Viết', ingest_run_id: 'test', collected_at: '2025-09-20 00:00:00.000' })),
    }),
  );
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

  it('masks the digits of a petition for users of units that do not hold it, not for its holder', async () => {
    const central = await api.body(`/api/search?q=${encodeURIComponent('lấn chiếm')}&${PERIOD}`, 'trunguong');
    expect(central.totals).toEqual({ posts: 0, petitions: 1 });
    expect(central.hits[0]).toMatchObject({ kind: 'petitions', id: 'A3', title: 'Lấn chiếm lối đi chung' });
    expect(central.hits[0].excerpt).not.toContain('0987654321');
    expect(central.hits[0].excerpt).toContain('••••••••••');
    const holder = await api.body(`/api/search?q=${encodeURIComponent('lấn chiếm')}&${PERIOD}`, 'vanmieu');
    expect(holder.hits[0].excerpt).toContain('0987654321');
  });

  it('says why a query cannot be searched', async () => {
    const res = await api.get(`/api/search?q=${encodeURIComponent('a ! ?')}&${PERIOD}`, 'trunguong');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('the query has no word of two letters or more to look for');
  });
});
