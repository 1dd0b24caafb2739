/**
 * `npm run nlp -- <command>`: the Vietnamese NLP from the command line. The interface is fixed; other tools rely on it.
 *   train  --data FILE.csv --text COLUMN --label COLUMN --out MODEL_PATH [--l2 X] [--epochs N]
 *   eval   --model MODEL_PATH|topic|sentiment --data FILE.csv --text COLUMN --label COLUMN [--json]
 *   label  --model MODEL_PATH|topic|sentiment --text "…" [--json]
 *   build-models      rebuilds the shipped topic and sentiment models from analytics/nlp/corpus, reproducibly
 */
import { parseArgs } from 'node:util';
import { readLabelled } from '../nlp/corpus.js';
import { evaluate } from '../nlp/metrics.js';
import { loadModel } from '../nlp/labeller.js';
import { processText } from '../nlp/pipeline.js';
import { trainClassifier } from '../nlp/training.js';
import { buildShippedModels } from '../nlp/shipped.js';
import { runCli, UserError } from './run.js';

const USAGE = `usage: npm run nlp -- <command>
  train  --data FILE.csv --text COLUMN --label COLUMN --out MODEL_PATH [--l2 X] [--epochs N]
  eval   --model MODEL_PATH|topic|sentiment --data FILE.csv --text COLUMN --label COLUMN [--json]
  label  --model MODEL_PATH|topic|sentiment --text "…" [--json]
  build-models`;

function required(values: Record<string, unknown>, names: string[]): void {
  const missing = names.filter((n) => typeof values[n] !== 'string' || values[n] === '');
  if (missing.length > 0) throw new UserError(`missing ${missing.map((n) => `--${n}`).join(', ')}\n${USAGE}`, 2);
}

const say = (line: string) => process.stderr.write(`${line}\n`);

runCli(async () => {
  const [command, ...rest] = process.argv.slice(2);
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: rest,
      options: {
        data: { type: 'string' },
        text: { type: 'string' },
        label: { type: 'string' },
        out: { type: 'string' },
        model: { type: 'string' },
        l2: { type: 'string' },
        epochs: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    throw new UserError(`${(error as Error).message}\n${USAGE}`, 2);
  }

  switch (command) {
    case 'train': {
      required(values, ['data', 'text', 'label', 'out']);
      const examples = readLabelled(values.data as string, values.text as string, values.label as string);
      const l2 = values.l2 === undefined ? undefined : Number(values.l2);
      const epochs = values.epochs === undefined ? undefined : Number(values.epochs);
      if (l2 !== undefined && !(l2 >= 0)) throw new UserError(`--l2 must be a number ≥ 0, got ${values.l2}`, 2);
      if (epochs !== undefined && !(Number.isInteger(epochs) && epochs > 0)) throw new UserError(`--epochs must be a whole number above 0, got ${values.epochs}`, 2);
      const counts = new Map<string, number>();
      for (const e of examples) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
      say(`${examples.length} texts, labels: ${[...counts].map(([l, n]) => `${l} ${n}`).join(', ')}`);
      const result = trainClassifier({
        name: values.label as string,
        source: values.data as string,
        examples,
        l2,
        training: epochs ? { epochs } : undefined,
        progress: say,
      });
      result.model.save(values.out as string);
      say(`trained in ${result.seconds.toFixed(1)} s (l2 ${result.l2}); model written to ${values.out} (version ${result.model.fingerprint})`);
      return;
    }
    case 'eval': {
      required(values, ['model', 'data', 'text', 'label']);
      const model = loadModel(values.model as string);
      const examples = readLabelled(values.data as string, values.text as string, values.label as string);
      const started = performance.now();
      const predicted = examples.map((e) => model.predictVector(model.vectorize(processText(e.text))).label);
      const seconds = (performance.now() - started) / 1000;
      const result = { ...evaluate(examples.map((e) => e.label), predicted), docsPerSecond: Math.round(examples.length / Math.max(seconds, 1e-9)) };
      if (values.json) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return;
      }
      process.stdout.write(`${examples.length} texts: accuracy ${result.accuracy}, macro F1 ${result.macroF1}, weighted F1 ${result.weightedF1}, ${result.docsPerSecond} texts/s\n`);
      process.stdout.write(`${'label'.padEnd(22)} precision  recall     f1  support\n`);
      for (const [label, m] of Object.entries(result.perClass)) {
        process.stdout.write(`${label.padEnd(22)} ${m.precision.toFixed(4).padStart(9)} ${m.recall.toFixed(4).padStart(7)} ${m.f1.toFixed(4).padStart(6)} ${String(m.support).padStart(8)}\n`);
      }
      return;
    }
    case 'label': {
      required(values, ['model', 'text']);
      const model = loadModel(values.model as string);
      const prediction = model.predict(values.text as string);
      const features = model.explain(values.text as string, prediction.label);
      if (values.json) {
        process.stdout.write(`${JSON.stringify({ label: prediction.label, confidence: Number(prediction.confidence.toFixed(4)), features })}\n`);
        return;
      }
      process.stdout.write(`${prediction.label} (confidence ${prediction.confidence.toFixed(3)})\n`);
      process.stdout.write(`weighed most: ${features.map((f) => `${f.feature} ${f.weight >= 0 ? '+' : ''}${f.weight.toFixed(2)}`).join(', ')}\n`);
      return;
    }
    case 'build-models': {
      const report = buildShippedModels(say);
      for (const [task, m] of Object.entries(report.models)) {
        process.stdout.write(`${task} (${m.version}): held-out accuracy ${m.heldOut.accuracy}, macro F1 ${m.heldOut.macroF1}, weighted F1 ${m.heldOut.weightedF1} on ${m.heldOut.n} texts\n`);
      }
      return;
    }
    default:
      throw new UserError(command ? `unknown command "${command}"\n${USAGE}` : USAGE, 2);
  }
});
