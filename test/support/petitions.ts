/**
 * A small hand-made set of petitions with their histories, labels and sealed contacts, for the petition and
 * drill-through API tests. Reference day Tue 16 Sep 2025; the period asked is 1–16 Sep (W36 1–7, W37 8–14, W38 15–16),
 * so states are read at 17 Sep 00:00. Times are Vietnam time. Label version "v-test" is the active one.
 *
 *   id  place            channel    received     handled by (due)                history                              at 17 Sep 00:00
 *   A1  00226            web        1 Sep 08:00  00226 (16 Sep 08:00)            answered 4 Sep 08:00 (3.0 d)         answered, on time
 *   A2  00226            app        2 Sep 10:00  00226 (17 Sep 10:00)            accepted 3 Sep                       in progress
 *   A3  00226, 00226-001 zalo       1 Sep 09:00  00226 (16 Sep 09:00)            accepted 2 Sep                       OVERDUE
 *   A4  00226            web        1 Sep 12:00  00226 (16 Sep 12:00)            answered 16 Sep 16:48 (15.2 d)       answered, late
 *   B1  00004            hotline    8 Sep 14:00  00004 (23 Sep 14:00)            escalated 10 Sep 10:00 to 01 (10 Oct 10:00), answered 12 Sep 14:00 (4.0 d)
 *   C1  01 (no commune)  mail      15 Sep 09:00  01 (15 Oct 09:00)               —                                    in progress, no label
 *   D1  79, 25747        in_person  1 Sep 10:00  25747 (16 Sep 10:00)            —                                    OVERDUE
 *   D2  79, 25747        in_person  2 Sep 10:00  25747 (3 Sep 10:00)             —                                    OVERDUE
 *   F1  00226            web       10 Sep 08:00  00226 (25 Sep 08:00)            transferred 17 Sep 10:00 to 01, answered 18 Sep 08:00: in progress at the end, held by 01 now
 *   G1  00004            app       11 Sep 08:00  VN (26 Oct 08:00)               —                                    in progress
 *   E1  00226            web       20 Aug 08:00  00226 (4 Sep 08:00)             —                                    overdue, before the period
 *
 * Topics: A1 A3 B1 D1 dat_dai; A2 moi_truong; A4 ha_tang; F1 giao_duc; G1 chinh_sach_xa_hoi; D2 khac; E1 y_te; C1 none.
 * Contacts sealed on A1, A3, C1, D1, F1, G1; A3's text quotes a name and two numbers.
 */
import { expect } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Sealer } from '../../analytics/privacy/seal.js';
import type { Store } from '../../analytics/store/index.js';
import { META, writeMeta } from '../../analytics/queries/meta.js';
import { ACTIVE_MODEL_KEY } from '../../analytics/nlp/labels.js';
import { createUser } from '../../analytics/access/users.js';
import type { Role } from '../../analytics/access/scope.js';
import { ensureDemoUsers } from '../../analytics/access/demo-users.js';
import { buildTestApp } from './app.js';
import { insertAll, unit } from './builders.js';
import { openIngestStore } from './store.js';

export const LABEL_VERSION = 'v-test';
export const PERIOD = 'from=2025-09-01&to=2025-09-16';
export const A3_TEXT = 'Ông Trần Văn Tư ở số 12 ngõ 34 lấn chiếm lối đi chung, gọi 0987654321 không ai nghe.';

/**
 * What only the unit holding the petition may see: the contact's values, and the full text with the numbers it quotes
 * (others get an excerpt of it with the digits masked).
 */
export const PERSONAL = {
  A1: ['Lê Thị Một', '0901000001'],
  A3: ['Nguyễn Văn Ba', '0912345678', '001085012345', 'Số 5 ngõ Văn Chương', A3_TEXT, '0987654321'],
  C1: ['Đỗ Văn Bảy'],
  D1: ['Phạm Thị Tám'],
  F1: ['Hoàng Văn Chín', '0933000009'],
  G1: ['Vũ Thị Mười'],
};

type Level = 'central' | 'province' | 'commune';
/** An event after "received": the status, when, and the level, unit and deadline it hands the petition to. */
type Event = [status: string, at: string, level?: Level, unit?: string, due?: string];
/** A petition as the tests write it: where, how and when it came, who was first charged with it, and its history. */
export interface PetitionSpec {
  id: string;
  place: [province: string, commune: string, village?: string];
  channel: string;
  received: string;
  holder: [Level, string, string];
  topic?: [string, string];
  contact?: Record<string, string>;
  title?: string;
  text?: string;
  events?: Event[];
}

