/**
 * Getting the store ready at start: apply pending migrations, and on an empty store load the official registry
 * and build the demo dataset, reporting progress to the log and to /api/health while the server already answers.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../../analytics/config.js';
import type { Store } from '../../../analytics/store/index.js';
import { migrate } from '../../../analytics/store/migrate.js';
import { loadSealer } from '../../../analytics/privacy/seal.js';
import { unitsInForce } from '../../../analytics/queries/registry.js';
import { datasetOrigin, referenceDate } from '../../../analytics/queries/meta.js';
import { DEMO_USERS, ensureDemoUsers } from '../../../analytics/access/demo-users.js';
import { dayInVietnam } from '../../../analytics/clock.js';
import { buildDemo } from '../../../ingest/demo/index.js';
import { recoverInterruptedRuns } from '../../../ingest/pipeline/recovery.js';
import { loadBundledRegistry } from '../../../ingest/kinds/registry.js';
import { createAnnotator } from '../../../analytics/nlp/annotate.js';
import { labelVersions, relabelAll } from '../../../analytics/nlp/relabel.js';
import { activeVersion } from '../../../analytics/nlp/reviews.js';
import { DEMO_LABEL_VERSION } from '../../../analytics/nlp/labels.js';

export interface BootState {
  phase: 'starting' | 'migrating' | 'loading-registry' | 'building-demo' | 'ready' | 'failed';
  /** The demo step under way, e.g. "petitions". */
  step: string | null;
  /** Percent of the whole start-up work, 0–100. */
  progress: number | null;
  message: string;
  /** Work that goes on after the server is ready (labelling the demo with the shipped models), or null. */
  background: string | null;
}

export function initialBootState(): BootState {
  return { phase: 'starting', step: null, progress: null, message: 'Starting', background: null };
}

/** Runs once after the server starts listening; never throws (a failure is kept in the state and logged). */
export async function bootStore(config: Config, store: Store, state: BootState, log: FastifyBaseLogger): Promise<void> {
  const set = (patch: Partial<BootState>) => Object.assign(state, patch);
  try {
    set({ phase: 'migrating', message: 'Applying schema migrations' });
    const report = await migrate(store, { onApply: (m) => log.info(`migration ${String(m.version).padStart(4, '0')}_${m.name}`) });
    if (report.applied.length > 0) log.info(`schema: ${report.applied.length} migration(s) applied`);
    // A run killed with the last process left a staging table and a "running" record. The embedded store has one
    // process, so all of them are dead; a ClickHouse server may be shared, so only day-old ones are taken as dead.
    const recovered = await recoverInterruptedRuns(store, store.engine === 'embedded' ? 0 : 24);
    for (const run of recovered.interrupted) {
      log.warn(`ingest: run ${run.run_id} (${run.kind}, ${run.file}) was cut short by the last stop; load the file again (nothing is stored twice)`);
    }

    const units = await unitsInForce(store, { as_of: dayInVietnam(), levels: ['province'], province_code: '' });
    const empty = units.length === 0 && (await datasetOrigin(store, {})).every((t) => t.demo_rows + t.other_rows === 0);
    if (empty && config.demoOnEmpty) {
      set({ phase: 'building-demo', message: 'Building the demo dataset' });
      log.info(`empty store: building the demo dataset (scale ${config.demoScale}); the dashboard shows progress meanwhile`);
      let lastLog = 0;
      const summary = await buildDemo(store, loadSealer(config), { scale: config.demoScale }, (p) => {
        const overall = p.overall ?? 0;
        set({ step: p.step, progress: overall, message: `Building the demo dataset: ${p.step} (${overall} % in all)` });
        if (Date.now() - lastLog > 3000) {
          lastLog = Date.now();
          log.info(`demo: ${overall} % (${p.step} ${p.done}/${p.total})`);
        }
      });
      log.info(`demo built in ${summary.seconds.toFixed(1)} s (${summary.petitions} petitions, ${summary.posts} posts, as of ${summary.asOf})`);
    } else {
      set({ phase: 'loading-registry', message: 'Loading the official unit registry' });
      for (const summary of await loadBundledRegistry(store, 'cli')) log.info(`registry: ${summary.kind} loaded, ${summary.stored} rows stored`);
    }
    if ((await datasetOrigin(store, {})).some((t) => t.demo_rows > 0)) await demoUsers(config, store, log);
    set({ phase: 'ready', step: null, progress: null, message: 'Ready' });
    if ((await activeVersion(store)) === DEMO_LABEL_VERSION) await labelDemo(store, state, log);
  } catch (error) {
    set({ phase: 'failed', step: null, progress: null, message: `Start-up failed: ${(error as Error).message}` });
    log.error(error, 'start-up failed');
  }
}

/** The demo's users (one per role), created once; a generated password is printed this once. */
async function demoUsers(config: Config, store: Store, log: FastifyBaseLogger): Promise<void> {
  const { created, generatedPassword } = await ensureDemoUsers(store, await referenceDate(store), config.demoPassword);
  if (created === 0) return;
  const logins = DEMO_USERS.map((u) => `${u.login} (${u.role} ${u.home_unit_code})`).join(', ');
  if (generatedPassword) log.warn(`demo users created: ${logins}; password "${generatedPassword}" (shown once; set DEMO_PASSWORD to choose it)`);
  else log.info(`demo users created: ${logins}; password from DEMO_PASSWORD`);
}

/**
 * The demo is built with the labels its generator meant (fast); once the server is ready, the shipped models label it
 * as a new version in the background and the dashboards switch to their labels when done.
 */
async function labelDemo(store: Store, state: BootState, log: FastifyBaseLogger): Promise<void> {
  const total = (await labelVersions(store, {})).find((v) => v.model_version === DEMO_LABEL_VERSION);
  const items = (total?.petitions ?? 0) + (total?.posts ?? 0);
  state.background = 'labelling the demo with the shipped models';
  log.info(`${state.background}: ${items} items`);
  try {
    const done = { petition: 0, post: 0 };
    const summary = await relabelAll(store, await createAnnotator(store), {
      progress: (kind, n) => {
        done[kind] = n;
        state.background = `labelling the demo with the shipped models (${Math.round((100 * (done.petition + done.post)) / Math.max(1, items))} %)`;
      },
    });
    log.info(`demo labelled by ${summary.version} in ${summary.seconds.toFixed(1)} s; the dashboards now read its labels`);
  } catch (error) {
    log.error(error, 'labelling the demo failed; the dashboards keep the generator\'s labels');
  } finally {
    state.background = null;
  }
}
