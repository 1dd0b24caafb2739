/**
 * The API through app.inject, on a small demo built in the real embedded engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { buildTestApp } from '../test/support/app.js';
import { buildDemo } from '../ingest/demo/index.js';
import { loadSealer } from '../analytics/privacy/seal.js';
import { openTestStore, type TestStore } from '../test/support/store.js';

let t: TestStore;
let app: FastifyInstance;
beforeAll(async () => {
  t = await openTestStore();
  await buildDemo(t.store, loadSealer(t.config), { petitions: 500, posts: 500 });
  app = await buildTestApp(t, { controlToken: 'local-token' });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

// The control token of local commands acts as an admin: these tests are about the answers, api-access about who may.
const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: 'Bearer local-token' } });

describe('GET /api/health', () => {
  it('reports the engine and the data reference day', async () => {
    const res = await get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', engine: 'embedded', phase: 'ready', referenceDate: '2025-09-16', uploadMaxBytes: 8 * 1024 ** 3 });
  });
});

describe('GET /api/coverage', () => {
  it('answers the national figures by default, with the 34 provinces as children', async () => {
    const res = await get('/api/coverage');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.unit).toEqual({ code: 'VN', name: 'Trung ương', level: 'central' });
    expect(body.asOf).toBe('2025-09-16');
    expect(body.communes).toEqual({ total: 3321, withVillageList: 2280, withVillageListPct: 68.65 });
    expect(body.villages).toMatchObject({ created: 61223, createdPct: 67.64 });
    expect(body.rosters).toMatchObject({ provincesUpdated: 34, communesUpdated: 2237, communesUpdatedPct: 67.36, officers: { province: 7108, commune: 270176 } });
    expect(body.children).toHaveLength(34);
  });

  it('answers a province with its communes, Hà Nội with its 126', async () => {
    const body = (await get('/api/coverage?unit=01')).json();
    expect(body.unit).toEqual({ code: '01', name: 'Thành phố Hà Nội', level: 'province' });
    expect(body.communes.total).toBe(126);
    expect(body.children).toHaveLength(126);
    expect(body.children.find((c: { unit: { code: string } }) => c.unit.code === '00004').unit.name).toBe('Phường Ba Đình');
  });

  it('answers 400 with the reason for an unknown unit, a malformed code and an impossible day', async () => {
    const unknown = await get('/api/coverage?unit=99');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toEqual({ error: 'unknown_unit', message: 'No unit with code "99" is in force on 2025-09-16' });
    const malformed = await get('/api/coverage?unit=Ha%20Noi');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toBe('bad_request');
    expect(malformed.json().message).toContain('unit');
    const day = await get('/api/coverage?asOf=2025-02-30');
    expect(day.statusCode).toBe(400);
    expect(day.json().message).toContain('2025-02-30');
  });

  it('answers 503 with the reason while the store is being prepared', async () => {
    const preparing = await buildApp({
      config: t.config,
      store: t.store,
      ownsStore: false,
      boot: { phase: 'building-demo', step: 'petitions', progress: 42, message: 'Building the demo dataset: petitions 42 %', background: null },
      logger: false,
      serveDashboard: false,
    });
    const res = await preparing.inject({ method: 'GET', url: '/api/coverage' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ error: 'preparing', message: 'Building the demo dataset: petitions 42 %' });
    expect((await preparing.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ status: 'preparing', progress: 42 });
    await preparing.close();
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'not_found', message: 'No route GET /api/nothing-here' });
  });
});

describe('/api/admin', () => {
  it('refuses requests without the control token', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/admin/migrate' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('unauthorized');
  });

  it('imports an official list sent as the body, and names the bad rows', async () => {
    const csv = 'ma_tinh,ten_tinh,ma_xa,ten_xa,loai\n01,Thành phố Hà Nội,00004,Phường Ba Đình,phường\n01,Thành phố Hà Nội,0000X,Phường Lỗi,phường\n';
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/units/import?file=sua-doi.csv&partial=true',
      headers: { authorization: 'Bearer local-token', 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ file: 'sua-doi.csv', read: 2, stored: 0, duplicates: 1, quarantined: 1, errors: [{ row: 3, field: 'commune_code' }] });
  });
});
