/**
 * The demo dataset: a deterministic national year on top of the real unit registry, reproducing the Front's
 * published figures of 16 September 2025 exactly, with a million petitions and a million opinion posts by default.
 * Built as an ordered list of named steps; the same seed and sizes always give the same data.
 */
import type { Store } from '../../analytics/store/index.js';
import { migrate } from '../../analytics/store/migrate.js';
import type { Sealer } from '../../analytics/privacy/seal.js';
import { unitsInForce } from '../../analytics/queries/registry.js';
import { datasetOrigin, META, writeMeta } from '../../analytics/queries/meta.js';
import { ACTIVE_MODEL_KEY, DEMO_LABEL_VERSION } from '../../analytics/nlp/labels.js';
import { isCalendarDay } from '../../analytics/clock.js';
import { loadBundledRegistry } from '../kinds/registry.js';
import { PUBLISHED } from './published.js';
import { buildVillages } from './villages.js';
import { buildOfficers } from './officers.js';
import { buildWeeklyReports } from './weekly-reports.js';
import { buildPetitions } from './petitions.js';
import { buildOpinionPosts } from './opinion-posts.js';
import type { DemoContext, DemoProgress } from './context.js';

/** Default sizes at scale 1. */
export const DEFAULT_ITEMS = 1_000_000;
export const DEFAULT_SEED = 20250916;


export interface DemoOptions {
  seed?: number;
  /** Multiplies the default million petitions and million posts (and the scenarios with them). */
  scale?: number;
  /** Exact counts, overriding the scale (tests use small ones). */
  petitions?: number;
  posts?: number;
  asOf?: string;
  /** Replace a store that holds data not made by the demo. */
  force?: boolean;
}

export interface DemoSummary {
  seed: number;
  scale: number;
  asOf: string;
  petitions: number;
  posts: number;
  seconds: number;
  steps: { step: string; seconds: number }[];
}

export class DemoRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Tables the demo fills and empties. Rollups fed by materialized views are emptied with their sources. */
const DEMO_TABLES = [
  'unit_targets',
  'officers',
  'weekly_reports',
  'weekly_report_submissions',
  'petitions',
  'petitions_weekly',
  'petition_events',
  'petition_status',
  'opinion_posts',
  'nlp_labels',
  'nlp_labels_weekly',
  'nlp_terms_weekly',
  'ingest_keys',
];

/** A step's name, its work, and its share of a usual build's time (for the overall progress). */
type Step = { name: string; weight: number; run: (ctx: DemoContext) => Promise<void> };

export async function buildDemo(
  store: Store,
  sealer: Sealer,
  options: DemoOptions = {},
  progress: (p: DemoProgress) => void = () => {},
): Promise<DemoSummary> {
  const scale = options.scale ?? 1;
  const asOf = options.asOf ?? PUBLISHED.asOf;
  if (!isCalendarDay(asOf)) throw new DemoRefusedError(`--as-of must be a day written YYYY-MM-DD, got "${asOf}"`);
  if (!(scale > 0)) throw new DemoRefusedError(`--scale must be above 0, got ${scale}`);
  const ctx: DemoContext = {
    store,
    sealer,
    seed: options.seed ?? DEFAULT_SEED,
    asOf,
    scale,
    petitions: options.petitions ?? Math.round(DEFAULT_ITEMS * scale),
    posts: options.posts ?? Math.round(DEFAULT_ITEMS * scale),
    provinces: [],
    communes: [],
    villages: new Map(),
    progress: () => {},
  };

  const steps: Step[] = [
    { name: 'schema', weight: 0.5, run: async () => void (await migrate(store)) },
    { name: 'registry', weight: 0.5, run: (c) => loadRegistry(c) },
    { name: 'clear', weight: 0.5, run: (c) => clearPreviousDemo(c, options.force ?? false) },
    { name: 'villages', weight: 1, run: buildVillages },
    { name: 'officers', weight: 2.5, run: buildOfficers },
    { name: 'weekly_reports', weight: 4, run: buildWeeklyReports },
    { name: 'petitions', weight: 70, run: buildPetitions },
    { name: 'opinion_posts', weight: 20, run: buildOpinionPosts },
    { name: 'meta', weight: 0.5, run: (c) => recordDemo(c) },
  ];

  const totalWeight = steps.reduce((n, s) => n + s.weight, 0);
  const started = performance.now();
  const timings: { step: string; seconds: number }[] = [];
  let doneWeight = 0;
  for (const step of steps) {
    const t = performance.now();
    const report = (done: number, total: number) =>
      progress({ step: step.name, done, total, overall: Math.round((1000 * (doneWeight + (step.weight * done) / Math.max(1, total))) / totalWeight) / 10 });
    ctx.progress = (p) => report(p.done, p.total);
    report(0, 1);
    await step.run(ctx);
    report(1, 1);
    doneWeight += step.weight;
    timings.push({ step: step.name, seconds: (performance.now() - t) / 1000 });
  }
  return {
    seed: ctx.seed,
    scale,
    asOf,
    petitions: ctx.petitions,
    posts: ctx.posts,
    seconds: (performance.now() - started) / 1000,
    steps: timings,
  };
}

async function loadRegistry(ctx: DemoContext): Promise<void> {
  const read = () => unitsInForce(ctx.store, { as_of: ctx.asOf, levels: ['province', 'commune'], province_code: '' });
  await loadBundledRegistry(ctx.store, 'demo', ctx.asOf);
  const units = await read();
  ctx.provinces = units.filter((u) => u.level === 'province').map((u) => ({ code: u.code, name: u.name, unit_type: u.unit_type, province_code: u.code }));
  ctx.communes = units.filter((u) => u.level === 'commune').map((u) => ({ code: u.code, name: u.name, unit_type: u.unit_type, province_code: u.province_code }));
  if (ctx.communes.length !== PUBLISHED.communes) {
    throw new DemoRefusedError(
      `the registry holds ${ctx.communes.length} communes on ${ctx.asOf}, but the published figures are for the 2025 list of ${PUBLISHED.communes}`,
    );
  }
}

async function clearPreviousDemo(ctx: DemoContext, force: boolean): Promise<void> {
  const origin = await datasetOrigin(ctx.store, {});
  const foreign = origin.filter((o) => o.other_rows > 0);
  if (foreign.length > 0 && !force) {
    throw new DemoRefusedError(
      `this store holds data that is not the demo's (${foreign.map((o) => `${o.table_name}: ${o.other_rows} rows`).join(', ')}). ` +
        'Building the demo would replace it: use another DATA_DIR, or pass --force to replace it.',
    );
  }
  for (const table of DEMO_TABLES) await ctx.store.command(`TRUNCATE TABLE ${table}`);
  await ctx.store.command("DELETE FROM units WHERE source = 'demo'");
}

async function recordDemo(ctx: DemoContext): Promise<void> {
  await writeMeta(ctx.store, {
    [META.dataset]: 'demo',
    [META.referenceDate]: ctx.asOf,
    [META.demoSeed]: String(ctx.seed),
    [META.demoScale]: String(ctx.scale),
    [META.demoBuiltAt]: new Date().toISOString(),
    [ACTIVE_MODEL_KEY]: DEMO_LABEL_VERSION,
  });
  // The registry and rosters are read with FINAL: merged parts make that cheap.
  for (const table of ['units', 'unit_targets', 'officers']) await ctx.store.command(`OPTIMIZE TABLE ${table} FINAL`);
}
