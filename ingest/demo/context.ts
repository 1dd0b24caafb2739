/**
 * What every demo step shares: the store, the seed and sizes, the registry it builds on, places for texts,
 * and a batch writer that keeps one insert in flight while the next batch is generated.
 */
import type { Store } from '../../analytics/store/index.js';
import type { Sealer } from '../../analytics/privacy/seal.js';
import { Random, WeightedPicker } from '../../analytics/random.js';
import type { Place } from './compose.js';

export interface DemoUnit {
  code: string;
  name: string;
  unit_type: string;
  province_code: string;
}

export interface DemoVillage {
  code: string;
  name: string;
  commune_code: string;
}

export interface DemoProgress {
  step: string;
  done: number;
  total: number;
  /** Percent of the whole build, steps weighted by their usual duration. */
  overall?: number;
}

export interface DemoContext {
  store: Store;
  sealer: Sealer;
  seed: number;
  /** The day the dataset describes: its "now". */
  asOf: string;
  petitions: number;
  posts: number;
  /** Multiplies scenario sizes along with the totals. */
  scale: number;
  provinces: DemoUnit[];
  communes: DemoUnit[];
  /** Villages listed by each commune (filled by the villages step). */
  villages: Map<string, DemoVillage[]>;
  progress: (p: DemoProgress) => void;
}

/** "Phường Ba Đình" → "phường Ba Đình", as the name reads inside a sentence. */
export function inSentence(name: string): string {
  return name.replace(/^(Xã|Phường|Đặc khu|Tỉnh|Thành phố)(?= )/u, (m) => m.toLowerCase());
}

/** A sentence place for a commune: a listed village when there is one, else a plausible one. */
export function placeFor(ctx: DemoContext, commune: DemoUnit, provinceName: string, random: Random): Place {
  const villages = ctx.villages.get(commune.code);
  const thon = villages && villages.length > 0 ? random.pick(villages).name : `${commune.unit_type === 'phường' ? 'tổ dân phố' : 'thôn'} ${random.int(1, 12)}`;
  return { xa: inSentence(commune.name), thon: inSentence(thon).replace(/^(Thôn|Tổ dân phố|Khu phố|Ấp|Bản|Buôn|Làng)(?= )/u, (m) => m.toLowerCase()), tinh: inSentence(provinceName) };
}

/** Where people live and write from: wards weigh more than rural communes, the two largest cities more again. */
export function communePicker(ctx: DemoContext): WeightedPicker<DemoUnit> {
  const weights = ctx.communes.map((c) => {
    const type = c.unit_type === 'phường' ? 3 : c.unit_type === 'đặc khu' ? 0.6 : 1;
    const city = c.province_code === '01' || c.province_code === '79' ? 1.6 : 1;
    return type * city;
  });
  return new WeightedPicker(ctx.communes, weights);
}

export class BatchWriter {
  // Rows are kept as JSON lines, not objects: serialised at once, they leave little for the garbage collector.
  private lines: string[] = [];
  private inFlight: Promise<void> = Promise.resolve();
  written = 0;

  constructor(
    private readonly store: Store,
    private readonly table: string,
    private readonly batchSize = 50_000,
  ) {}

  async add(row: object): Promise<void> {
    this.lines.push(JSON.stringify(row));
    if (this.lines.length >= this.batchSize) await this.send();
    else await yieldNowAndThen();
  }

  private async send(): Promise<void> {
    const body = Buffer.from(this.lines.join('\n'));
    this.written += this.lines.length;
    this.lines = [];
    await this.inFlight; // at most one insert in flight: memory stays at two batches
    this.inFlight = this.store.insertFormatted(this.table, body, 'JSONEachRow');
  }

  async close(): Promise<void> {
    if (this.lines.length > 0) await this.send();
    await this.inFlight;
  }
}

let lastYield = performance.now();

/**
 * Lets the event loop run every few tens of milliseconds. TRICKY: generating rows is synchronous work between awaits that
 * resolve at once; without this, a server building the demo could not answer /api/health to show its progress.
 */
export async function yieldNowAndThen(): Promise<void> {
  if (performance.now() - lastYield < 40) return;
  await new Promise((resolve) => setImmediate(resolve));
  lastYield = performance.now();
}

const dayStrings = new Map<number, string>();
const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** "YYYY-MM-DD hh:mm:ss" of a wall-clock time in Vietnam given as seconds since 1970 in that zone. */
export function wallTime(localSeconds: number): string {
  // Called for every generated row: the day's text is cached, the time of day is plain arithmetic.
  const dayNumber = Math.floor(localSeconds / 86400);
  let day = dayStrings.get(dayNumber);
  if (day === undefined) {
    day = new Date(dayNumber * 86400000).toISOString().slice(0, 10);
    dayStrings.set(dayNumber, day);
  }
  const s = localSeconds - dayNumber * 86400;
  return `${day} ${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

export function localSecondsOf(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}
