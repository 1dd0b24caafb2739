/**
 * Petition intake and handling, end to end on the real engine with the official registry: a citizen's submission
 * through the public API, its routing (rules, detected place, mass cases), the handling steps of the units that hold
 * it, escalation on deadline, the citizen's status page, the dashboard's counts, and the contact details kept sealed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openIngestStore } from '../support/store.js';
import { buildTestApp, sessionCookies } from '../support/app.js';
import { createUser } from '../../analytics/access/users.js';
import { solve } from '../../ingest/intake/challenge.js';

type T = Awaited<ReturnType<typeof openIngestStore>>;
let t: T;
let app: FastifyInstance;
let cookie: Record<string, string>;
const ids: Record<string, string> = {};
const PASSWORD = 'mật-khẩu-thử-nghiệm-dài';
const TODAY = new Date().toISOString().slice(0, 10);
const VAN_MIEU = '00226';
const BA_DINH = '00004';
const HA_NOI = '01';
const PHONE = '0912345678';

const TRASH =
  'Khu dân cư tổ 5 phường Văn Miếu - Quốc Tử Giám đã ba tuần nay không có xe thu gom rác. Rác thải sinh hoạt chất đống ' +
  'ở đầu ngõ, bốc mùi hôi thối, ruồi muỗi nhiều, ảnh hưởng sức khỏe người dân và các cháu nhỏ. Đề nghị Mặt trận phường ' +
  'kiến nghị chính quyền và đơn vị vệ sinh môi trường sớm bố trí xe thu gom rác đúng lịch.';

let address = 0;
async function submit(body: Record<string, unknown>, remoteAddress = `198.51.100.${++address % 250}`) {
  const challenge = (await app.inject({ method: 'GET', url: '/api/petitions/challenge' })).json() as { token: string; question: string };
  return app.inject({
    method: 'POST',
    url: '/api/petitions',
    remoteAddress,
    payload: { challenge: { token: challenge.token, answer: solve(challenge.question) }, ...body },
  });
}

const as = (login: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie: cookie[login] as string }, ...(payload ? { payload } : {}) });

async function track(code: string) {
  return (await app.inject({ method: 'GET', url: `/api/petitions/track/${code}` })).json();
}

beforeAll(async () => {
  t = await openIngestStore();
  const users = [
    { login: 'xa-vanmieu', role: 'commune', home_unit_code: VAN_MIEU },
    { login: 'xa-badinh', role: 'commune', home_unit_code: BA_DINH },
    { login: 'tinh-hanoi', role: 'province', home_unit_code: HA_NOI },
    { login: 'trung-uong', role: 'central', home_unit_code: 'VN' },
    { login: 'quan-tri', role: 'admin', home_unit_code: 'VN' },
  ] as const;
  for (const u of users) ids[u.login] = (await createUser(t.store, { ...u, display_name: u.login, password: PASSWORD }, TODAY)).user_id;
  app = await buildTestApp(t);
  cookie = await sessionCookies(app, users.map((u) => u.login), PASSWORD);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('a petition from submission to closing', () => {
  let code = '';
  let id = '';

  it('is acknowledged with a tracking code only once it is stored', async () => {
    const res = await submit({
      title: 'Rác không được thu gom',
      text: TRASH,
      provinceCode: HA_NOI,
      communeCode: VAN_MIEU,
      contact: { name: 'Nguyễn Thị Hoa', phone: '091 234 5678', idNumber: '001190012345' },
      consentContact: true,
      attachments: [{ name: 'ảnh-bãi-rác.jpg', type: 'image/jpeg', bytes: 523_000 }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.code).toMatch(/^PA-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(body.statusPath).toBe(`/tra-cuu/${body.code}`);
    code = body.code;
    id = `web-${body.trackingCode}`;
    const stored = await t.store.query<{ n: string }>('SELECT count() AS n FROM petition_submissions WHERE tracking_code = {c:String}', { c: body.trackingCode });
    expect(Number(stored[0]?.n)).toBe(1);
  });

  it('is routed to the commune where it happens, with the reason recorded', async () => {
    await app.intake.routeNow();
    const status = await track(code.toLowerCase());
    expect(status).toMatchObject({ code, status: 'routed', holder: { level: 'commune', name: 'Ủy ban MTTQ Việt Nam Phường Văn Miếu - Quốc Tử Giám' } });
    // The status page shows nothing but the status: no text, no contact.
    const raw = JSON.stringify(status);
    for (const secret of ['Nguyễn Thị Hoa', PHONE, '001190012345', 'bốc mùi']) expect(raw).not.toContain(secret);
    const [routing] = await t.store.query<{ unit_code: string; reason: string; place_source: string; topic: string }>(
      'SELECT unit_code, reason, toString(place_source) AS place_source, topic FROM petition_routing FINAL WHERE petition_id = {id:String}',
      { id },
    );
    expect(routing).toEqual({ unit_code: VAN_MIEU, reason: 'Mặc định: Mặt trận cấp xã nơi phát sinh vụ việc tiếp nhận', place_source: 'chosen', topic: 'moi_truong' });
  });

  it('is in the queue of the commune that holds it, with the contact for its users only', async () => {
    const queue = (await as('xa-vanmieu', 'GET', '/api/petitions/queue')).json();
    expect(queue.cases).toHaveLength(1);
    expect(queue.cases[0]).toMatchObject({ petitionId: id, signatures: 1, status: 'routed', title: 'Rác không được thu gom', hasContact: true, consentContact: true, overdue: false });
    expect((await as('xa-badinh', 'GET', '/api/petitions/queue')).json().cases).toEqual([]);
    const detail = (await as('xa-vanmieu', 'GET', `/api/petitions/cases/${id}`)).json();
    expect(detail.contact).toEqual({ name: 'Nguyễn Thị Hoa', phone: PHONE, idNumber: '001190012345', address: null, email: null });
    expect(detail.attachments).toEqual([{ name: 'ảnh-bãi-rác.jpg', type: 'image/jpeg', bytes: 523000 }]);
    expect((await as('tinh-hanoi', 'GET', `/api/petitions/cases/${id}`)).statusCode).toBe(403);
  });

  it('is accepted, then transferred to another commune, which alone may act on it then', async () => {
    expect((await as('xa-badinh', 'POST', `/api/petitions/cases/${id}/actions`, { action: 'accept' })).statusCode).toBe(403);
    const accepted = await as('xa-vanmieu', 'POST', `/api/petitions/cases/${id}/actions`, { action: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await as('xa-vanmieu', 'POST', `/api/petitions/cases/${id}/actions`, { action: 'close' })).json()).toMatchObject({ error: 'conflict' });
    expect((await as('xa-vanmieu', 'POST', `/api/petitions/cases/${id}/actions`, { action: 'transfer', toUnitCode: BA_DINH })).statusCode).toBe(400);
    const moved = await as('xa-vanmieu', 'POST', `/api/petitions/cases/${id}/actions`, { action: 'transfer', toUnitCode: BA_DINH, note: 'Ngõ thuộc địa bàn phường Ba Đình quản lý' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await as('xa-vanmieu', 'GET', '/api/petitions/queue')).json().cases).toEqual([]);
    expect((await as('xa-badinh', 'GET', '/api/petitions/queue')).json().cases.map((c: { petitionId: string }) => c.petitionId)).toEqual([id]);
    expect((await as('xa-vanmieu', 'POST', `/api/petitions/cases/${id}/actions`, { action: 'answer', note: 'x' })).statusCode).toBe(403);
  });

  it('goes up to the province when its deadline passes unanswered, once', async () => {
    expect(await app.intake.escalate(new Date(Date.now() + 2 * 86400_000))).toEqual([]);
    const later = new Date(Date.now() + 16 * 86400_000);
    const done = await app.intake.escalate(later);
    expect(done.map((e) => [e.petitionId, e.from, e.to])).toEqual([[id, BA_DINH, HA_NOI]]);
    expect(await app.intake.escalate(later)).toEqual([]);
    expect((await as('tinh-hanoi', 'GET', '/api/petitions/queue')).json().cases.map((c: { petitionId: string; status: string }) => [c.petitionId, c.status])).toEqual([[id, 'escalated']]);
    expect((await track(code)).status).toBe('escalated');
  });

  it('is sent to a partner agency, answered and closed by the province', async () => {
    const sent = await as('tinh-hanoi', 'POST', `/api/petitions/cases/${id}/actions`, { action: 'transfer', partner: 'Công ty Môi trường đô thị Hà Nội', note: 'Đề nghị bố trí xe thu gom' });
    expect(sent.json()).toMatchObject({ status: 'transferred', petitions: [id] });
    const answer = 'Công ty Môi trường đô thị đã bố trí xe thu gom rác hằng ngày tại tổ 5 từ ngày 20/11.';
    expect((await as('tinh-hanoi', 'POST', `/api/petitions/cases/${id}/actions`, { action: 'answer', note: answer })).statusCode).toBe(200);
    expect((await track(code))).toMatchObject({ status: 'answered', answer, dueAt: null });
    expect((await as('tinh-hanoi', 'POST', `/api/petitions/cases/${id}/actions`, { action: 'close' })).statusCode).toBe(200);
    const status = await track(code);
    expect(status).toMatchObject({ status: 'closed', statusText: 'Đã kết thúc', answer });
    expect(status.history.map((h: { status: string }) => h.status)).toEqual(['received', 'routed', 'accepted', 'transferred', 'escalated', 'transferred', 'answered', 'closed']);
    expect(status.history[5].text).toBe('Đã chuyển đến cơ quan có thẩm quyền: Công ty Môi trường đô thị Hà Nội; Mặt trận tiếp tục theo dõi');
    expect((await as('tinh-hanoi', 'GET', '/api/petitions/queue')).json().cases).toEqual([]);
  });

  it('keeps every step as an append-only event with who, when and why', async () => {
    const detail = (await as('tinh-hanoi', 'GET', `/api/petitions/cases/${id}`)).json();
    expect(detail.status).toBe('closed');
    const steps = detail.events.map((e: { status: string; actor: string; unit_code: string; partner: string }) => [e.status, e.actor, e.unit_code, e.partner]);
    expect(steps).toEqual([
      ['received', 'system', VAN_MIEU, ''],
      ['routed', 'system', VAN_MIEU, ''],
      ['accepted', ids['xa-vanmieu'], VAN_MIEU, ''],
      ['transferred', ids['xa-vanmieu'], BA_DINH, ''],
      ['escalated', 'system', HA_NOI, ''],
      ['transferred', ids['tinh-hanoi'], HA_NOI, 'Công ty Môi trường đô thị Hà Nội'],
      ['answered', ids['tinh-hanoi'], HA_NOI, ''],
      ['closed', ids['tinh-hanoi'], HA_NOI, ''],
    ]);
    expect(detail.events[3].note).toBe('Ngõ thuộc địa bàn phường Ba Đình quản lý');
    expect(detail.events[4].note).toMatch(/^Quá hạn trả lời \(hạn \d\d\/\d\d\/\d{4}\) tại đơn vị 00004: tự động chuyển lên cấp tỉnh$/);
    const times = detail.events.map((e: { event_at: string }) => e.event_at);
    expect([...times].sort()).toEqual(times);
  });
});
