/**
 * The flow of a year of items (petitions or posts): the steady daily flow over every commune, then the scenarios'
 * items on their own days and places. Each day and each scenario item has its own random stream, so a change in one
 * never shifts the others.
 */
import { SENTIMENTS, type Sentiment, type Topic } from '../../analytics/nlp/taxonomy.js';
import { apportion, Random, WeightedPicker } from '../../analytics/random.js';
import { SCENARIOS, type Scenario } from './scenarios.js';
import { itemsPerDay, timeOfDay, yearDays } from './timeline.js';
import { localSecondsOf, type DemoContext, type DemoUnit } from './context.js';

const DAY = 86400;

export interface ItemDraft {
  id: string;
  /** Wall-clock seconds in Vietnam. */
  at: number;
  commune: DemoUnit;
  topic: Topic;
  sentiment: Sentiment;
  /** A scenario's own phrases, used instead of the topic's bank. */
  body?: readonly string[];
}

export interface FlowSpec {
  kind: 'petition' | 'post';
  total: number;
  topics: WeightedPicker<Topic>;
  sentiments: WeightedPicker<Sentiment>;
  places: WeightedPicker<DemoUnit>;
  /** The id of the n-th item (1-based). */
  id: (n: number) => string;
}

export async function generateYear(ctx: DemoContext, spec: FlowSpec, write: (draft: ItemDraft, random: Random) => Promise<void>): Promise<void> {
  const step = spec.kind === 'petition' ? 'petitions' : 'opinion_posts';
  const counts = scenarioCounts(spec.total, ctx.scale, spec.kind);
  const perDay = itemsPerDay(spec.total - counts.reduce((n, c) => n + c, 0), ctx.asOf, spec.kind);
  let seq = 0;
  for (const [i, day] of yearDays(ctx.asOf).entries()) {
    const random = new Random(ctx.seed, step, day);
    const start = localSecondsOf(day);
    for (let k = 0; k < (perDay[i] as number); k++) {
      const draft = {
        id: spec.id(++seq),
        at: start + timeOfDay(random, spec.kind),
        commune: spec.places.pick(random),
        topic: spec.topics.pick(random),
        sentiment: spec.sentiments.pick(random),
      };
      await write(draft, random);
    }
    if (i % 10 === 0) ctx.progress({ step, done: seq, total: spec.total });
  }
  for (const [k, scenario] of SCENARIOS.entries()) {
    for (const draft of scenarioItems(ctx, scenario, counts[k] as number, spec.kind, () => spec.id(++seq))) {
      await write(draft, new Random(ctx.seed, step, draft.id));
    }
  }
  ctx.progress({ step, done: seq, total: spec.total });
}

/**
 * How many items each scenario adds out of `total`: its size times the scale, cut back proportionally
 * when the whole dataset is small (tests), so that scenarios never make up more than half of it.
 */
export function scenarioCounts(total: number, scale: number, kind: 'petition' | 'post'): number[] {
  const wanted = SCENARIOS.map((s) => Math.round((kind === 'petition' ? s.petitions : s.posts) * scale));
  const sum = wanted.reduce((n, c) => n + c, 0);
  return sum <= total / 2 ? wanted : apportion(Math.floor(total / 2), wanted);
}

/** The items of a scenario: its days, its places, its sentiments and its own phrases. */
function* scenarioItems(ctx: DemoContext, scenario: Scenario, count: number, kind: 'petition' | 'post', nextId: () => string): Generator<ItemDraft> {
  const random = new Random(ctx.seed, 'scenario', scenario.name, kind);
  let communes = scenario.provinces.length === 0 ? ctx.communes : ctx.communes.filter((c) => scenario.provinces.includes(c.province_code));
  if (scenario.singleCommune) communes = [random.pick(communes.filter((c) => c.unit_type === 'xã'))];
  const places = new WeightedPicker(communes, communes.map((c) => (c.unit_type === 'phường' ? 2 : 1)));
  const present = SENTIMENTS.filter((s) => (scenario.sentiments[s] ?? 0) > 0);
  const sentiments = new WeightedPicker(present, present.map((s) => scenario.sentiments[s] as number));
  const from = Math.max(localSecondsOf(scenario.start), localSecondsOf(yearDays(ctx.asOf)[0] as string));
  const to = Math.min(localSecondsOf(scenario.end), localSecondsOf(ctx.asOf)) + DAY - 1;
  if (to <= from) return;
  const phrases = kind === 'petition' ? scenario.petitionPhrases : scenario.postPhrases;
  for (let i = 0; i < count; i++) {
    const sentiment = sentiments.pick(random);
    // Interest builds then fades: draw the time from a triangle peaking a third of the way in.
    const u = random.next();
    const shape = u < 1 / 3 ? Math.sqrt(u / 3) : 1 - Math.sqrt(((1 - u) * 2) / 3);
    const body = phrases[sentiment];
    yield {
      id: nextId(),
      at: Math.floor(from + shape * (to - from)),
      commune: places.pick(random),
      topic: scenario.topic,
      sentiment,
      body: body && body.length > 0 ? (scenario.mass ? body.slice(0, 1) : body) : undefined,
    };
  }
}
