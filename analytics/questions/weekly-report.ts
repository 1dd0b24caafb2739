/**
 * The weekly synthesis report ("báo cáo tổng hợp tuần") of a province, commune or the nation for one ISO week, as the
 * Front sends it up: rollout coverage and rosters at the week's end, weekly reporting (the week's completeness, the
 * twelve weeks before it, each child unit and those still missing), petitions received, answered and overdue,
 * opinion (sentiment and the topics most talked about) and the early warnings. It only gathers the answers of the
 * other questions, asked for the same unit and week, so that the report's numbers are the dashboard's numbers.
 * Aggregates only: no petitioner, author or officer is named.
 */
import type { Store } from '../store/index.js';
import type { UnitFilter } from '../access/scope.js';
import type { UnitRef } from '../queries/registry.js';
import { addDays, isoWeekOf, timeInVietnam } from '../clock.js';
import { coverageOfUnit, unitSummary, type CoverageFigures, type UnitSummary } from './coverage.js';
import { getOfficers, type OfficersAnswer } from './rosters.js';
import { dueAt, getReportCompleteness, type ReportFigures, type WeekRef } from './reporting.js';
import { getHandlingTimes, getPetitionCounts, UNLABELLED, type PetitionTally } from './petitions.js';
import { getOpinionTrend, topicRef, type SentimentCounts, type TopicRef } from './opinion.js';
import { getWarnings, type WarningKind } from './warnings.js';

/** Weeks of history the report's series show, the report's week last. */
export const REPORT_SERIES_WEEKS = 12;
/** Topics the report names for the week. */
export const REPORT_TOP_TOPICS = 5;
/** Warnings the report lists (the counts cover them all). */
export const REPORT_WARNINGS = 20;
/** How the report names the petitions no topic label covers. */
export const UNLABELLED_NAME = 'Chưa xếp chủ đề';

/** Rollout coverage of one unit, flat. */
export interface CoverageLine {
  communesTotal: number;
  communesWithVillageList: number;
  communesWithVillageListPct: number;
  villagesCreated: number;
  villagesExpected: number;
  villagesCreatedPct: number;
  communesRosterUpdated: number;
  communesRosterUpdatedPct: number;
  /** Officers on the rosters counted, every level. */
  officers: number;
}

export const OFFICER_DIMENSIONS = ['level', 'organisation', 'position', 'gender', 'ageBand'] as const;
export type OfficerDimension = (typeof OFFICER_DIMENSIONS)[number];

/** A week of weekly-report figures. */
export type ReportWeek = WeekRef & ReportFigures & { due: boolean };

export interface WeeklyReport {
  unit: UnitSummary;
  week: WeekRef & { weekEnd: string; dueAt: string };
  /** The day the figures are read on: the week's Sunday, or the data's reference day when that comes first. */
  asOf: string;
  /** When the report was made, Vietnam time. */
  madeAt: string;
  /** The series' period: REPORT_SERIES_WEEKS weeks up to asOf. */
  period: { from: string; to: string };
  /** At asOf; children are the provinces of the nation, the communes of a province (none under a commune). */
  coverage: CoverageLine & { provincesTotal: number; provincesRosterUpdated: number; children: (CoverageLine & { unit: UnitSummary })[] };
  officers: {
    officers: number;
    female: number;
    femalePct: number;
    groups: { dimension: OfficerDimension; code: string; name: string; officers: number; female: number; sharePct: number }[];
  };
  reporting: {
    week: ReportWeek;
    weeks: ReportWeek[];
    /** Each child unit in the week (provinces of the nation, communes of a province; none under a commune). */
    children: (ReportFigures & { unit: UnitSummary })[];
    /** The children with reports missing in the week, most missing first. */
    missing: (ReportFigures & { unit: UnitSummary })[];
  };
  petitions: {
    /** Received in the week, as they stood at asOf. */
    week: PetitionTally;
    /** Received over the period, as they stood at asOf. */
    period: PetitionTally;
    handling: { answered: number; handlingDaysP50: number | null; handlingDaysP90: number | null; answeredOnTime: number; onTimePct: number };
    weeks: (WeekRef & PetitionTally)[];
    /** Topics of the period's petitions, most received first; topics with none left out. */
    topics: (PetitionTally & { topic: TopicRef })[];
  };
  opinion: {
    week: SentimentCounts;
    /** The week before (null when the series starts with the report's week). */
    previousWeek: SentimentCounts | null;
    weeks: (WeekRef & SentimentCounts)[];
    /** The topics with most posts in the week, most first; topics without posts left out. */
    topTopics: (SentimentCounts & { topic: TopicRef })[];
  };
  warnings: {
    /** Found of each kind. */
    counts: Record<WarningKind, number>;
    /** The first REPORT_WARNINGS, high first. */
    items: { kind: WarningKind; severity: 'high' | 'medium' | 'low'; unit: UnitSummary; reason: string }[];
  };
}

function coverageLine(f: CoverageFigures): CoverageLine {
  return {
    communesTotal: f.communes.total,
    communesWithVillageList: f.communes.withVillageList,
    communesWithVillageListPct: f.communes.withVillageListPct,
    villagesCreated: f.villages.created,
    villagesExpected: f.villages.expected,
    villagesCreatedPct: f.villages.createdPct,
    communesRosterUpdated: f.rosters.communesUpdated,
    communesRosterUpdatedPct: f.rosters.communesUpdatedPct,
    officers: f.rosters.officers.province + f.rosters.officers.commune + f.rosters.officers.village,
  };
}

