/**
 * Classification metrics as the eval command reports them: accuracy, per-class precision, recall, F1 and support,
 * macro F1 (every class alike) and weighted F1 (classes by their support).
 */

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Evaluation {
  n: number;
  accuracy: number;
  macroF1: number;
  weightedF1: number;
  perClass: Record<string, ClassMetrics>;
}

const round = (x: number) => Math.round(x * 10000) / 10000;

export function evaluate(gold: readonly string[], predicted: readonly string[]): Evaluation {
  if (gold.length !== predicted.length) throw new Error('gold and predicted labels differ in length');
  const labels = [...new Set([...gold, ...predicted])].sort();
  const perClass: Record<string, ClassMetrics> = {};
  let correct = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) correct++;
  let macro = 0;
  let weighted = 0;
  const present = labels.filter((l) => gold.includes(l));
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      const g = gold[i] === label;
      const p = predicted[i] === label;
      if (g && p) tp++;
      else if (p) fp++;
      else if (g) fn++;
    }
    const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
    const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    const support = tp + fn;
    perClass[label] = { precision: round(precision), recall: round(recall), f1: round(f1), support };
    if (support > 0) {
      macro += f1;
      weighted += f1 * support;
    }
  }
  return {
    n: gold.length,
    accuracy: round(gold.length ? correct / gold.length : 0),
    macroF1: round(present.length ? macro / present.length : 0),
    weightedF1: round(gold.length ? weighted / gold.length : 0),
    perClass,
  };
}
