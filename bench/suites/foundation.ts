/**
 * Foundation benchmarks: building the default demo dataset in a fresh store, and the latency of /api/coverage
 * (national and one province) over 200 requests each, through the real HTTP server.
 */
import { buildApp } from '../../server/app.js';
import { buildDemo } from '../../ingest/demo/index.js';
import { loadSealer } from '../../analytics/privacy/seal.js';
import { META, readMeta } from '../../analytics/queries/meta.js';
import { percentile, type Measurement } from '../harness.js';
import type { BenchContext } from '../run.js';

const REQUESTS = 200;
const WARM_UP = 10;

/** The control token a local command presents: an admin, who sees the whole country. */
const TOKEN = 'bench-control-token';
const headers = { authorization: `Bearer ${TOKEN}` };

async function latencies(url: string): Promise<number[]> {
  for (let i = 0; i < WARM_UP; i++) await (await fetch(url, { headers })).arrayBuffer();
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

export async function foundation(ctx: BenchContext): Promise<Measurement[]> {
  const results: Measurement[] = [];
  const meta = await readMeta(ctx.store);
  if (ctx.reuse && meta.get(META.dataset) === 'demo' && Number(meta.get(META.demoScale)) === ctx.scale) {
    ctx.log(`reusing the demo in ${ctx.config.dataDir}: the build time is not measured`);
  } else {
    results.push(...(await measureDemoBuild(ctx)));
  }
  results.push(...(await measureCoverage(ctx)));
  return results;
}

const suite = 'foundation';

async function measureDemoBuild(ctx: BenchContext): Promise<Measurement[]> {
  const results: Measurement[] = [];
  ctx.log(`building the demo (scale ${ctx.scale}) in ${ctx.config.dataDir}`);
  const summary = await buildDemo(ctx.store, loadSealer(ctx.config), { scale: ctx.scale, force: true }, ctx.progress);
  results.push({
    suite,
    name: `demo build (${summary.petitions.toLocaleString('en-US')} petitions + ${summary.posts.toLocaleString('en-US')} posts)`,
    value: summary.seconds,
    unit: 's',
    target: ctx.scale === 1 ? { op: '<', value: 180 } : undefined,
  });
  for (const step of summary.steps) results.push({ suite, name: `  demo step ${step.step}`, value: step.seconds, unit: 's' });
  return results;
}

async function measureCoverage(ctx: BenchContext): Promise<Measurement[]> {
  const results: Measurement[] = [];
  const app = await buildApp({ config: ctx.config, store: ctx.store, ownsStore: false, controlToken: TOKEN, boot: { phase: 'ready', step: null, progress: null, message: 'Ready', background: null }, logger: false, serveDashboard: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    for (const [label, query] of [['national', ''], ['province 01 Hà Nội', '?unit=01']] as const) {
      const times = await latencies(`${base}/api/coverage${query}`);
      results.push({ suite, name: `/api/coverage ${label} p50 (${REQUESTS} requests)`, value: percentile(times, 50), unit: 'ms' });
      results.push({ suite, name: `/api/coverage ${label} p95 (${REQUESTS} requests)`, value: percentile(times, 95), unit: 'ms', target: { op: '<', value: 100 } });
    }
  } finally {
    await app.close();
  }
  return results;
}
