/**
 * Public opinion of any unit down to a commune: volume and sentiment by topic over ISO weeks and across the unit's
 * children, the keywords rising this week, and spikes (a topic or a child place far above its usual level), from the
 * NLP labels of posts, and of petitions too when asked. The label version read is the active one.
 */
import type { Store } from '../store/index.js';
import type { UnitFilter } from '../access/scope.js';
import { addDays, isoWeekOf } from '../clock.js';
import { risingTerms, writtenForm } from '../nlp/keywords.js';
import { activeVersion } from '../nlp/reviews.js';
import { TOPIC_NAMES_VI, TOPICS, isTopic } from '../nlp/taxonomy.js';
import { unitsInForce, type UnitRef } from '../queries/registry.js';
import {
  opinionTrend,
  risingTermCounts,
  spikeCounts,
  spikeExamplePosts,
  termTexts,
  type OpinionScope,
  type SpikeCountRow,
} from '../queries/opinion.js';
import { percent, unitSummary, type UnitSummary } from './coverage.js';
import { maskLongNumbers } from '../privacy/mask.js';

export type ItemKind = 'post' | 'petition';

/** What every opinion question is asked about. */
export interface OpinionAsk {
  unit: UnitRef;
  filter: UnitFilter;
  withPetitions: boolean;
}

export interface TopicRef {
  code: string;
  name: string;
}

export interface SentimentCounts {
  items: number;
  negative: number;
  neutral: number;
  positive: number;
  /** (positive − negative) / items, in percent: −100 all negative … +100 all positive; 0 without items. */
  netSentimentPct: number;
}

interface Counted {
  items: number;
  negative: number;
  neutral: number;
  positive: number;
}

function sentiment(c: Counted | undefined): SentimentCounts {
  const { items = 0, negative = 0, neutral = 0, positive = 0 } = c ?? {};
  return { items, negative, neutral, positive, netSentimentPct: percent(positive - negative, items) };
}

function add(into: Counted, c: Counted): void {
  into.items += c.items;
  into.negative += c.negative;
  into.neutral += c.neutral;
  into.positive += c.positive;
}

const zero = (): Counted => ({ items: 0, negative: 0, neutral: 0, positive: 0 });

export function topicRef(code: string): TopicRef {
  return { code, name: isTopic(code) ? TOPIC_NAMES_VI[code] : code };
}

async function scopeOf(store: Store, ask: OpinionAsk): Promise<OpinionScope> {
  return {
    model_version: await activeVersion(store),
    with_petitions: ask.withPetitions ? 1 : 0,
    province_code: ask.filter.province_code,
    commune_code: ask.filter.commune_code,
  };
}

function kindsOf(ask: OpinionAsk): ItemKind[] {
  return ask.withPetitions ? ['post', 'petition'] : ['post'];
}

/** The unit's children that opinion is placed in: provinces of the country, communes of a province; none below. */
export async function childrenOf(store: Store, unit: UnitRef, asOf: string): Promise<Map<string, UnitSummary>> {
  if (unit.level !== 'central' && unit.level !== 'province') return new Map();
  const level = unit.level === 'central' ? 'province' : 'commune';
  const rows = await unitsInForce(store, { as_of: asOf, levels: [level], province_code: unit.level === 'province' ? unit.code : '' });
  return new Map(rows.map((r) => [r.code, { code: r.code, name: r.name, level }]));
}

