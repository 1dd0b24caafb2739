/**
 * Seeded randomness: the same seed gives the same demo dataset, byte for byte, and the same trained model.
 * sfc32 (Chris Doty-Humphrey's small fast counting generator): fast, 128-bit state, good statistical quality.
 */

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `streams` name independent sequences: a step's draws never shift another step's. */
  constructor(seed: number, ...streams: (string | number)[]) {
    const h = hash32(`${seed}|${streams.join('|')}`);
    this.a = h;
    this.b = hash32(`${h}b`);
    this.c = hash32(`${h}c`);
    this.d = 1;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    this.a |= 0;
    this.b |= 0;
    this.c |= 0;
    this.d |= 0;
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Log-normal with the given median and spread (sigma of the log). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }
}

/** FNV-1a, 32 bits. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Weighted sampling in O(1) a draw (Vose's alias method): placing a million petitions over 3,321 communes.
 */
export class WeightedPicker<T> {
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    const n = items.length;
    if (n === 0 || weights.length !== n) throw new Error('WeightedPicker needs one weight per item');
    const total = weights.reduce((s, w) => s + w, 0);
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = weights.map((w) => (w * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
    while (small.length && large.length) {
      const s = small.pop() as number;
      const l = large.pop() as number;
      this.prob[s] = scaled[s] as number;
      this.alias[s] = l;
      scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
      ((scaled[l] as number) < 1 ? small : large).push(l);
    }
    for (const i of [...small, ...large]) this.prob[i] = 1;
  }

  pick(random: Random): T {
    const i = Math.floor(random.next() * this.items.length);
    return this.items[random.next() < (this.prob[i] as number) ? i : (this.alias[i] as number)] as T;
  }
}

/**
 * Splits `total` into whole parts proportional to `weights` that add up exactly (largest remainders).
 */
export function apportion(total: number, weights: readonly number[], minimum = 0): number[] {
  const n = weights.length;
  const spare = total - minimum * n;
  if (spare < 0) throw new Error(`cannot give ${n} parts at least ${minimum} out of ${total}`);
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (sum === 0 ? spare / n : (w / sum) * spare));
  const parts = exact.map((x) => Math.floor(x));
  let left = spare - parts.reduce((s, p) => s + p, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) parts[order[k]![1]]! += 1;
  return parts.map((p) => p + minimum);
}