const sentimentOf = ({ items, negative, neutral, positive, netSentimentPct }: SentimentCounts): SentimentCounts => ({ items, negative, neutral, positive, netSentimentPct });
const tallyOf = ({ received, cases, inProgress, answered, overdue }: PetitionTally): PetitionTally => ({ received, cases, inProgress, answered, overdue });
const weekOf = ({ week, weekStart }: WeekRef): WeekRef => ({ week, weekStart });

/**
 * The report of `unit` (a province, a commune or the nation; not a village) for the week starting `weekStart`, read
 * on `reference` at the latest. `chain` is the unit and its ancestors, as authorisation resolved them.
 */
export async function getWeeklyReport(
  store: Store,
  ask: { unit: UnitRef; chain: UnitRef[]; filter: UnitFilter; weekStart: string; reference: string; now?: Date },
): Promise<WeeklyReport> {
  const { unit, chain, filter, weekStart, reference } = ask;
  const weekEnd = addDays(weekStart, 6);
  const asOf = weekEnd < reference ? weekEnd : reference;
  const from = addDays(weekStart, -7 * (REPORT_SERIES_WEEKS - 1));
  const period = { from, to: asOf, fromWeek: from, toWeek: weekStart };
  const asked = { unit, filter };

  const [coverage, officers, reporting, counts, handling, trend, warnings] = await Promise.all([
    coverageOfUnit(store, unit, asOf),
    getOfficers(store, unit, filter, asOf, null),
    getReportCompleteness(store, unit, filter, period, weekStart),
    getPetitionCounts(store, asked, period, ask.now),
    getHandlingTimes(store, asked, period, ask.now),
    getOpinionTrend(store, { ...asked, period, withPetitions: false }),
    getWarnings(store, { unit, chain, filter, asOf, limit: REPORT_WARNINGS }),
  ]);

  const reportWeeks = reporting.weeks.map((w) => ({ ...weekOf(w), due: w.due, ...w.all }));
  const children = reporting.breakdown.children.map((c) => ({ unit: c.unit, ...c.all }));
  const opinionWeek = (monday: string) => trend.byWeek.find((w) => w.weekStart === monday);
  const previous = opinionWeek(addDays(weekStart, -7));
  const groups = (dimension: OfficerDimension, list: OfficersAnswer['byLevel']) =>
    list.map(({ code, name, officers: n, female, sharePct }) => ({ dimension, code, name, officers: n, female, sharePct }));

  return {
    unit: unitSummary(unit),
    week: { week: isoWeekOf(weekStart), weekStart, weekEnd, dueAt: dueAt(weekStart) },
    asOf,
    madeAt: timeInVietnam(ask.now ?? new Date()),
    period: { from, to: asOf },
    coverage: {
      ...coverageLine(coverage),
      provincesTotal: coverage.rosters.provincesTotal,
      provincesRosterUpdated: coverage.rosters.provincesUpdated,
      // A commune's children are its villages, one village each: nothing to compare, so none are listed.
      children: unit.level === 'commune' ? [] : coverage.children.map((c) => ({ unit: c.unit, ...coverageLine(c) })),
    },
    officers: {
      ...officers.total,
      groups: [
        ...groups('level', officers.byLevel),
        ...groups('organisation', officers.byOrganisation),
        ...groups('position', officers.byPosition),
        ...groups('gender', officers.byGender),
        ...groups('ageBand', officers.byAgeBand),
      ],
    },
    reporting: {
      week: reportWeeks.find((w) => w.weekStart === weekStart) as ReportWeek,
      weeks: reportWeeks,
      children,
      missing: children.filter((c) => c.missing > 0).sort((a, b) => b.missing - a.missing || a.unit.code.localeCompare(b.unit.code)),
    },
    petitions: {
      week: tallyOf(counts.byWeek.find((w) => w.weekStart === weekStart) as PetitionTally),
      period: tallyOf(counts.total),
      handling: (({ answered, handlingDaysP50, handlingDaysP90, answeredOnTime, onTimePct }) => ({ answered, handlingDaysP50, handlingDaysP90, answeredOnTime, onTimePct }))(handling.total),
      weeks: counts.byWeek.map((w) => ({ ...weekOf(w), ...tallyOf(w) })),
      topics: counts.byTopic
        .filter((t) => t.received > 0)
        .sort((a, b) => b.received - a.received || a.topic.localeCompare(b.topic))
        .map((t) => ({ topic: t.topic === UNLABELLED ? { code: UNLABELLED, name: UNLABELLED_NAME } : topicRef(t.topic), ...tallyOf(t) })),
    },
    opinion: {
      week: sentimentOf(opinionWeek(weekStart) as SentimentCounts),
      previousWeek: previous ? sentimentOf(previous) : null,
      weeks: trend.byWeek.map((w) => ({ ...weekOf(w), ...sentimentOf(w) })),
      topTopics: trend.byTopic
        .map((t) => ({ topic: t.topic, ...sentimentOf(t.weeks.find((w) => w.weekStart === weekStart) as SentimentCounts) }))
        .filter((t) => t.items > 0)
        .sort((a, b) => b.items - a.items || a.topic.code.localeCompare(b.topic.code))
        .slice(0, REPORT_TOP_TOPICS),
    },
    warnings: {
      counts: warnings.counts,
      items: warnings.items.map(({ kind, severity, unit: u, reason }) => ({ kind, severity, unit: u, reason })),
    },
  };
}
