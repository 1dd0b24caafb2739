/**
 * Scope and personal data across the whole API, read from its own OpenAPI document, so that an endpoint added later is
 * checked without anyone remembering to: every GET endpoint that takes a unit refuses a province user another province
 * and a commune user another commune (403), and no endpoint gives a petitioner's name, phone or ID number to anyone
 * but the unit that handles the petition.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildDemo } from '../../ingest/demo/index.js';
import { ensureDemoUsers } from '../../analytics/access/demo-users.js';
import { buildTestApp, sessionCookies } from '../support/app.js';
import { openIngestStore } from '../support/store.js';

const PASSWORD = 'mật-khẩu-thử-nghiệm';
const SAMPLES = path.resolve(import.meta.dirname, '../../ingest/samples');
/** Personal values in the petitions sample (petition HN-2025-000101 and -000102, handled by commune 00226). */
const PERSONAL = ['Nguyễn Thị Lan', '0912345678', 'Trần Văn Hùng', '001085012345'];

let t: Awaited<ReturnType<typeof openIngestStore>>;
let app: FastifyInstance;
const cookies: Record<string, string> = {};

interface Operation {
  path: string;
  parameters?: { name: string; in: string; required?: boolean }[];
}

beforeAll(async () => {
  t = await openIngestStore();
  await buildDemo(t.store, t.sealer, { petitions: 300, posts: 300 });
  await t.load('petitions', path.join(SAMPLES, 'petitions.jsonl'));
  await ensureDemoUsers(t.store, '2025-09-16', PASSWORD);
  app = await buildTestApp(t);
  Object.assign(cookies, await sessionCookies(app, ['trunguong', 'hanoi', 'vanmieu', 'phantich'], PASSWORD));
}, 300_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

/** Every GET operation of the API with a `unit` query parameter and no path parameter. */
async function unitEndpoints(): Promise<Operation[]> {
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, { get?: { parameters?: Operation['parameters'] } }> };
  return Object.entries(doc.paths)
    .filter(([p, ops]) => ops.get && !p.includes('{') && (ops.get.parameters ?? []).some((q) => q.in === 'query' && q.name === 'unit'))
    .map(([p, ops]) => ({ path: p, parameters: ops.get?.parameters }));
}

const get = (url: string, login: string) => app.inject({ method: 'GET', url, headers: { cookie: cookies[login] as string } });

describe('every endpoint that takes a unit', () => {
  it('is found in the OpenAPI document (the list this test walks)', async () => {
    const endpoints = await unitEndpoints();
    expect(endpoints.map((e) => e.path)).toContain('/api/coverage');
    expect(endpoints.length).toBeGreaterThanOrEqual(1);
  });

  it('refuses a province user another province, and the whole country, with 403', async () => {
    for (const e of await unitEndpoints()) {
      for (const unit of ['79', '42', 'VN', '25747']) {
        const res = await get(`${e.path}?unit=${unit}`, 'hanoi');
        expect({ endpoint: e.path, unit, status: res.statusCode }).toEqual({ endpoint: e.path, unit, status: 403 });
      }
    }
  });

  it('refuses a commune user another commune and their own province, with 403', async () => {
    for (const e of await unitEndpoints()) {
      for (const unit of ['00004', '01', '18673']) {
        const res = await get(`${e.path}?unit=${unit}`, 'vanmieu');
        expect({ endpoint: e.path, unit, status: res.statusCode }).toEqual({ endpoint: e.path, unit, status: 403 });
      }
    }
  });

  it('answers each user for their own unit', async () => {
    for (const e of await unitEndpoints()) {
      const required = (e.parameters ?? []).filter((q) => q.required && q.name !== 'unit');
      if (required.length > 0) continue; // needs more than a unit: covered by its own test file
      for (const [login, unit] of [['hanoi', '01'], ['vanmieu', '00226'], ['trunguong', 'VN']] as const) {
        const res = await get(`${e.path}?unit=${unit}`, login);
        expect({ endpoint: e.path, login, status: res.statusCode }).toEqual({ endpoint: e.path, login, status: 200 });
      }
    }
  });

  it("never gives petitioners' personal data to a user of another unit", async () => {
    for (const e of await unitEndpoints()) {
      for (const [login, unit] of [['trunguong', 'VN'], ['trunguong', '00226'], ['hanoi', '01'], ['hanoi', '00226'], ['phantich', '00226']] as const) {
        const body = (await get(`${e.path}?unit=${unit}`, login)).body;
        for (const value of PERSONAL) expect({ endpoint: e.path, login, leaks: body.includes(value) }).toEqual({ endpoint: e.path, login, leaks: false });
      }
    }
  });

  it('keeps personal data out of every aggregate endpoint, even for the handling unit', async () => {
    for (const e of (await unitEndpoints()).filter((x) => !x.path.startsWith('/api/drill'))) {
      const body = (await get(`${e.path}?unit=00226`, 'vanmieu')).body;
      for (const value of PERSONAL) expect({ endpoint: e.path, leaks: body.includes(value) }).toEqual({ endpoint: e.path, leaks: false });
    }
  });
});
