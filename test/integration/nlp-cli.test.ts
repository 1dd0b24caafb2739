/**
 * The nlp command as other tools call it: train on any labelled CSV, eval with one JSON object, label with features.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SPLITS_DIR } from '../../analytics/nlp/shipped.js';
import { tempDir } from '../support/store.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = (args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', 'analytics/cli/nlp.ts', ...args], { cwd: ROOT, env: { ...process.env }, maxBuffer: 16 * 1024 * 1024 });

describe('npm run nlp', () => {
  const dir = tempDir();
  const model = path.join(dir, 'sentiment-test.model.gz');
  // Any CSV with any column names and label set: here the hand-written train split under other names, labels renamed.
  const data = path.join(dir, 'feedback.csv');
  const lines = fs.readFileSync(path.join(SPLITS_DIR, 'train.csv'), 'utf8').split('\n');
  fs.writeFileSync(data, lines.map((l, i) => (i === 0 ? '"sentence","topic","polarity","register"' : l.replace(/"(negative|neutral|positive)"/, (_, s: string) => `"${{ negative: 0, neutral: 1, positive: 2 }[s as 'negative']}"`))).join('\n'));

  it('trains a model on a labelled CSV with any label set, printing its progress', async () => {
    const { stderr } = await run(['train', '--data', data, '--text', 'sentence', '--label', 'polarity', '--out', model]);
    expect(stderr).toMatch(/labels: 0 \d+, 1 \d+, 2 \d+/);
    expect(stderr).toMatch(/pass 1/);
    expect(fs.existsSync(model)).toBe(true);
  }, 120_000);

  it('evaluates it as one JSON object with per-class figures and speed', async () => {
    const test = path.join(dir, 'test.csv');
    const held = fs.readFileSync(path.join(SPLITS_DIR, 'test.csv'), 'utf8').split('\n');
    fs.writeFileSync(test, held.map((l, i) => (i === 0 ? '"sentence","topic","polarity","register"' : l.replace(/"(negative|neutral|positive)"/, (_, s: string) => `"${{ negative: 0, neutral: 1, positive: 2 }[s as 'negative']}"`))).join('\n'));
    const { stdout } = await run(['eval', '--model', model, '--data', test, '--text', 'sentence', '--label', 'polarity', '--json']);
    const result = JSON.parse(stdout);
    expect(Object.keys(result).sort()).toEqual(['accuracy', 'docsPerSecond', 'macroF1', 'n', 'perClass', 'weightedF1']);
    expect(Object.keys(result.perClass).sort()).toEqual(['0', '1', '2']);
    expect(result.perClass['0']).toEqual({ precision: expect.any(Number), recall: expect.any(Number), f1: expect.any(Number), support: expect.any(Number) });
    expect(result.weightedF1).toBeGreaterThan(0.8);
  }, 120_000);

  it('labels a text with the shipped model by name, saying which features weighed most', async () => {
    const { stdout } = await run(['label', '--model', 'topic', '--text', 'Trường học thu thêm nhiều khoản ngoài học phí, phụ huynh rất bức xúc', '--json']);
    const result = JSON.parse(stdout);
    expect(result.label).toBe('giao_duc');
    expect(result.confidence).toBeGreaterThan(0.3);
    expect(result.features.length).toBeGreaterThan(0);
    expect(result.features[0]).toEqual({ feature: expect.any(String), weight: expect.any(Number) });
  }, 60_000);

  it('answers a missing column with the file and the columns it has', async () => {
    await expect(run(['eval', '--model', 'topic', '--data', data, '--text', 'noi_dung', '--label', 'polarity'])).rejects.toMatchObject({
      stderr: expect.stringContaining('no column noi_dung (columns: sentence, topic, polarity, register)'),
    });
  }, 60_000);
});