const SPECS: PetitionSpec[] = [
  { id: 'A1', place: ['01', '00226'], channel: 'web', received: '2025-09-01 08:00:00', holder: ['commune', '00226', '2025-09-16 08:00:00'],
    topic: ['dat_dai', 'negative'], contact: { name: 'Lê Thị Một', phone: '0901000001' }, events: [['answered', '2025-09-04 08:00:00']] },
  { id: 'A2', place: ['01', '00226'], channel: 'app', received: '2025-09-02 10:00:00', holder: ['commune', '00226', '2025-09-17 10:00:00'],
    topic: ['moi_truong', 'neutral'], events: [['accepted', '2025-09-03 10:00:00']] },
  { id: 'A3', place: ['01', '00226', '00226-001'], channel: 'zalo', received: '2025-09-01 09:00:00', holder: ['commune', '00226', '2025-09-16 09:00:00'],
    topic: ['dat_dai', 'negative'], title: 'Lấn chiếm lối đi chung', text: A3_TEXT,
    contact: { name: 'Nguyễn Văn Ba', phone: '0912345678', id_number: '001085012345', address: 'Số 5 ngõ Văn Chương' },
    events: [['accepted', '2025-09-02 09:00:00']] },
  { id: 'A4', place: ['01', '00226'], channel: 'web', received: '2025-09-01 12:00:00', holder: ['commune', '00226', '2025-09-16 12:00:00'],
    topic: ['ha_tang', 'negative'], events: [['answered', '2025-09-16 16:48:00']] },
  { id: 'B1', place: ['01', '00004'], channel: 'hotline', received: '2025-09-08 14:00:00', holder: ['commune', '00004', '2025-09-23 14:00:00'],
    topic: ['dat_dai', 'positive'],
    events: [['escalated', '2025-09-10 10:00:00', 'province', '01', '2025-10-10 10:00:00'], ['answered', '2025-09-12 14:00:00']] },
  { id: 'C1', place: ['01', ''], channel: 'mail', received: '2025-09-15 09:00:00', holder: ['province', '01', '2025-10-15 09:00:00'],
    contact: { name: 'Đỗ Văn Bảy' } },
  { id: 'D1', place: ['79', '25747'], channel: 'in_person', received: '2025-09-01 10:00:00', holder: ['commune', '25747', '2025-09-16 10:00:00'],
    topic: ['dat_dai', 'negative'], contact: { name: 'Phạm Thị Tám' } },
  { id: 'D2', place: ['79', '25747'], channel: 'in_person', received: '2025-09-02 10:00:00', holder: ['commune', '25747', '2025-09-03 10:00:00'],
    topic: ['khac', 'neutral'] },
  { id: 'F1', place: ['01', '00226'], channel: 'web', received: '2025-09-10 08:00:00', holder: ['commune', '00226', '2025-09-25 08:00:00'],
    topic: ['giao_duc', 'neutral'], contact: { name: 'Hoàng Văn Chín', phone: '0933000009' },
    events: [['transferred', '2025-09-17 10:00:00', 'province', '01', '2025-10-17 10:00:00'], ['answered', '2025-09-18 08:00:00']] },
  { id: 'G1', place: ['01', '00004'], channel: 'app', received: '2025-09-11 08:00:00', holder: ['central', 'VN', '2025-10-26 08:00:00'],
    topic: ['chinh_sach_xa_hoi', 'negative'], contact: { name: 'Vũ Thị Mười' } },
  { id: 'E1', place: ['01', '00226'], channel: 'web', received: '2025-08-20 08:00:00', holder: ['commune', '00226', '2025-09-04 08:00:00'],
    topic: ['y_te', 'negative'] },
];

export async function seedPetitions(store: Store, sealer: Sealer): Promise<void> {
  await writeMeta(store, { [META.referenceDate]: '2025-09-16', [ACTIVE_MODEL_KEY]: LABEL_VERSION });
  await insertAll(store, { units: [unit('00226-001', 'village', 'Tổ dân phố 1', { province_code: '01' })] });
  await insertPetitions(store, sealer, SPECS);
}

