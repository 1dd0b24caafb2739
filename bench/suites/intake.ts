/**
 * Petition intake under load: the server on a real port, citizens submitting through the public API at a steady 200
 * submissions a second for a minute (210 offered; each fetches its challenge, answers it and posts; open loop: a slow answer does
 * not slow the senders), from many addresses, while the server routes what comes in. Measured: the rate acknowledged,
 * errors, acknowledgement times, how long the queue takes to drain after the last submission, and that none is lost
 * (every acknowledged submission stored and routed exactly once). Texts are real Vietnamese petitions from the NLP
 * corpus, a tenth of them copies of a few mass petitions, placed in communes of the official registry.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../analytics/config.js';
import { Random } from '../../analytics/random.js';
import { CORPUS_DIR } from '../../analytics/nlp/shipped.js';
import { unitsInForce } from '../../analytics/queries/registry.js';
import { dayInVietnam } from '../../analytics/clock.js';
import { importOfficialUnits } from '../../ingest/kinds/official-units.js';
import { fileSource } from '../../ingest/readers/index.js';
import { solve } from '../../ingest/intake/challenge.js';
import { percentile, type Measurement } from '../harness.js';
import type { BenchContext } from '../run.js';

/** Offered: 5 % above the 200 a second to hold, so that what is held is shown with its margin. */
const RATE = 210;
const SECONDS = 60;
/** Connections the senders share (a browser opens a few each; a proxy in front of the server holds a pool). */
const SOCKETS = 64;
const UNITS_FILE = path.resolve(import.meta.dirname, '../../../shared/data/vn-admin-units-2025.csv');

function corpusTexts(): string[] {
  const dir = path.join(CORPUS_DIR, 'handwritten');
  return fs
    .readdirSync(dir)
    .flatMap((f) => (parse(fs.readFileSync(path.join(dir, f), 'utf8'), { columns: true }) as { text: string }[]).map((r) => r.text))
    .filter((t) => t.length >= 20);
}

interface Reply {
  status: number;
  body: Record<string, string>;
}

