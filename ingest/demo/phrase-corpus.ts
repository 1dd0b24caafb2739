/**
 * `npm run nlp:corpus`: writes the demo's hand-written phrase banks (and scenario phrases) as labelled training texts,
 * analytics/nlp/corpus/generated/phrase-banks.csv. Each phrase appears once, its slots filled with real places from the
 * official list and roughened as people type. It adds volume and another writer's voice to the shipped models'
 * training; it is never part of a test set.
 */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import { Random } from '../../analytics/random.js';
import { GENERATED_DIR } from '../../analytics/nlp/shipped.js';
import { SENTIMENTS } from '../../analytics/nlp/taxonomy.js';
import { BANKS } from './phrases/index.js';
import { SCENARIOS } from './scenarios.js';
import { fillSlots, PETITION_ROUGHNESS, POST_ROUGHNESS, roughen, type Place } from './compose.js';
import { inSentence } from './context.js';
import { BUNDLED_UNITS_FILE } from '../kinds/registry.js';

const OUT = path.join(GENERATED_DIR, 'phrase-banks.csv');

const units = parse(fs.readFileSync(BUNDLED_UNITS_FILE, 'utf8'), { columns: true }) as Record<string, string>[];
const random = new Random(20250916, 'phrase-corpus');
const place = (): Place => {
  const u = random.pick(units);
  return { xa: inSentence(u.commune_name as string), thon: `${u.commune_type === 'phường' ? 'tổ dân phố' : 'thôn'} ${random.int(1, 15)}`, tinh: inSentence(u.province_name as string) };
};

const rows: { text: string; topic: string; sentiment: string; register: string }[] = [];
const add = (phrase: string, topic: string, sentiment: string, register: 'petition' | 'comment') =>
  rows.push({ text: roughen(fillSlots(phrase, place(), random), register === 'petition' ? PETITION_ROUGHNESS : POST_ROUGHNESS, random), topic, sentiment, register });

for (const bank of Object.values(BANKS)) {
  for (const sentiment of SENTIMENTS) {
    for (const phrase of bank.petitions[sentiment]) add(phrase, bank.topic, sentiment, 'petition');
    for (const phrase of bank.posts[sentiment]) add(phrase, bank.topic, sentiment, 'comment');
  }
}
for (const scenario of SCENARIOS) {
  for (const sentiment of SENTIMENTS) {
    for (const phrase of scenario.petitionPhrases[sentiment] ?? []) add(phrase, scenario.topic, sentiment, 'petition');
    for (const phrase of scenario.postPhrases[sentiment] ?? []) add(phrase, scenario.topic, sentiment, 'comment');
  }
}

fs.mkdirSync(GENERATED_DIR, { recursive: true });
fs.writeFileSync(OUT, stringify(rows, { header: true, columns: ['text', 'topic', 'sentiment', 'register'], quoted: true }));
process.stdout.write(`${rows.length} texts written to ${path.relative(process.cwd(), OUT)}\n`);
