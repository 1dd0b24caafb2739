/**
 * A store whose registry is not loaded yet (migrated, no units): every row of every kind names a unit, so a file is
 * refused whole with how to load the units, by HTTP (409) and by the inbox (failed/, with the reason beside it),
 * starting no run; once the official list is imported the same file loads. In a file of its own: chDB binds one store
 * per process, and the other ingestion tests need the registry.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../support/app.js';
import { openTestStore, SHARED_UNITS_FILE, tempDir, type TestStore } from '../support/store.js';
import { processInbox } from '../../ingest/inbox/inbox.js';
import { loadSealer } from '../../analytics/privacy/seal.js';
import { importOfficialUnits } from '../../ingest/kinds/official-units.js';
import { fileSource } from '../../ingest/readers/index.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../ingest/samples');
const TOKEN = 'local-token';
const auth = { authorization: `Bearer ${TOKEN}` };
const REFUSED = /not loaded: the store holds no provinces or communes in force on \d{4}-\d{2}-\d{2}, so every row would be quarantined as naming an unknown unit\. Load the official list of units first: npm run units:import -- ingest\/data\/vn-admin-units-2025\.csv$/;

let t: TestStore;
let app: FastifyInstance;
beforeAll(async () => {
  t = await openTestStore();
  app = await buildTestApp(t, { controlToken: TOKEN });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const upload = () =>
  app.inject({
    method: 'POST',
    url: '/api/ingest/officers?file=can-bo.csv',
    payload: fs.readFileSync(path.join(SAMPLES, 'officers.csv')),
    headers: { ...auth, 'content-type': 'text/csv' },
  });

describe('ingestion before the registry is loaded', () => {
  it('refuses an upload with 409 and the way to load the units, starting no run', async () => {
    const res = await upload();
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('registry_empty');
    expect(res.json().message).toMatch(new RegExp(`^can-bo\\.csv: ${REFUSED.source}`));
    expect((await app.inject({ method: 'GET', url: '/api/ingest/runs', headers: auth })).json()).toEqual({ runs: [] });
  });

  it('moves an inbox file to failed/ with the reason beside it', async () => {
    const inbox = tempDir('front-pulse-inbox-');
    fs.mkdirSync(path.join(inbox, 'officers'));
    fs.copyFileSync(path.join(SAMPLES, 'officers.csv'), path.join(inbox, 'officers', 'ha-noi.csv'));
    const [outcome] = await processInbox(t.store, inbox, { settleSeconds: 0, sealer: loadSealer(t.config), lang: 'en' });
    expect(outcome).toMatchObject({ file: 'officers/ha-noi.csv', kind: 'officers', movedTo: 'failed/ha-noi.csv', summary: undefined });
    expect(outcome?.error).toMatch(new RegExp(`^inbox/officers/ha-noi\\.csv: ${REFUSED.source}`));
    const report = JSON.parse(fs.readFileSync(path.join(inbox, 'failed', 'ha-noi.csv.summary.json'), 'utf8'));
    expect(report.error).toBe(outcome?.error);
    expect(fs.readFileSync(path.join(inbox, 'failed', 'ha-noi.csv'))).toEqual(fs.readFileSync(path.join(SAMPLES, 'officers.csv')));
  });

  it('loads the same file once the official list is imported', async () => {
    await importOfficialUnits(t.store, fileSource(SHARED_UNITS_FILE), { wayIn: 'cli' });
    const res = await upload();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ read: 7, stored: 7, quarantined: 0 });
  });
});
