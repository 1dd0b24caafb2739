import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildShippedModels, SPLITS_DIR } from './shipped.js';
import { MODELS_DIR } from './labeller.js';
import { tempDir } from '../../test/support/store.js';

describe('the shipped models', () => {
  it('are what build-models makes from the corpus, byte for byte (rebuild after changing the pipeline or corpus)', () => {
    const out = tempDir();
    const report = buildShippedModels(() => {}, { modelsDir: path.join(out, 'models'), splitsDir: path.join(out, 'splits') });
    for (const file of ['topic.model.gz', 'sentiment.model.gz']) {
      expect(fs.readFileSync(path.join(out, 'models', file)).equals(fs.readFileSync(path.join(MODELS_DIR, file))), file).toBe(true);
    }
    for (const file of ['train.csv', 'test.csv']) {
      expect(fs.readFileSync(path.join(out, 'splits', file), 'utf8')).toBe(fs.readFileSync(path.join(SPLITS_DIR, file), 'utf8'));
    }
    // Never trained on: no held-out text appears in the training split.
    const train = new Set(fs.readFileSync(path.join(SPLITS_DIR, 'train.csv'), 'utf8').split('\n'));
    expect(fs.readFileSync(path.join(SPLITS_DIR, 'test.csv'), 'utf8').split('\n').slice(1).filter((l) => l && train.has(l))).toEqual([]);
    expect(report.models.topic.heldOut.n).toBe(report.corpus.heldOut);
  }, 120_000);
});