/** Mondays from one week to another, both included. */
function mondays(fromWeek: string, toWeek: string): string[] {
  const out: string[] = [];
  for (let w = fromWeek; w <= toWeek; w = addDays(w, 7)) out.push(w);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Trends

export interface WeekCounts extends SentimentCounts {
  /** ISO week, "2025-W38". */
  week: string;
  /** Its Monday. */
  weekStart: string;
}

export interface OpinionTrendAnswer {
  unit: UnitSummary;
  period: { from: string; to: string };
  kinds: ItemKind[];
  labelVersion: string;
  total: SentimentCounts;
  /** Every ISO week the period touches, oldest first; the first and last count only the period's days. */
  byWeek: WeekCounts[];
  /** Every topic, most items first, each with its weekly series. */
  byTopic: (SentimentCounts & { topic: TopicRef; weeks: WeekCounts[] })[];
  /**
   * Every child of the unit (provinces of the country, communes of a province; none under a commune), most items
   * first, with its main topic; `unit` null = items whose place under the unit is not known.
   */
  byPlace: (SentimentCounts & { unit: UnitSummary | null; mainTopic: TopicRef | null })[];
}

export async function getOpinionTrend(
  store: Store,
  ask: OpinionAsk & { period: { from: string; to: string; fromWeek: string; toWeek: string }; topic?: string },
): Promise<OpinionTrendAnswer> {
  const { period } = ask;
  const scope = await scopeOf(store, ask);
  const [rows, children] = await Promise.all([
    opinionTrend(store, { ...scope, from: period.from, to: period.to, topic: ask.topic ?? '' }),
    childrenOf(store, ask.unit, period.to),
  ]);
  const weeks = mondays(period.fromWeek, period.toWeek);
  const total = zero();
  const byWeek = new Map(weeks.map((w) => [w, zero()]));
  const byTopic = new Map(TOPICS.map((t) => [t as string, { all: zero(), weeks: new Map(weeks.map((w) => [w, zero()])) }]));
  const byPlace = new Map<string, { all: Counted; topics: Map<string, number> }>([...children.keys()].map((c) => [c, { all: zero(), topics: new Map() }]));
  for (const r of rows) {
    if (r.by_week === 1) {
      add(total, r);
      add(byWeek.get(r.week_start) ?? zero(), r);
      let topic = byTopic.get(r.topic);
      if (!topic) byTopic.set(r.topic, (topic = { all: zero(), weeks: new Map(weeks.map((w) => [w, zero()])) }));
      add(topic.all, r);
      add(topic.weeks.get(r.week_start) ?? zero(), r);
    } else if (children.size > 0 && (r.child_code === '' || children.has(r.child_code))) {
      let place = byPlace.get(r.child_code);
      if (!place) byPlace.set(r.child_code, (place = { all: zero(), topics: new Map() }));
      add(place.all, r);
      place.topics.set(r.topic, (place.topics.get(r.topic) ?? 0) + r.items);
    }
  }
  const weekCounts = (m: Map<string, Counted>) => weeks.map((w) => ({ week: isoWeekOf(w), weekStart: w, ...sentiment(m.get(w)) }));
  return {
    unit: unitSummary(ask.unit),
    period: { from: period.from, to: period.to },
    kinds: kindsOf(ask),
    labelVersion: scope.model_version,
    total: sentiment(total),
    byWeek: weekCounts(byWeek),
    byTopic: [...byTopic]
      .map(([code, t]) => ({ topic: topicRef(code), ...sentiment(t.all), weeks: weekCounts(t.weeks) }))
      .sort((a, b) => b.items - a.items || a.topic.code.localeCompare(b.topic.code)),
    byPlace: [...byPlace]
      .filter(([code, p]) => code !== '' || p.all.items > 0)
      .map(([code, p]) => {
        const main = [...p.topics].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
        return { unit: children.get(code) ?? null, ...sentiment(p.all), mainTopic: main ? topicRef(main[0]) : null };
      })
      .sort((a, b) => b.items - a.items || (a.unit?.code ?? '~').localeCompare(b.unit?.code ?? '~')),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Rising keywords

/** The baseline of rising keywords: the four weeks before the week looked at. */
export const KEYWORD_BASELINE_WEEKS = 4;
/** A term must be in at least this many texts of the week to be scored (as risingTerms would require). */
export const KEYWORD_MIN_TEXTS = 5;
/** Texts read to find how a term is written. */
const TEXTS_PER_TERM = 8;

export interface RisingKeyword {
  /** As written in the texts behind it ("cá chết"); the folded term when no text shows it. */
  keyword: string;
  /** Folded, as stored and counted ("ca chet"). */
  term: string;
  /** Texts of the week holding it, and of the baseline weeks. */
  current: number;
  baseline: number;
  /** How many times more often per text than in the baseline (smoothed). */
  ratio: number;
  /** Dunning's log-likelihood ratio G²; ≥ 3.84 = significant at 5 %. */
  score: number;
}

export interface RisingKeywordsAnswer {
  unit: UnitSummary;
  week: string;
  weekStart: string;
  baseline: { fromWeek: string; toWeek: string; weeks: number };
  kinds: ItemKind[];
  labelVersion: string;
  texts: { current: number; baseline: number };
  keywords: RisingKeyword[];
}

export async function getRisingKeywords(store: Store, ask: OpinionAsk & { weekStart: string; limit: number }): Promise<RisingKeywordsAnswer> {
  const scope = await scopeOf(store, ask);
  const week = { week_start: ask.weekStart };
  const rows = await risingTermCounts(store, { ...scope, ...week, baseline_weeks: KEYWORD_BASELINE_WEEKS, min_current: KEYWORD_MIN_TEXTS });
  const totals = rows.find((r) => r.term === '') ?? { current: 0, baseline: 0 };
  const rising = risingTerms(
    rows.filter((r) => r.term !== ''),
    { current: totals.current, baseline: totals.baseline },
    { minCurrent: KEYWORD_MIN_TEXTS, limit: ask.limit },
  );
  const texts = rising.length === 0 ? [] : await termTexts(store, { ...scope, ...week, terms: rising.map((t) => t.term), per_term: TEXTS_PER_TERM });
  return {
    unit: unitSummary(ask.unit),
    week: isoWeekOf(ask.weekStart),
    weekStart: ask.weekStart,
    baseline: {
      fromWeek: isoWeekOf(addDays(ask.weekStart, -7 * KEYWORD_BASELINE_WEEKS)),
      toWeek: isoWeekOf(addDays(ask.weekStart, -7)),
      weeks: KEYWORD_BASELINE_WEEKS,
    },
    kinds: kindsOf(ask),
    labelVersion: scope.model_version,
    texts: { current: totals.current, baseline: totals.baseline },
    keywords: rising.map((t) => ({
      keyword: mostWritten(t.term, texts.filter((x) => x.term === t.term).map((x) => x.text)),
      term: t.term,
      current: t.current,
      baseline: t.baseline,
      ratio: t.ratio,
      score: t.score,
    })),
  };
}

/**
 * The form a folded term is most often written in among the texts, preferring forms with their diacritics (a quarter
 * of texts are typed without them); the folded term when no text shows it.
 */
function mostWritten(term: string, texts: string[]): string {
  const forms = new Map<string, number>();
  for (const text of texts) {
    const form = writtenForm(term, text);
    if (form) forms.set(form, (forms.get(form) ?? 0) + 1);
  }
  const marked = (form: string) => (form === term ? 0 : 1);
  return [...forms].sort((a, b) => marked(b[0]) - marked(a[0]) || b[1] - a[1])[0]?.[0] ?? term;
}

// ---------------------------------------------------------------------------------------------------------------
// Spikes

/**
 * The spike rule. A group (a topic across the unit, or a child place across topics) spikes in a week when, against
 * its previous SPIKE_RULE.baselineWeeks weeks, taken robustly so that a story that began the week before does not
 * hide itself (the usual level is their median, the spread 1.4826 × their median absolute deviation):
 *   - it has at least minItems items (a handful of posts is no story),
 *   - z = (count − usual) / max(spread, √max(usual, 1)) ≥ minZ: the spread is at least the Poisson one, so a group
 *     that was flat does not spike on a few extra posts,
 *   - and count ≥ minRatio × max(usual, 1): on large groups a small rise is statistically sure but not news.
 * In the week of the reference day, every week is counted over the same days (Monday to the reference day's weekday).
 */
export const SPIKE_RULE = {
  baselineWeeks: 8,
  minItems: 20,
  minZ: 3,
  minRatio: 1.5,
  /** high: z ≥ 6 and count ≥ 2 × usual; medium: z ≥ 4 or count ≥ 2 × usual; low: the rest. */
  high: { z: 6, ratio: 2 },
  medium: { z: 4, ratio: 2 },
} as const;

const EXAMPLES_PER_SPIKE = 3;
const EXCERPT_CHARS = 200;
const DRIVERS_PER_SPIKE = 3;
/** Scales a median absolute deviation to a standard deviation (of normally distributed counts). */
const MAD_TO_SD = 1.4826;

export type Severity = 'high' | 'medium' | 'low';

export interface SpikeStats {
  current: number;
  /** The usual level: the median of the baseline weeks. */
  usual: number;
  /** 1.4826 × the median absolute deviation of the baseline weeks. */
  spread: number;
  z: number;
  /** count / usual (usual taken as at least 1). */
  ratio: number;
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? 0 : sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The rule applied to a group's counts; null when the group does not spike. */
export function spikeOf(current: number, baseline: number[]): (SpikeStats & { severity: Severity }) | null {
  const usual = median(baseline);
  const spread = MAD_TO_SD * median(baseline.map((x) => Math.abs(x - usual)));
  const z = (current - usual) / Math.max(spread, Math.sqrt(Math.max(usual, 1)));
  const ratio = current / Math.max(usual, 1);
  if (current < SPIKE_RULE.minItems || z < SPIKE_RULE.minZ || ratio < SPIKE_RULE.minRatio) return null;
  const severity: Severity =
    z >= SPIKE_RULE.high.z && ratio >= SPIKE_RULE.high.ratio ? 'high' : z >= SPIKE_RULE.medium.z || ratio >= SPIKE_RULE.medium.ratio ? 'medium' : 'low';
  return { current, usual: round1(usual), spread: round1(spread), z: round1(z), ratio: round1(ratio), severity };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

export interface SpikeDriver {
  /** A child place for a topic's spike; a topic for a place's spike. */
  code: string;
  name: string;
  current: number;
  /** Its usual level (median of the baseline weeks). */
  usual: number;
}

export interface ExamplePost {
  source: string;
  url: string;
  publishedAt: string;
  excerpt: string;
  engagement: number;
}

export interface Spike extends SpikeStats {
  kind: 'topic' | 'place';
  /** The topic that spiked (kind topic), or the one that rose most in the place (kind place) when it made most of the rise. */
  topic: TopicRef | null;
  /** The child place that spiked (kind place). */
  place: UnitSummary | null;
  severity: Severity;
  /** The baseline weeks' counts, oldest first. */
  baselineWeeks: number[];
  /** What made most of the rise, biggest first: places for a topic, topics for a place. */
  drivers: SpikeDriver[];
  /** Posts of the spike in the week, most shared first (never petitions). */
  examples: ExamplePost[];
}

export interface SpikesAnswer {
  unit: UnitSummary;
  week: string;
  weekStart: string;
  /** The days of each week compared: the whole week, or Monday to the reference day in its own week. */
  days: number;
  kinds: ItemKind[];
  negativeOnly: boolean;
  labelVersion: string;
  rule: typeof SPIKE_RULE;
  /** Strongest first (by z). */
  spikes: Spike[];
}

interface Group {
  counts: number[];
  /** Counts of the other dimension in the group: child places of a topic, topics of a place. */
  parts: Map<string, number[]>;
}

function groupCounts(rows: SpikeCountRow[], key: (r: SpikeCountRow) => string, part: (r: SpikeCountRow) => string, weeks: number): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const r of rows) {
    let g = groups.get(key(r));
    if (!g) groups.set(key(r), (g = { counts: new Array(weeks + 1).fill(0), parts: new Map() }));
    let p = g.parts.get(part(r));
    if (!p) g.parts.set(part(r), (p = new Array(weeks + 1).fill(0)));
    g.counts[r.weeks_ago] = (g.counts[r.weeks_ago] ?? 0) + r.items;
    p[r.weeks_ago] = (p[r.weeks_ago] ?? 0) + r.items;
  }
  return groups;
}

/** counts[0] is the week looked at, counts[k] k weeks before: the baseline, oldest first. */
function baselineOf(counts: number[]): number[] {
  return counts.slice(1).reverse();
}

function driversOf(g: Group, name: (code: string) => string | undefined): SpikeDriver[] {
  return [...g.parts]
    .map(([code, c]) => {
      const usual = median(baselineOf(c));
      return { code, name: name(code) ?? '', current: c[0] ?? 0, usual: round1(usual), excess: (c[0] ?? 0) - usual };
    })
    .filter((d) => d.excess > 0 && d.name !== '')
    .sort((a, b) => b.excess - a.excess)
    .slice(0, DRIVERS_PER_SPIKE)
    .map(({ excess: _, ...d }) => d);
}

/** The driver that made at least half of the rise, if one did: a spike is told by it. */
function mainDriver(drivers: SpikeDriver[], s: SpikeStats): SpikeDriver | undefined {
  const top = drivers[0];
  return top && top.current - top.usual >= (s.current - s.usual) / 2 ? top : undefined;
}

export async function getSpikes(
  store: Store,
  ask: OpinionAsk & { weekStart: string; referenceDate: string; negativeOnly: boolean; examples?: boolean },
): Promise<SpikesAnswer> {
  const scope = await scopeOf(store, ask);
  const weeks = SPIKE_RULE.baselineWeeks;
  // Monday = 1 … Sunday = 7: in the reference day's own week only its first days have happened.
  const days = ask.referenceDate < addDays(ask.weekStart, 6) ? ((new Date(`${ask.referenceDate}T00:00:00Z`).getUTCDay() + 6) % 7) + 1 : 7;
  const window = { week_start: ask.weekStart, days, negative_only: ask.negativeOnly ? 1 : 0 };
  const [rows, children] = await Promise.all([
    spikeCounts(store, { ...scope, ...window, baseline_weeks: weeks }),
    childrenOf(store, ask.unit, ask.referenceDate),
  ]);
  // Each spike with where its example posts are taken from: its topic and place, narrowed to its main driver.
  const spikes: (Omit<Spike, 'examples'> & { focus: { topic: string; child: string } })[] = [];
  for (const [topic, g] of groupCounts(rows, (r) => r.topic, (r) => r.child_code, weeks)) {
    const s = spikeOf(g.counts[0] ?? 0, baselineOf(g.counts));
    if (!s) continue;
    const drivers = driversOf(g, (code) => children.get(code)?.name);
    const focus = { topic, child: mainDriver(drivers, s)?.code ?? '' };
    spikes.push({ kind: 'topic', topic: topicRef(topic), place: null, ...s, baselineWeeks: baselineOf(g.counts), drivers, focus });
  }
  const places = groupCounts(rows.filter((r) => children.has(r.child_code)), (r) => r.child_code, (r) => r.topic, weeks);
  for (const [child, g] of places) {
    const s = spikeOf(g.counts[0] ?? 0, baselineOf(g.counts));
    if (!s) continue;
    const drivers = driversOf(g, (code) => topicRef(code).name);
    const main = mainDriver(drivers, s);
    const focus = { topic: main?.code ?? '', child };
    spikes.push({ kind: 'place', topic: main ? topicRef(main.code) : null, place: children.get(child) ?? null, ...s, baselineWeeks: baselineOf(g.counts), drivers, focus });
  }
  spikes.sort((a, b) => b.z - a.z || b.current - a.current);
  const examples =
    spikes.length === 0 || ask.examples === false
      ? []
      : await spikeExamplePosts(store, {
          model_version: scope.model_version,
          province_code: scope.province_code,
          commune_code: scope.commune_code,
          ...window,
          spike_topics: spikes.map((s) => s.focus.topic),
          spike_children: spikes.map((s) => s.focus.child),
          per_spike: EXAMPLES_PER_SPIKE,
          excerpt_chars: EXCERPT_CHARS,
        });
  return {
    unit: unitSummary(ask.unit),
    week: isoWeekOf(ask.weekStart),
    weekStart: ask.weekStart,
    days,
    kinds: kindsOf(ask),
    negativeOnly: ask.negativeOnly,
    labelVersion: scope.model_version,
    rule: SPIKE_RULE,
    spikes: spikes.map(({ focus: _, ...s }, i) => ({
      ...s,
      examples: examples
        .filter((e) => e.spike === i + 1)
        // Masked by the query; again here, so that no later change to it can show a phone.
        .map((e) => ({ source: e.source, url: e.url, publishedAt: e.published_at, excerpt: maskLongNumbers(e.excerpt), engagement: e.engagement })),
    })),
  };
}
