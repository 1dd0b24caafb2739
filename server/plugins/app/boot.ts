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
import { datasetOrigin } from '../../../analytics/queries/meta.js';
import { dayInVietnam } from '../../../analytics/clock.js';
import { buildDemo, BUNDLED_UNITS_FILE } from '../../../ingest/demo/index.js';
import { importOfficialUnits } from '../../../ingest/kinds/official-units.js';
import { fileSource } from '../../../ingest/readers/index.js';

export interface BootState {
  phase: 'starting' | 'migrating' | 'loading-registry' | 'building-demo' | 'ready' | 'failed';
  /** The demo step under way, e.g. "petitions". */
  step: string | null;
  /** Percent of the whole start-up work, 0–100. */
  progress: number | null;
  message: string;
}

export function initialBootState(): BootState {
  return { phase: 'starting', step: null, progress: null, message: 'Starting' };
}

/** Runs once after the server starts listening; never throws (a failure is kept in the state and logged). */
export async function bootStore(config: Config, store: Store, state: BootState, log: FastifyBaseLogger): Promise<void> {
  const set = (patch: Partial<BootState>) => Object.assign(state, patch);
  try {
    set({ phase: 'migrating', message: 'Applying schema migrations' });
    const report = await migrate(store, { onApply: (m) => log.info(`migration ${String(m.version).padStart(4, '0')}_${m.name}`) });
    if (report.applied.length > 0) log.info(`schema: ${report.applied.length} migration(s) applied`);

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
    } else if (units.length === 0) {
      set({ phase: 'loading-registry', message: 'Loading the official unit registry' });
      const summary = await importOfficialUnits(store, fileSource(BUNDLED_UNITS_FILE), { wayIn: 'cli', startedBy: 'system' });
      log.info(`registry loaded: ${summary.stored} communes`);
    }
    set({ phase: 'ready', step: null, progress: null, message: 'Ready' });
  } catch (error) {
    set({ phase: 'failed', step: null, progress: null, message: `Start-up failed: ${(error as Error).message}` });
    log.error(error, 'start-up failed');
  }
}
