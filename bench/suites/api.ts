/**
 * API benchmarks on the demo: every dashboard endpoint (each GET endpoint of the OpenAPI document that takes a unit)
 * under 20 concurrent clients logged in as the demo's users, each asking for units of their scope: the nation, its
 * provinces and communes. Measured warm (after one pass over the same mix, as a dashboard in use is) and, for each
 * endpoint alone, cold (answer cache cleared). Also the data sizes, each endpoint's time against a plain count() of
 * the table it reads, errors, and the memory of the process serving them.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { ensureDemoUsers } from '../../analytics/access/demo-users.js';
import { clearQueryCache } from '../../analytics/queries/define.js';
import { META, readMeta, referenceDate } from '../../analytics/queries/meta.js';
import { buildDemo } from '../../ingest/demo/index.js';
import { loadSealer } from '../../analytics/privacy/seal.js';
import { Random } from '../../analytics/random.js';
import { percentile, type Measurement } from '../harness.js';
import type { BenchContext } from '../run.js';

const CLIENTS = 20;
const REQUESTS_PER_CLIENT = 60;
const COLD_REPEATS = 3;
const PASSWORD = 'bench-mat-khau-demo';

/** The table an endpoint mostly reads, for the ratio to a plain count(). */
const TABLE_OF: [string, string][] = [
  ['/api/petitions', 'petitions'],
  ['/api/drill/petitions', 'petitions'],
  ['/api/opinion', 'opinion_posts'],
  ['/api/drill/posts', 'opinion_posts'],
  ['/api/reporting', 'weekly_reports'],
  ['/api/drill/reports', 'weekly_reports'],
  ['/api/rosters', 'officers'],
  ['/api/drill/officers', 'officers'],
  ['/api/warnings', 'petitions'],
  ['/api/coverage', 'units'],
  ['/api/drill/villages', 'units'],
];

interface Client {
  login: string;
  cookie: string;
  units: string[];
}

async function endpoints(app: FastifyInstance): Promise<string[]> {
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, { get?: { parameters?: { name: string; in: string; required?: boolean }[] } }>;
  };
  return Object.entries(doc.paths)
    .filter(([p, ops]) => {
      const params = ops.get?.parameters ?? [];
      return !p.includes('{') && params.some((q) => q.name === 'unit') && !params.some((q) => q.required && q.name !== 'unit');
    })
    .map(([p]) => p)
    .sort();
}

async function timed(url: string, cookie: string): Promise<{ ms: number; ok: boolean; status: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  await response.arrayBuffer();
  return { ms: performance.now() - started, ok: response.ok, status: response.status };
}