/** Petitions with their "received" event and the events after it, their labels and their sealed contacts. */
export async function insertPetitions(store: Store, sealer: Sealer, specs: readonly PetitionSpec[]): Promise<void> {
  const now = '2025-09-20 00:00:00.000';
  await insertAll(store, {
    petitions: specs.map((s) => ({
      petition_id: s.id,
      received_at: s.received,
      channel: s.channel,
      province_code: s.place[0],
      commune_code: s.place[1],
      village_code: s.place[2] ?? '',
      handling_level: s.holder[0],
      handling_unit_code: s.holder[1],
      due_at: s.holder[2],
      title: s.title ?? `Đơn ${s.id}`,
      text: s.text ?? `Nội dung đơn ${s.id}, gửi ngày ${s.received.slice(0, 10)}.`,
      contact_sealed: s.contact ? sealer.seal(s.contact) : '',
      consent_contact: s.contact ? 1 : 0,
      case_id: '',
      source: 'test',
      ingest_run_id: 'test',
      inserted_at: now,
    })),
    petition_events: specs.flatMap((s) => {
      let [level, holder, due] = s.holder;
      const received: Event = ['received', s.received];
      return [received, ...(s.events ?? [])].map(([status, at, lv, unitCode, dueAt], i) => {
        [level, holder, due] = [lv ?? level, unitCode ?? holder, dueAt ?? due];
        return {
          event_id: `${s.id}-${i}`,
          petition_id: s.id,
          province_code: s.place[0],
          commune_code: s.place[1],
          event_at: `${at}.000`,
          status,
          unit_code: holder,
          handling_level: level,
          due_at: due,
          actor: 'test',
          note: '',
          ingest_run_id: 'test',
        };
      });
    }),
    nlp_labels: specs.filter((s) => s.topic).map((s) => ({
      item_kind: 'petition',
      item_id: s.id,
      model_version: LABEL_VERSION,
      topic: s.topic?.[0],
      topic_confidence: 1,
      sentiment: s.topic?.[1],
      sentiment_confidence: 1,
      occurred_at: s.received,
      province_code: s.place[0],
      commune_code: s.place[1],
      channel: s.channel,
      labelled_at: now,
    })),
  });
}

const PASSWORD = 'mật-khẩu-thử-nghiệm';

export interface PetitionApi {
  t: Awaited<ReturnType<typeof openIngestStore>>;
  app: FastifyInstance;
  /** GET as one of the demo users, "hochiminh" (a province user of 79), or a user the test added. */
  get(url: string, login: string): Promise<LightMyRequestResponse>;
  /** GET expecting 200; the parsed answer. */
  body(url: string, login: string): Promise<any>;
  close(): Promise<void>;
}

/** A user a test adds beside the demo users: a login, a role and a home unit. */
export interface ExtraUser {
  login: string;
  role: Role;
  unit: string;
  name?: string;
}

/**
 * The app on a store with these petitions, what `more` adds, and every demo user plus "hochiminh" and the `users` a
 * test adds logged in.
 */
export async function openPetitionApi(more: (store: Store, sealer: Sealer) => Promise<void> = async () => {}, users: readonly ExtraUser[] = []): Promise<PetitionApi> {
  const t = await openIngestStore();
  await seedPetitions(t.store, t.sealer);
  await more(t.store, t.sealer);
  await ensureDemoUsers(t.store, '2025-09-16', PASSWORD);
  const extra: ExtraUser[] = [{ login: 'hochiminh', role: 'province', unit: '79', name: 'MTTQ TP HCM' }, ...users];
  for (const u of extra) {
    await createUser(t.store, { login: u.login, display_name: u.name ?? u.login, role: u.role, home_unit_code: u.unit, password: PASSWORD }, '2025-09-16');
  }
  const app = await buildTestApp(t);
  const cookies: Record<string, string> = {};
  for (const login of ['trunguong', 'hanoi', 'vanmieu', 'phantich', 'quantri', ...extra.map((u) => u.login)]) {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password: PASSWORD } });
    cookies[login] = `fp_session=${res.cookies.find((c) => c.name === 'fp_session')?.value}`;
  }
  const get = (url: string, login: string) => app.inject({ method: 'GET', url, headers: { cookie: cookies[login] as string } });
  return {
    t,
    app,
    get,
    async body(url, login) {
      const res = await get(url, login);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    },
    async close() {
      await app.close();
      await t.close();
    },
  };
}
