/**
 * The review queue: low-confidence labels for an analyst to check, the corrections they make, and their export into
 * analytics/nlp/corpus/reviews so that the next `npm run nlp -- build-models` learns from them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Store } from '../store/index.js';
import { defineQuery } from '../queries/define.js';
import { readMeta, writeMeta } from '../queries/meta.js';
import { ACTIVE_MODEL_KEY } from './labels.js';
import { REVIEWS_DIR } from './shipped.js';
import { SENTIMENTS, TOPICS } from './taxonomy.js';

/** Labels less sure than this, for topic or sentiment, are queued for review. */
export const REVIEW_BELOW_CONFIDENCE = 0.6;

export interface QueuedItem {
  item_kind: 'petition' | 'post';
  item_id: string;
  topic: string;
  topic_confidence: number;
  sentiment: string;
  sentiment_confidence: number;
  occurred_at: string;
  province_code: string;
  commune_code: string;
}

export const reviewQueue = defineQuery<
  { model_version: string; max_confidence: number; province_code: string; item_kind: string; page_size: number; page_offset: number },
  QueuedItem
>('nlp/review_queue');

export const reviewedTexts = defineQuery<Record<string, never>, { item_kind: string; item_id: string; text: string; topic: string; sentiment: string }>(
  'nlp/reviewed_texts',
);

export const itemLabels = defineQuery<
  { model_version: string; item_kind: string; item_id: string },
  { topic: string; topic_confidence: number; sentiment: string; sentiment_confidence: number; place_province_code: string; place_commune_code: string; terms: string[] }
>('nlp/item_labels');

export class ReviewError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export async function activeVersion(store: Store): Promise<string> {
  return (await readMeta(store)).get(ACTIVE_MODEL_KEY) ?? '';
}

/**
 * Makes `version` the one the dashboards read when none is yet. A store built from the official list and files, not
 * from the demo, has none until something is labelled: without this, the topics of every petition and post loaded
 * would read as 0 until an administrator relabelled. A version chosen already (the demo's, a relabel's) is kept.
 */
export async function activateIfNone(store: Store, version: string): Promise<void> {
  if (version !== '' && (await activeVersion(store)) === '') await writeMeta(store, { [ACTIVE_MODEL_KEY]: version });
}

export interface Correction {
  item_kind: 'petition' | 'post';
  item_id: string;
  task: 'topic' | 'sentiment';
  label: string;
  reviewer: string;
}

/** Stores an analyst's correction; the label must belong to the task's vocabulary and the item must be labelled. */
export async function recordCorrection(store: Store, c: Correction): Promise<void> {
  const vocabulary: readonly string[] = c.task === 'topic' ? TOPICS : SENTIMENTS;
  if (!vocabulary.includes(c.label)) throw new ReviewError(`"${c.label}" is not a ${c.task} label (${vocabulary.join(', ')})`);
  const version = await activeVersion(store);
  const [current] = await itemLabels(store, { model_version: version, item_kind: c.item_kind, item_id: c.item_id });
  if (!current) throw new ReviewError(`no ${c.item_kind} ${c.item_id} has labels of version ${version}`);
  await store.insert('nlp_reviews', [
    { ...c, model_version: version, model_label: current[c.task], reviewed_at: new Date().toISOString() },
  ]);
}

/** Writes every correction, with its text, to corpus/reviews/reviews.csv (columns text, topic, sentiment, register). */
export async function exportReviews(store: Store, dir = REVIEWS_DIR): Promise<{ file: string; rows: number }> {
  const rows = await reviewedTexts(store, {});
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'reviews.csv');
  fs.writeFileSync(
    file,
    stringify(
      rows.map((r) => ({ text: r.text, topic: r.topic, sentiment: r.sentiment, register: r.item_kind === 'petition' ? 'petition' : 'comment' })),
      { header: true, columns: ['text', 'topic', 'sentiment', 'register'], quoted: true },
    ),
  );
  return { file, rows: rows.length };
}
