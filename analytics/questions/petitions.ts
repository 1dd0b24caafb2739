/**
 * Petition handling of any unit and period: how many petitions came and how they stood at the period's end (received,
 * in progress, answered, overdue) by level, topic, channel and ISO week; how long the first answer took and how many
 * came within the deadline; and which units hold the most overdue petitions. All three read one query
 * (sql/queries/petitions/petition_figures.sql), and answers never carry a petition's text or contact.
 */
import type { Store } from '../store/index.js';
import type { UnitRef } from '../queries/registry.js';
import { petitionFigures, type PetitionFigureRow, type PetitionWindow, type Scoped } from '../queries/petitions.js';
import { unitNames } from '../queries/drill.js';
import { ACTIVE_MODEL_KEY } from '../nlp/labels.js';
import { TOPICS } from '../nlp/taxonomy.js';
import { addDays, isoWeekOf, timeInVietnam } from '../clock.js';
import { HANDLING_LEVELS, PETITION_CHANNELS, type HandlingLevel } from '../registry/vocabularies.js';
import { CENTRAL_CODE, CENTRAL_NAME, levelOfCode, type UnitLevel } from '../registry/units.js';
import { percent, unitSummary, type UnitSummary } from './coverage.js';

/** How answers name the petitions no label of the active version covers (stored as the topic ''). */
export const UNLABELLED = 'unlabelled';

/** Units a ranking lists when the caller does not say. */
export const DEFAULT_RANKED_UNITS = 10;
export const MAX_RANKED_UNITS = 100;

export interface Period {
  from: string;
  to: string;
  fromWeek: string;
  toWeek: string;
}

/** The unit asked about, and its filter for the queries (server/routes/api/params.ts scopedPeriod gives both). */
export interface Asked {
  unit: Pick<UnitRef, 'code' | 'name' | 'level'>;
  filter: Scoped;
  /** Only petitions of this topic (the dashboards' topic filter); absent = all. */
  topic?: string;
}

/**
 * The petitions received from the period's first day to its last (inclusive), read as they stood at the end of its
 * last day, or now when the period ends today. Now is taken to the minute: answers asked within a minute share one run.
 */
export function petitionWindow(period: Pick<Period, 'from' | 'to'>, now: Date = new Date()): PetitionWindow {
  const end = `${addDays(period.to, 1)} 00:00:00`;
  // The minute after now, so that a step taken this minute already counts; whole minutes keep the answers cacheable.
  const current = `${timeInVietnam(new Date(now.getTime() + 60_000)).slice(0, 16)}:00`;
  return { received_from: `${period.from} 00:00:00`, received_to: end, state_at: current < end ? current : end };
}

/** The figures the three answers read: asked together by a dashboard, they share one run (analytics/queries/define.ts). */
function figures(store: Store, asked: Asked, window: PetitionWindow): Promise<PetitionFigureRow[]> {
  return petitionFigures(store, { ...asked.filter, ...window, active_key: ACTIVE_MODEL_KEY, topic: asked.topic ?? '' });
}

/** Names and levels of units by code, in force on a day; a code not found keeps its code as its name. */
export async function namesOf(store: Store, codes: string[], asOf: string): Promise<(code: string) => UnitSummary> {
  const wanted = [...new Set(codes.filter((c) => c !== ''))];
  const found = new Map(wanted.length === 0 ? [] : (await unitNames(store, { codes: wanted, as_of: asOf })).map((u) => [u.code, u]));
  return (code) => {
    const unit = found.get(code);
    if (unit) return { code, name: unit.name, level: unit.level as UnitLevel };
    // A unit no longer in force on the day keeps its code as its name; its level shows in the code's shape.
    return { code, name: code === CENTRAL_CODE ? CENTRAL_NAME : code, level: levelOfCode(code) ?? 'village' };
  };
}

function rowsOf(rows: PetitionFigureRow[], dimension: PetitionFigureRow['dimension']): Map<string, PetitionFigureRow> {
  return new Map(rows.filter((r) => r.dimension === dimension).map((r) => [r.key, r]));
}

// ---- counts ----

export interface PetitionTally {
  /** Petitions received: each signature of a mass case counts. */
  received: number;
  /** Cases: a mass case (near-copies grouped at intake) counts once. */
  cases: number;
  inProgress: number;
  answered: number;
  overdue: number;
}

export interface PetitionCounts {
  unit: UnitSummary;
  period: { from: string; to: string };
  /** When the states were read: the end of the period's last day, or now. "YYYY-MM-DD hh:mm:ss", Vietnam time. */
  stateAt: string;
  /** The label version topics come from. */
  labelVersion: string;
  total: PetitionTally;
  byLevel: (PetitionTally & { level: HandlingLevel })[];
  byTopic: (PetitionTally & { topic: string })[];
  byChannel: (PetitionTally & { channel: string })[];
  byWeek: (PetitionTally & { week: string; weekStart: string })[];
}

function tally(row: PetitionFigureRow | undefined): PetitionTally {
  return { received: row?.received ?? 0, cases: row?.cases ?? 0, inProgress: row?.in_progress ?? 0, answered: row?.answered ?? 0, overdue: row?.overdue ?? 0 };
}

/** Mondays from the first week to the last. */
function mondays(fromWeek: string, toWeek: string): string[] {
  const weeks: string[] = [];
  for (let w = fromWeek; w <= toWeek; w = addDays(w, 7)) weeks.push(w);
  return weeks;
}

