/**
 * Relabelling: every petition and post labelled again by the current models, as a new model version beside the old
 * ones (each version is its own partition of nlp_labels, so the old labels stay queryable), then made the version the
 * dashboards read. One command: `npm run nlp -- relabel`.
 */
import type { Store } from '../store/index.js';
import { defineQuery } from '../queries/define.js';
import { readMeta, writeMeta } from '../queries/meta.js';
import { ACTIVE_MODEL_KEY } from './labels.js';
import type { Annotator, ItemKind, LabelRow, TextItem } from './annotate.js';

const petitionTextsPage = defineQuery<PageParams, TextItem>('nlp/petition_texts_page');
const postTextsPage = defineQuery<PageParams, TextItem>('nlp/post_texts_page');
export const labelVersions = defineQuery<Record<string, never>, { model_version: string; petitions: number; posts: number }>('nlp/label_versions');

interface PageParams {
  [key: string]: unknown;
  after_province: string;
  after_commune: string;
  after_time: string;
  after_id: string;
  page_size: number;
}

const PAGE_SIZE = 20_000;

export class RelabelRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export interface RelabelSummary {
  version: string;
  previous: string | null;
  petitions: number;
  posts: number;
  seconds: number;
}

export async function relabelAll(
  store: Store,
  annotator: Annotator,
  options: { force?: boolean; progress?: (kind: ItemKind, done: number) => void } = {},
): Promise<RelabelSummary> {
  const started = performance.now();
  const version = annotator.version;
  const existing = (await labelVersions(store, {})).find((v) => v.model_version === version);
  if (existing && !options.force) {
    throw new RelabelRefusedError(
      `every item already has labels of version ${version} (${existing.petitions} petitions, ${existing.posts} posts); ` +
        'use --force to label them again',
    );
  }
  if (existing) await dropVersion(store, version);
  const previous = (await readMeta(store)).get(ACTIVE_MODEL_KEY) ?? null;
  const counts = { petition: 0, post: 0 };
  for (const kind of ['petition', 'post'] as const) {
    const page = kind === 'petition' ? petitionTextsPage : postTextsPage;
    let after: PageParams = { after_province: '', after_commune: '', after_time: '1970-01-01 00:00:00', after_id: '', page_size: PAGE_SIZE };
    let pending: Promise<void> = Promise.resolve();
    for (;;) {
      const items = await page(store, after);
      if (items.length === 0) break;
      const labelledAt = new Date().toISOString();
      const rows: LabelRow[] = items.map((item) => annotator.annotate(kind, item, labelledAt));
      await pending; // one insert in flight while the next page is labelled
      pending = store.insert('nlp_labels', rows);
      counts[kind] += items.length;
      options.progress?.(kind, counts[kind]);
      const last = items[items.length - 1] as TextItem;
      after = { ...after, after_province: last.province_code, after_commune: last.commune_code, after_time: last.occurred_at, after_id: last.item_id };
    }
    await pending;
  }
  await writeMeta(store, { [ACTIVE_MODEL_KEY]: version });
  return { version, previous, petitions: counts.petition, posts: counts.post, seconds: (performance.now() - started) / 1000 };
}

/** Removes one version's labels and its weekly counts, to label again with it. */
async function dropVersion(store: Store, version: string): Promise<void> {
  await store.command('DELETE FROM nlp_labels WHERE model_version = {version:String}', { version });
  await store.command('DELETE FROM nlp_labels_weekly WHERE model_version = {version:String}', { version });
  await store.command('DELETE FROM nlp_terms_weekly WHERE model_version = {version:String}', { version });
}
