import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainClassifier } from './training.js';
import { LinearModel } from './model.js';
import { Labeller, loadModel, shippedLabeller } from './labeller.js';
import { readLabelled } from './corpus.js';
import { SPLITS_DIR } from './shipped.js';

const examples = [
  ...['đường hỏng nặng', 'cầu sập rồi', 'mất điện cả ngày', 'nước sạch không có', 'duong nat qua', 'mat dien hoai'].map((text) => ({ text, label: 'ha_tang' })),
  ...['học phí tăng cao', 'thiếu giáo viên dạy', 'trường lớp xuống cấp', 'hoc phi qua cao', 'giao vien day them', 'lop hoc dot nat'].map((text) => ({ text, label: 'giao_duc' })),
].map((e, i) => ({ ...e, row: i + 2 }));

describe('the classifier', () => {
  it('learns any label set and labels text with and without diacritics', () => {
    const { model } = trainClassifier({ name: 'toy', source: 'test', examples, l2: 1e-4, features: { buckets: 1 << 12 } });
    expect(model.labels).toEqual(['giao_duc', 'ha_tang']);
    expect(model.predict('đường sá hỏng hết').label).toBe('ha_tang');
    expect(model.predict('hoc phi tang').label).toBe('giao_duc');
    const p = model.predict('mất điện');
    expect(p.confidence).toBeGreaterThan(0.5);
    expect(p.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(model.explain('mất điện nước', 'ha_tang')[0]?.weight).toBeGreaterThan(0);
  });

  it('saves and loads to the same labels and the same version', () => {
    const { model } = trainClassifier({ name: 'toy', source: 'test', examples, l2: 1e-4, features: { buckets: 1 << 12 } });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fp-model-')), 'toy.model.gz');
    model.save(file);
    const loaded = LinearModel.load(file);
    expect(loaded.labels).toEqual(model.labels);
    for (const e of examples) expect(loaded.predict(e.text).label).toBe(model.predict(e.text).label);
    expect(LinearModel.load(file).fingerprint).toBe(loaded.fingerprint);
  });

  it('refuses a file that is not a model, naming it', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fp-model-')), 'junk.gz');
    fs.writeFileSync(file, 'not a model');
    expect(() => LinearModel.load(file)).toThrow(/junk.gz is not a Front Pulse model/);
  });
});

describe('the shipped labeller', () => {
  it('labels with both shipped models and a version naming them', () => {
    const labeller = shippedLabeller();
    expect(labeller.version).toMatch(/^topic-[0-9a-f]{8}\+sentiment-[0-9a-f]{8}$/);
    const labels = labeller.label('Đường vào thôn 3 hư hỏng nặng, mưa xuống là lầy lội, đề nghị UBND xã sửa chữa');
    expect(labels.topic).toBe('ha_tang');
    expect(labels.sentiment).toBe('negative');
    expect(labels.topicConfidence).toBeGreaterThan(0.5);
  });

  it('gives, with its 8-bit fused weights, the labels of the float models on the held-out texts', () => {
    const topic = loadModel('topic');
    const sentiment = loadModel('sentiment');
    const labeller = new Labeller(topic, sentiment);
    const held = readLabelled(path.join(SPLITS_DIR, 'test.csv'), 'text', 'topic');
    let agree = 0;
    for (const e of held) {
      const l = labeller.label(e.text);
      if (l.topic === topic.predict(e.text).label && l.sentiment === sentiment.predict(e.text).label) agree++;
    }
    expect(agree / held.length).toBeGreaterThan(0.99);
  });
});