export async function api(ctx: BenchContext): Promise<Measurement[]> {
  // Each scale keeps its own results: a 10× run does not replace the default demo's.
  const suite = ctx.scale === 1 ? 'api' : `api-scale-${ctx.scale}`;
  const results: Measurement[] = [];
  if ((await readMeta(ctx.store)).get(META.dataset) !== 'demo') {
    ctx.log(`api: no demo in ${ctx.config.dataDir}; building it (scale ${ctx.scale})`);
    await buildDemo(ctx.store, loadSealer(ctx.config), { scale: ctx.scale, force: true }, ctx.progress);
  }
  const asOf = await referenceDate(ctx.store);
  await ensureDemoUsers(ctx.store, asOf, PASSWORD);
  const app = await buildApp({ config: ctx.config, store: ctx.store, ownsStore: false, boot: { phase: 'ready', step: null, progress: null, message: 'Ready', background: null }, logger: false, serveDashboard: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const sizes: Record<string, number> = {};
    for (const table of ['units', 'officers', 'weekly_reports', 'petitions', 'petition_events', 'opinion_posts', 'nlp_labels']) {
      const [row] = await ctx.store.query<{ n: string }>('SELECT count() AS n FROM {table:Identifier}', { table });
      sizes[table] = Number(row?.n ?? 0);
      results.push({ suite, name: `data: ${table} rows`, value: sizes[table] as number, unit: 'rows' });
    }
    const countMs: Record<string, number> = {};
    for (const table of new Set(TABLE_OF.map(([, t]) => t))) {
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        const started = performance.now();
        await ctx.store.query('SELECT count() AS n FROM {table:Identifier}', { table });
        times.push(performance.now() - started);
      }
      countMs[table] = percentile(times.sort((a, b) => a - b), 50);
    }

    const login = async (name: string) => {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: name, password: PASSWORD }) });
      if (!res.ok) throw new Error(`log-in of ${name} failed: ${res.status}`);
      return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
    };
    const provinces = (await ctx.store.query<{ code: string }>("SELECT code FROM units FINAL WHERE level = 'province' AND valid_to > {d:Date} ORDER BY code", { d: asOf })).map((r) => r.code);
    const hanoiCommunes = (await ctx.store.query<{ code: string }>("SELECT code FROM units FINAL WHERE level = 'commune' AND province_code = '01' AND valid_to > {d:Date} ORDER BY code LIMIT 12", { d: asOf })).map((r) => r.code);
    const random = new Random(2025, 'bench-api');
    const clients: Client[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      // A national mix: a third central leadership, a third Hà Nội, a third analysts; each asks within their scope.
      const kind = i % 3;
      if (kind === 0) clients.push({ login: 'trunguong', cookie: await login('trunguong'), units: ['VN', ...random.shuffle([...provinces]).slice(0, 4)] });
      else if (kind === 1) clients.push({ login: 'hanoi', cookie: await login('hanoi'), units: ['01', ...hanoiCommunes.slice(0, 4)] });
      else clients.push({ login: 'phantich', cookie: await login('phantich'), units: ['VN', ...random.shuffle([...provinces]).slice(0, 2)] });
    }
    const paths = await endpoints(app);
    ctx.log(`api: ${paths.length} endpoints, ${CLIENTS} clients × ${REQUESTS_PER_CLIENT} requests`);

    // Cold: each endpoint alone, national, with the answer cache cleared before each request.
    for (const path of paths) {
      const times: number[] = [];
      for (let i = 0; i < COLD_REPEATS; i++) {
        clearQueryCache();
        times.push((await timed(`${base}${path}?unit=VN`, clients[0]?.cookie as string)).ms);
      }
      results.push({ suite, name: `${path} national, cold, 1 client, p50`, value: percentile(times.sort((a, b) => a - b), 50), unit: 'ms' });
    }

    // Warm: one pass over every client's mix, then all clients at once.
    const plans = clients.map((c) => Array.from({ length: REQUESTS_PER_CLIENT }, (_, i) => `${paths[i % paths.length]}?unit=${c.units[Math.floor(i / paths.length) % c.units.length]}`));
    for (const [i, plan] of plans.entries()) for (const url of new Set(plan)) await timed(`${base}${url}`, clients[i]?.cookie as string);
    const byPath = new Map<string, number[]>(paths.map((p) => [p, []]));
    let errors = 0;
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const started = performance.now();
    await Promise.all(
      plans.map(async (plan, i) => {
        for (const url of random.shuffle([...plan])) {
          const r = await timed(`${base}${url}`, clients[i]?.cookie as string);
          if (!r.ok) errors++;
          byPath.get(url.split('?')[0] as string)?.push(r.ms);
        }
      }),
    );
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    const target = ctx.scale >= 10 ? 600 : 150;
    for (const [path, times] of byPath) {
      times.sort((a, b) => a - b);
      const table = TABLE_OF.find(([prefix]) => path.startsWith(prefix))?.[1];
      const p95 = percentile(times, 95);
      results.push({
        suite,
        name: `${path} warm, ${CLIENTS} clients, p95`,
        value: p95,
        unit: 'ms',
        target: { op: '<', value: target },
        note: `p50 ${percentile(times, 50).toFixed(1)} ms, ${times.length} requests${table ? `; ${(p95 / (countMs[table] as number)).toFixed(1)}× a count() of ${table} (${(countMs[table] as number).toFixed(1)} ms)` : ''}`,
      });
    }
    results.push({ suite, name: `requests answered, ${CLIENTS} clients`, value: CLIENTS * REQUESTS_PER_CLIENT / seconds, unit: 'req/s', note: `${CLIENTS * REQUESTS_PER_CLIENT} requests in ${seconds.toFixed(1)} s` });
    results.push({ suite, name: 'errors under load', value: errors, unit: 'requests', target: { op: '<=', value: 0 } });
    results.push({ suite, name: 'server process memory (RSS) under load', value: peakRss / 2 ** 20, unit: 'MiB', target: { op: '<', value: 2048 }, note: 'the bench process serves the API, with the embedded store in it' });
  } finally {
    await app.close();
  }
  return results;
}
