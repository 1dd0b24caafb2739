/**
 * The NLP against the real store: relabelling as a new version beside the old, the review queue and its corrections
 * feeding the next training.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemo } from '../../ingest/demo/index.js';
import { loadSealer } from '../../analytics/privacy/seal.js';
import { createAnnotator } from '../../analytics/nlp/annotate.js';
import { labelVersions, relabelAll } from '../../analytics/nlp/relabel.js';
import { activeVersion, exportReviews, itemLabels, recordCorrection, reviewQueue } from '../../analytics/nlp/reviews.js';
import { shippedLabeller } from '../../analytics/nlp/labeller.js';
import { DEMO_LABEL_VERSION } from '../../analytics/nlp/labels.js';
import { openTestStore, tempDir, type TestStore } from '../support/store.js';

let t: TestStore;
beforeAll(async () => {
  t = await openTestStore();
  await buildDemo(t.store, loadSealer(t.config), { petitions: 400, posts: 400 });
});
afterAll(async () => t.close());

describe('relabelling', () => {
  it('labels every item as a new version, keeps the old labels and makes the new version the one read', async () => {
    expect(await activeVersion(t.store)).toBe(DEMO_LABEL_VERSION);
    const summary = await relabelAll(t.store, await createAnnotator(t.store));
    expect(summary).toMatchObject({ version: shippedLabeller().version, previous: DEMO_LABEL_VERSION, petitions: 400, posts: 400 });
    expect(await activeVersion(t.store)).toBe(summary.version);
    const versions = await labelVersions(t.store, {});
    expect(versions).toEqual([
      { model_version: DEMO_LABEL_VERSION, petitions: 400, posts: 400 },
      { model_version: summary.version, petitions: 400, posts: 400 },
    ].sort((a, b) => a.model_version.localeCompare(b.model_version)));
  });

  it('refuses to label again with the same version unless forced, and then does not double the counts', async () => {
    await expect(relabelAll(t.store, await createAnnotator(t.store))).rejects.toThrow(/already has labels of version/);
    await relabelAll(t.store, await createAnnotator(t.store), { force: true });
    const mine = (await labelVersions(t.store, {})).find((v) => v.model_version === shippedLabeller().version);
    expect(mine).toEqual({ model_version: shippedLabeller().version, petitions: 400, posts: 400 });
  });

  it('stores the place a text names and its terms', async () => {
    const [row] = await t.store.query<{ n: number; terms: number }>(
      "SELECT countIf(place_province_code != '') AS n, avg(length(terms)) AS terms FROM nlp_labels WHERE model_version = {v:String}",
      { v: shippedLabeller().version },
    );
    expect(row?.n).toBeGreaterThan(100);
    expect(row?.terms).toBeGreaterThan(5);
  });
});

describe('the review queue', () => {
  it('lists low-confidence labels, least sure first, and takes an analyst\'s correction', async () => {
    const queue = await reviewQueue(t.store, { model_version: await activeVersion(t.store), max_confidence: 0.9, province_code: '', item_kind: '', page_size: 5, page_offset: 0 });
    expect(queue.length).toBeGreaterThan(0);
    const confidences = queue.map((q) => Math.min(q.topic_confidence, q.sentiment_confidence));
    expect([...confidences].sort((a, b) => a - b)).toEqual(confidences);
    const first = queue[0] as (typeof queue)[number];
    const label = first.topic === 'khac' ? 'dat_dai' : 'khac';
    await recordCorrection(t.store, { item_kind: first.item_kind, item_id: first.item_id, task: 'topic', label, reviewer: 'analyst-1' });
    const after = await reviewQueue(t.store, { model_version: await activeVersion(t.store), max_confidence: 0.9, province_code: '', item_kind: '', page_size: 50, page_offset: 0 });
    expect(after.find((q) => q.item_id === first.item_id)).toBeUndefined();
    expect((await itemLabels(t.store, { model_version: await activeVersion(t.store), item_kind: first.item_kind, item_id: first.item_id }))[0]?.topic).toBe(first.topic);

    const dir = tempDir();
    const exported = await exportReviews(t.store, dir);
    expect(exported.rows).toBe(1);
    const rows = parse(fs.readFileSync(path.join(dir, 'reviews.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({ topic: label, sentiment: '' });
    expect((rows[0]?.text ?? '').length).toBeGreaterThan(10);
  });

  it('refuses a label outside the taxonomy and an item without labels', async () => {
    await expect(recordCorrection(t.store, { item_kind: 'post', item_id: 'OP-00000001', task: 'topic', label: 'weather', reviewer: 'a' })).rejects.toThrow(/not a topic label/);
    await expect(recordCorrection(t.store, { item_kind: 'post', item_id: 'nope', task: 'sentiment', label: 'positive', reviewer: 'a' })).rejects.toThrow(/has labels/);
  });
});