export async function getPetitionCounts(store: Store, asked: Asked, period: Period, now?: Date): Promise<PetitionCounts> {
  const window = petitionWindow(period, now);
  const rows = await figures(store, asked, window);
  const total = rows.find((r) => r.dimension === 'total');
  const topics = rowsOf(rows, 'topic');
  const levels = rowsOf(rows, 'level');
  const channels = rowsOf(rows, 'channel');
  const weeks = rowsOf(rows, 'week');
  return {
    unit: unitSummary(asked.unit),
    period: { from: period.from, to: period.to },
    stateAt: window.state_at,
    labelVersion: total?.label_version ?? '',
    total: tally(total),
    // Every level, channel, topic and week, zeros included, so that charts keep their categories.
    byLevel: HANDLING_LEVELS.map((level) => ({ level, ...tally(levels.get(level)) })),
    byTopic: [
      ...TOPICS.map((topic) => ({ topic, ...tally(topics.get(topic)) })),
      ...(topics.has('') ? [{ topic: UNLABELLED, ...tally(topics.get('')) }] : []),
    ],
    byChannel: Object.keys(PETITION_CHANNELS).map((channel) => ({ channel, ...tally(channels.get(channel)) })),
    byWeek: mondays(period.fromWeek, period.toWeek).map((monday) => ({ week: isoWeekOf(monday), weekStart: monday, ...tally(weeks.get(monday)) })),
  };
}

// ---- handling time ----

export interface HandlingFigures {
  received: number;
  /** Received in the period and not answered by its end: outside the times below, which only count answers. */
  inProgress: number;
  answered: number;
  /** Days from receipt to the first answer, one decimal; null when none was answered. */
  handlingDaysP50: number | null;
  handlingDaysP90: number | null;
  /** First answers at or before the deadline in force at the period's end, and their share of the answered, in %. */
  answeredOnTime: number;
  onTimePct: number;
}

export interface HandlingTimes {
  unit: UnitSummary;
  period: { from: string; to: string };
  stateAt: string;
  total: HandlingFigures;
  byLevel: (HandlingFigures & { level: HandlingLevel })[];
  /** Petitions answered by the period's end, by days to their first answer. */
  distribution: { band: string; answered: number }[];
}

function handling(row: PetitionFigureRow | undefined): HandlingFigures {
  const answered = row?.answered ?? 0;
  const onTime = row?.answered_on_time ?? 0;
  return {
    received: row?.received ?? 0,
    inProgress: row?.in_progress ?? 0,
    answered,
    handlingDaysP50: row?.handling_days_p50 ?? null,
    handlingDaysP90: row?.handling_days_p90 ?? null,
    answeredOnTime: onTime,
    onTimePct: percent(onTime, answered),
  };
}

export async function getHandlingTimes(store: Store, asked: Asked, period: Period, now?: Date): Promise<HandlingTimes> {
  const window = petitionWindow(period, now);
  const rows = await figures(store, asked, window);
  const levels = rowsOf(rows, 'level');
  const days = rowsOf(rows, 'days');
  return {
    unit: unitSummary(asked.unit),
    period: { from: period.from, to: period.to },
    stateAt: window.state_at,
    total: handling(rows.find((r) => r.dimension === 'total')),
    byLevel: HANDLING_LEVELS.map((level) => ({ level, ...handling(levels.get(level)) })),
    distribution: DAYS_BANDS.map((band) => ({ band, answered: days.get(band)?.answered ?? 0 })),
  };
}

/** The bands of days to the first answer in the distribution, as the figures query cuts them. */
export const DAYS_BANDS = ['0-2', '3-7', '8-15', '16-30', '31-45', '46+'] as const;

// ---- units with the most overdue petitions ----

export const RANK_BY = ['child', 'holder'] as const;
export type RankBy = (typeof RANK_BY)[number];

export interface RankedUnit {
  /** 1 for the most overdue; units with as many share a rank. */
  rank: number;
  unit: UnitSummary;
  received: number;
  inProgress: number;
  overdue: number;
  /** Overdue among those in progress, in %. */
  overduePct: number;
  /** The earliest deadline missed, "YYYY-MM-DD hh:mm:ss". */
  oldestDue: string | null;
}

export interface OverdueUnits {
  unit: UnitSummary;
  period: { from: string; to: string };
  stateAt: string;
  /** child: the places under the unit (where the matters are); holder: the units holding the petitions at the end. */
  by: RankBy;
  /** How many units have an overdue petition; `units` lists the first `limit` of them. */
  unitsWithOverdue: number;
  units: RankedUnit[];
}

export async function getOverdueUnits(store: Store, asked: Asked, period: Period, by: RankBy, limit: number, now?: Date): Promise<OverdueUnits> {
  const window = petitionWindow(period, now);
  const rows = await figures(store, asked, window);
  const ranked = rows.filter((r) => r.dimension === by).sort((a, b) => b.overdue - a.overdue || a.key.localeCompare(b.key));
  const shown = ranked.slice(0, limit);
  const named = await namesOf(store, shown.map((r) => r.key), period.to);
  return {
    unit: unitSummary(asked.unit),
    period: { from: period.from, to: period.to },
    stateAt: window.state_at,
    by,
    unitsWithOverdue: ranked.length,
    units: shown.map((r) => ({
      rank: 1 + ranked.findIndex((x) => x.overdue === r.overdue),
      unit: named(r.key),
      received: r.received,
      inProgress: r.in_progress,
      overdue: r.overdue,
      overduePct: percent(r.overdue, r.in_progress),
      oldestDue: r.oldest_due,
    })),
  };
}
