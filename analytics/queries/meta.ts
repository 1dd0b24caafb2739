/**
 * Typed functions for sql/queries/meta: facts about the dataset itself.
 */
import type { Store } from '../store/index.js';
import { defineQuery } from './define.js';
import { dayInVietnam } from '../clock.js';

export const appMeta = defineQuery<Record<string, never>, { key: string; value: string; updated_at: string }>('meta/app_meta');

/** Keys of app_meta, in one place. */
export const META = {
  /** 'demo' when the store holds the generated demo dataset. */
  dataset: 'dataset',
  /** The day a dataset's figures describe ("now" for a demo); absent = today. */
  referenceDate: 'reference_date',
  demoSeed: 'demo.seed',
  demoScale: 'demo.scale',
  demoBuiltAt: 'demo.built_at',
} as const;

export async function readMeta(store: Store): Promise<Map<string, string>> {
  const rows = await appMeta(store, {});
  return new Map(rows.map((r) => [r.key, r.value]));
}

export async function writeMeta(store: Store, entries: Record<string, string>): Promise<void> {
  const now = new Date().toISOString();
  await store.insert(
    'app_meta',
    Object.entries(entries).map(([key, value]) => ({ key, value, updated_at: now })),
  );
}

export const datasetOrigin = defineQuery<Record<string, never>, { table_name: string; demo_rows: number; other_rows: number }>(
  'meta/dataset_origin',
);

/** "Today" for the data: a demo's reference day, else the day in Vietnam. */
export async function referenceDate(store: Store): Promise<string> {
  return (await readMeta(store)).get(META.referenceDate) ?? dayInVietnam();
}