function request(agent: http.Agent, url: string, body?: object, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const data = body ? Buffer.from(JSON.stringify(body)) : undefined;
    const req = http.request(url, { agent, method: data ? 'POST' : 'GET', headers: { ...headers, ...(data ? { 'content-type': 'application/json', 'content-length': String(data.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(data);
  });
}

export async function intake(ctx: BenchContext): Promise<Measurement[]> {
  const asOf = dayInVietnam();
  let communes = await unitsInForce(ctx.store, { as_of: asOf, levels: ['commune'], province_code: '' });
  if (communes.length === 0) {
    await importOfficialUnits(ctx.store, fileSource(UNITS_FILE), { wayIn: 'cli' });
    communes = await unitsInForce(ctx.store, { as_of: asOf, levels: ['commune'], province_code: '' });
  }
  // The limit per address is the form's guard against one sender; the load comes from many senders.
  const config = loadConfig({ DATA_DIR: ctx.config.dataDir, LOG_LEVEL: 'warn', INTAKE_PER_ADDRESS_HOUR: '100', TRUST_PROXY: 'true' });
  const app = await buildApp({ config, store: ctx.store, ownsStore: false, logger: false, serveDashboard: false, boot: { phase: 'ready', step: null, progress: null, message: 'Ready', background: null } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const before = Number((await ctx.store.query<{ n: string }>('SELECT count() AS n FROM petition_submissions'))[0]?.n ?? 0);

  const random = new Random(2026);
  const texts = corpusTexts();
  const campaigns = texts.slice(0, 5);
  const total = RATE * SECONDS;
  const acknowledged: string[] = [];
  const ackMs: number[] = [];
  const failures = new Map<string, number>();
  let peakRss = process.memoryUsage().rss;
  let lastAck = 0;

  const agent = new http.Agent({ keepAlive: true, maxSockets: SOCKETS });
  const submitOne = async (i: number, due: number) => {
    try {
      // 256 addresses behind a proxy, about 47 submissions each: under the limit of 100 an hour per address.
      const forwarded = { 'x-forwarded-for': `10.0.${i % 256}.1` };
      const c = (await request(agent, `${base}/api/petitions/challenge`, undefined, forwarded)).body as { token: string; question: string };
      const unit = communes[random.int(0, communes.length - 1)] as { code: string; province_code: string };
      // A text of the corpus (5,600: drawn again, a text is a copy, as a mass petition is); a tenth copy one of five campaigns.
      const text = random.chance(0.1) ? `${random.pick(['Kính gửi Ban Thường trực.', 'Tôi xin phản ánh.', ''])} ${random.pick(campaigns)}` : (random.pick(texts) as string);
      const response = await request(
        agent,
        `${base}/api/petitions`,
        {
          text,
          provinceCode: unit.province_code,
          communeCode: unit.code,
          contact: random.chance(0.5) ? { name: 'Nguyễn Văn An', phone: `09${String(random.int(10_000_000, 99_999_999))}` } : undefined,
          consentContact: false,
          challenge: { token: c.token, answer: solve(c.question) },
        },
        forwarded,
      );
      const body = response.body as { trackingCode?: string; error?: string };
      if (response.status === 201 && body.trackingCode) {
        acknowledged.push(body.trackingCode);
        lastAck = performance.now();
        // From the moment it was due to be sent: time waiting for a free connection counts.
        ackMs.push(performance.now() - due);
      } else failures.set(`${response.status} ${body.error}`, (failures.get(`${response.status} ${body.error}`) ?? 0) + 1);
    } catch (error) {
      failures.set((error as Error).message, (failures.get((error as Error).message) ?? 0) + 1);
    }
  };

  ctx.log(`intake: ${total.toLocaleString('en-US')} submissions at ${RATE}/s`);
  const t0 = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(submitOne(i, due));
    if (i % RATE === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  await Promise.all(inFlight);
  const sendSeconds = (performance.now() - t0) / 1000;
  const ackSeconds = (lastAck - t0) / 1000;
  const drainStarted = performance.now();
  // The router keeps passing while submissions come; the last pass takes what came after.
  for (;;) {
    await app.intake.idle();
    const routed = await app.intake.routeNow();
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (routed.length === 0) break;
  }
  const drainSeconds = (performance.now() - drainStarted) / 1000;

  const [stored] = await ctx.store.query<{ submissions: string; routed: string; petitions: string; cases: string }>(
    `SELECT
        (SELECT count() FROM petition_submissions FINAL WHERE tracking_code IN {codes:Array(String)}) AS submissions,
        (SELECT count() FROM petition_routing FINAL WHERE tracking_code IN {codes:Array(String)}) AS routed,
        (SELECT count() FROM petitions WHERE petition_id IN (SELECT concat('web-', arrayJoin({codes:Array(String)})))) AS petitions,
        (SELECT uniqExact(if(case_id = '', petition_id, case_id)) FROM petition_routing FINAL WHERE tracking_code IN {codes:Array(String)}) AS cases`,
    { codes: acknowledged },
  );
  agent.destroy();
  await app.close();
  const sorted = [...ackMs].sort((a, b) => a - b);
  const lost = acknowledged.length - Number(stored?.routed ?? 0);
  const errors = [...failures].map(([k, n]) => `${n}× ${k}`).join('; ');
  const note = `${total.toLocaleString('en-US')} offered at ${RATE}/s over ${sendSeconds.toFixed(1)} s; ${before.toLocaleString('en-US')} submissions stored before`;
  return [
    { suite: 'intake', name: 'submissions acknowledged per second, sustained for a minute', value: acknowledged.length / ackSeconds, unit: 'submissions/s', target: { op: '>=', value: 200 }, note: `${note}; the last acknowledged at ${ackSeconds.toFixed(1)} s` },
    { suite: 'intake', name: 'submissions refused or failed', value: total - acknowledged.length, unit: 'submissions', target: { op: '<=', value: 0 }, note: errors || undefined },
    { suite: 'intake', name: 'acknowledged but not stored and routed exactly once (lost)', value: lost + Math.abs(Number(stored?.petitions ?? 0) - acknowledged.length), unit: 'submissions', target: { op: '<=', value: 0 }, note: `stored ${stored?.submissions}, routed ${stored?.routed}, petitions ${stored?.petitions}` },
    { suite: 'intake', name: 'acknowledgement time p50 / p95 (challenge + submission)', value: percentile(sorted, 50), unit: 'ms', note: `p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms` },
    { suite: 'intake', name: 'queue drained after the last submission', value: drainSeconds, unit: 's', note: `${stored?.cases} cases for ${stored?.routed} petitions (mass copies grouped)` },
    { suite: 'intake', name: 'peak memory of the process (server and load generator)', value: peakRss / 2 ** 20, unit: 'MiB', target: { op: '<', value: 2048 } },
  ];
}
