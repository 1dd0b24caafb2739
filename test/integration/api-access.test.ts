/**
 * Users and scope through the real app on the real engine: log-in with a session cookie, wrong passwords limited,
 * API tokens, each role's scope (a province user refused another province with 403, a commune user held to their
 * commune), uploads by a province user limited to their province, the audit log, the OpenAPI document and metrics.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../support/app.js';
import { DEMO_USERS, ensureDemoUsers } from '../../analytics/access/demo-users.js';
import { openIngestStore } from '../support/store.js';

const PASSWORD = 'mật-khẩu-thử-nghiệm';
const SAMPLES = path.resolve(import.meta.dirname, '../../ingest/samples');
let t: Awaited<ReturnType<typeof openIngestStore>>;
let app: FastifyInstance;

beforeAll(async () => {
  t = await openIngestStore();
  await ensureDemoUsers(t.store, '2025-09-16', PASSWORD);
  app = await buildTestApp(t);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const login = (name: string, password = PASSWORD, ip = '10.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: name, password }, remoteAddress: ip });
const cookieOf = async (name: string) => {
  const res = await login(name);
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'fp_session');
  return `fp_session=${cookie?.value}`;
};
const get = (url: string, cookie?: string) => app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

describe('logging in', () => {
  it('sets an HTTP-only, same-site session cookie and answers who I am', async () => {
    const res = await login('HaNoi');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ login: 'hanoi', role: 'province', home_unit_code: '01' });
    const cookie = res.cookies.find((c) => c.name === 'fp_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const me = await get('/api/auth/me', `fp_session=${cookie?.value}`);
    expect(me.json()).toMatchObject({ login: 'hanoi', via: 'session' });
  });

  it('refuses a wrong password the same way as an unknown login, and limits the failures', async () => {
    const wrong = await login('hanoi', 'sai-mat-khau-roi', '10.0.0.9');
    const unknown = await login('khong-co-ai', 'sai-mat-khau-roi', '10.0.0.9');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json().message).toBe(unknown.json().message);
    for (let i = 0; i < 4; i++) await login('hanoi', 'sai-mat-khau-roi', '10.0.0.9');
    const limited = await login('hanoi', PASSWORD, '10.0.0.9');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login('hanoi', PASSWORD, '10.0.0.10')).statusCode).toBe(200);
  });

  it('ends the session at log-out', async () => {
    const cookie = await cookieOf('vanmieu');
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).json()).toEqual({ loggedOut: true });
    expect((await get('/api/auth/me', cookie)).statusCode).toBe(401);
  });

  it('issues API tokens from a session, shown once, that work as bearer tokens', async () => {
    const cookie = await cookieOf('phantich');
    const res = await app.inject({ method: 'POST', url: '/api/auth/tokens', headers: { cookie }, payload: { name: 'báo cáo tự động' } });
    const { token } = res.json();
    expect(token).toMatch(/^fpt_/);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json()).toMatchObject({ login: 'phantich', role: 'analyst', via: 'token' });
    const listed = (await get('/api/auth/tokens', cookie)).json().tokens;
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(token);
    const fromToken = await app.inject({ method: 'POST', url: '/api/auth/tokens', headers: { authorization: `Bearer ${token}` }, payload: { name: 'x' } });
    expect(fromToken.statusCode).toBe(403);
  });

  it('never stores a password or a secret in the clear', async () => {
    const rows = await t.store.query<{ password_hash: string }>('SELECT password_hash FROM users');
    expect(rows).toHaveLength(DEMO_USERS.length);
    expect(rows.every((r) => r.password_hash.startsWith('scrypt$') && !r.password_hash.includes(PASSWORD))).toBe(true);
  });
});

describe('scope', () => {
  it('gives a province user their province and 403 for another, naming both', async () => {
    const cookie = await cookieOf('hanoi');
    expect((await get('/api/coverage?unit=01', cookie)).statusCode).toBe(200);
    expect((await get('/api/coverage?unit=00226', cookie)).statusCode).toBe(200);
    const other = await get('/api/coverage?unit=79', cookie);
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toMatch(/Thành phố Hồ Chí Minh \(79\) is outside your scope: Thành phố Hà Nội \(01\)/);
    expect((await get('/api/coverage?unit=VN', cookie)).statusCode).toBe(403);
  });

  it('answers a user their own unit when none is asked for', async () => {
    const body = (await get('/api/coverage', await cookieOf('vanmieu'))).json();
    expect(body.unit).toEqual({ code: '00226', name: 'Phường Văn Miếu - Quốc Tử Giám', level: 'commune' });
    const national = (await get('/api/coverage', await cookieOf('trunguong'))).json();
    expect(national.unit.code).toBe('VN');
  });

  it('holds a commune user to their commune, and answers 400 for a unit that does not exist', async () => {
    const cookie = await cookieOf('vanmieu');
    expect((await get('/api/coverage?unit=00004', cookie)).statusCode).toBe(403);
    expect((await get('/api/coverage?unit=01', cookie)).statusCode).toBe(403);
    expect((await get('/api/coverage?unit=99999', cookie)).statusCode).toBe(400);
  });

  it('answers 401 without a session or token', async () => {
    expect((await get('/api/coverage')).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/coverage', headers: { authorization: 'Bearer fpt_forged' } })).statusCode).toBe(401);
  });

  it("quarantines the rows of a province user's upload that lie in another province", async () => {
    const cookie = await cookieOf('hanoi');
    const res = await app.inject({
      method: 'POST',
      url: '/api/ingest/opinion_posts?file=tong-hop.csv',
      headers: { cookie, 'content-type': 'text/csv' },
      payload: fs.readFileSync(path.join(SAMPLES, 'opinion_posts.csv')),
    });
    expect(res.statusCode).toBe(200);
    const summary = res.json();
    expect(summary).toMatchObject({ read: 4, stored: 1, quarantined: 3 });
    expect(summary.errors.map((e: { message: string }) => e.message)).toContain('is in commune 18673, outside your scope (Thành phố Hà Nội (01))');
    // Named by the column that places the post (a post has no unit_code).
    expect(summary.errors.find((e: { message: string }) => e.message.includes('18673'))).toMatchObject({ field: 'commune_code' });
    const roster = await app.inject({
      method: 'POST',
      url: '/api/ingest/officers?file=can-bo.csv',
      headers: { cookie, 'content-type': 'text/csv' },
      payload: fs.readFileSync(path.join(SAMPLES, 'officers.csv')),
    });
    expect(roster.json()).toMatchObject({ read: 7, stored: 6, quarantined: 1 });
    expect(roster.json().errors[0]).toMatchObject({ row: 8, field: 'unit_code' });
    // Their runs are theirs: another province's user does not see them.
    const runs = (await get('/api/ingest/runs', cookie)).json().runs;
    expect(runs.map((r: { started_by: string }) => r.started_by)).toEqual(['hanoi', 'hanoi']);
    const analyst = await cookieOf('phantich');
    expect((await get('/api/ingest/runs', analyst)).json().runs).toEqual([]);
    expect((await get(`/api/ingest/runs/${summary.runId}`, analyst)).statusCode).toBe(404);
    const upload = await app.inject({ method: 'POST', url: '/api/ingest/officers?file=x.csv', headers: { cookie: analyst, 'content-type': 'text/csv' }, payload: 'a' });
    expect(upload.statusCode).toBe(403);
  });

  it('lets only admins manage users', async () => {
    const body = { login: 'cauxe', display_name: 'Phường Cầu Giấy', role: 'commune', home_unit_code: '00166', password: 'mot-mat-khau-dai' };
    const denied = await app.inject({ method: 'POST', url: '/api/users', headers: { cookie: await cookieOf('trunguong') }, payload: body });
    expect(denied.statusCode).toBe(403);
    const admin = await cookieOf('quantri');
    const created = await app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin }, payload: body });
    expect(created.statusCode).toBe(200);
    const wrongLevel = await app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin }, payload: { ...body, login: 'sai', home_unit_code: '01' } });
    expect(wrongLevel.statusCode).toBe(400);
    expect(wrongLevel.json().message).toMatch(/a commune user's home unit is a commune, not province 01/);
  });
});

describe('audit, OpenAPI and metrics', () => {
  it('records who read what, and every log-in attempt, without passwords', async () => {
    await app.audit.flush();
    const rows = await t.store.query<{ login: string; action: string; route: string; unit_code: string; status: number; detail: string }>(
      'SELECT login, action, route, unit_code, status, detail FROM audit_log ORDER BY at',
    );
    expect(rows).toContainEqual(expect.objectContaining({ login: 'hanoi', action: 'read', route: '/api/coverage', unit_code: '79', status: 403 }));
    expect(rows).toContainEqual(expect.objectContaining({ login: 'hanoi', action: 'login_failed', status: 429 }));
    expect(rows).toContainEqual(expect.objectContaining({ login: 'quantri', action: 'user_created', detail: 'cauxe (commune)' }));
    expect(rows).toContainEqual(expect.objectContaining({ login: 'hanoi', action: 'change', route: '/api/ingest/:kind' }));
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
  });

  it('describes every API route in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const route of ['/api/coverage', '/api/auth/login', '/api/ingest/{kind}', '/api/ingest/runs/{run}', '/api/users']) expect(Object.keys(doc.paths)).toContain(route);
    expect((await get('/api/docs/')).statusCode).toBe(200);
  });

  it('exposes Prometheus metrics with request and query timings', async () => {
    const text = (await get('/api/metrics')).body;
    expect(text).toMatch(/front_pulse_http_request_seconds_count\{route="\/api\/coverage",method="GET",status="200"\} \d+/);
    expect(text).toMatch(/front_pulse_query_seconds_count\{file="coverage\/coverage_by_child"\} \d+/);
    expect(text).toContain('front_pulse_process_resident_memory_bytes');
  });
});
