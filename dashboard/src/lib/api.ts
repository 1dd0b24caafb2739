/**
 * Talking to the Front Pulse API: typed fetches that turn the API's { error, message } answers into errors to show.
 */
import { t, tr } from './i18n';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function getJson<T>(path: string, fetcher: typeof fetch = fetch): Promise<T> {
  let response: Response;
  try {
    response = await fetcher(path, { headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError(0, 'network', tr('Không kết nối được máy chủ Front Pulse.', 'Cannot reach the Front Pulse server.'));
  }
  const body = (await response.json().catch(() => ({}))) as T & { error?: string; message?: string };
  if (!response.ok) throw new ApiError(response.status, body.error ?? 'error', body.message ?? tr(`Lỗi ${response.status}`, `Error ${response.status}`));
  return body;
}

export type Level = 'central' | 'province' | 'commune' | 'village';

export interface UnitSummary {
  code: string;
  name: string;
  level: Level;
}

export interface CoverageFigures {
  communes: { total: number; withVillageList: number; withVillageListPct: number };
  villages: { created: number; expected: number; createdPct: number };
  rosters: {
    provincesTotal: number;
    provincesUpdated: number;
    communesUpdated: number;
    communesUpdatedPct: number;
    officers: { province: number; commune: number; village: number };
    updatedAt: string | null;
  };
}

export interface Coverage extends CoverageFigures {
  asOf: string;
  unit: UnitSummary;
  children: (CoverageFigures & { unit: UnitSummary })[];
}

export interface Health {
  status: 'ok' | 'preparing' | 'failed';
  engine: 'embedded' | 'server';
  phase: string;
  step: string | null;
  progress: number | null;
  message: string;
  referenceDate: string | null;
  background: string | null;
  /** The largest file an upload may send. */
  uploadMaxBytes: number;
  demoLogins: { login: string; role: string; unit: string }[];
}

/** An error as the person reading the page should see it. */
export function describeError(e: unknown): string {
  if (e instanceof ApiError && e.status === 403) return t('state.outOfScope');
  return e instanceof Error ? e.message : String(e);
}

export type Severity = 'high' | 'medium' | 'low';

export interface Warning {
  kind: 'escalated_petitions' | 'lagging_rollout' | 'missed_reports' | 'overdue_petitions' | 'negative_opinion_spike';
  unit: UnitSummary;
  severity: Severity;
  reason: string;
  evidence: string;
  figures: Record<string, number | string | null>;
}

export interface Warnings {
  unit: UnitSummary;
  asOf: string;
  week: string;
  counts: Record<Warning['kind'], number>;
  items: Warning[];
}

export interface CoverageTrend {
  unit: UnitSummary;
  weeks: {
    week: string;
    weekStart: string;
    asOf: string;
    communesTotal: number;
    communesWithVillageList: number;
    withVillageListPct: number;
    villagesCreated: number;
    communesUpdated: number;
    communesUpdatedPct: number;
  }[];
}

export interface CoverageZero {
  asOf: string;
  unit: UnitSummary;
  counts: { children: number; noVillageList: number; noRosterUpdate: number };
  children: { unit: UnitSummary; noVillageList: boolean; noRosterUpdate: boolean; villagesExpected: number }[];
}

export interface OfficerGroup {
  code: string;
  name: string;
  officers: number;
  female: number;
  sharePct: number;
}

export interface Officers {
  asOf: string;
  unit: UnitSummary;
  total: { officers: number; female: number; femalePct: number };
  byLevel: OfficerGroup[];
  byOrganisation: OfficerGroup[];
  byPosition: OfficerGroup[];
  byGender: OfficerGroup[];
  byAgeBand: OfficerGroup[];
}

export interface WithoutChair {
  asOf: string;
  unit: UnitSummary;
  counts: { units: number; withRoster: number; withoutChair: number; withoutRoster: number };
  units: { unit: UnitSummary; provinceCode: string; officers: number; frontOfficers: number; rosterUpdatedAt: string | null }[];
}

export interface StaleRosters {
  asOf: string;
  unit: UnitSummary;
  weeks: number;
  staleBefore: string;
  counts: { rosters: number; stale: number };
  rosters: { unit: UnitSummary; provinceCode: string; officers: number; updatedAt: string; daysSince: number; weeksSince: number }[];
}

export interface ReportFigures {
  expected: number;
  received: number;
  onTime: number;
  late: number;
  missing: number;
  completenessPct: number | null;
  timelinessPct: number | null;
}

export interface DueWeek {
  week: string;
  weekStart: string;
  dueAt: string;
  due: boolean;
  all: ReportFigures;
  levels: (ReportFigures & { level: 'province' | 'commune' })[];
}

export interface Completeness {
  unit: UnitSummary;
  period: { from: string; to: string; fromIsoWeek: string; toIsoWeek: string };
  weeks: DueWeek[];
  breakdown: DueWeek & { children: { unit: UnitSummary; all: ReportFigures }[] };
}

export interface MissedReports {
  unit: UnitSummary;
  asOf: string;
  weeks: { week: string; weekStart: string }[];
  units: {
    unit: UnitSummary;
    provinceCode: string;
    lastReport: { week: string; weekStart: string; submittedAt: string } | null;
    weeksSinceLastReport: number | null;
  }[];
}

export interface SentimentCounts {
  items: number;
  negative: number;
  neutral: number;
  positive: number;
  netSentimentPct: number;
}

export interface Topic {
  code: string;
  name: string;
}

export interface OpinionTrend {
  unit: UnitSummary;
  period: { from: string; to: string };
  total: SentimentCounts;
  byWeek: (SentimentCounts & { week: string; weekStart: string })[];
  byTopic: (SentimentCounts & { topic: Topic })[];
  byPlace: (SentimentCounts & { unit: UnitSummary | null; mainTopic: Topic | null })[];
}

export interface RisingKeywords {
  unit: UnitSummary;
  week: string;
  baseline: { fromWeek: string; toWeek: string; weeks: number };
  texts: { current: number; baseline: number };
  keywords: { keyword: string; term: string; current: number; baseline: number; ratio: number; score: number }[];
}

export interface Spike {
  kind: 'topic' | 'place';
  topic: Topic | null;
  place: UnitSummary | null;
  severity: Severity;
  current: number;
  usual: number;
  z: number;
  ratio: number;
  drivers: { code: string; name: string; current: number; usual: number }[];
  examples: { source: string; url: string; publishedAt: string; excerpt: string; engagement: number }[];
}

export interface Spikes {
  unit: UnitSummary;
  week: string;
  days: number;
  spikes: Spike[];
}

/** Petitions received in the period, as they stood at its end (GET /api/petitions/counts). */
export interface PetitionTally {
  /** Every petition: each signature of a mass case. */
  received: number;
  /** A mass case once. */
  cases: number;
  inProgress: number;
  answered: number;
  overdue: number;
}

export interface PetitionCounts {
  unit: UnitSummary;
  period: { from: string; to: string };
  stateAt: string;
  total: PetitionTally;
  byLevel: (PetitionTally & { level: 'central' | 'province' | 'commune' })[];
  byTopic: (PetitionTally & { topic: string })[];
  byChannel: (PetitionTally & { channel: string })[];
  byWeek: (PetitionTally & { week: string; weekStart: string })[];
}

export interface HandlingFigures {
  received: number;
  inProgress: number;
  answered: number;
  handlingDaysP50: number | null;
  handlingDaysP90: number | null;
  answeredOnTime: number;
  onTimePct: number;
}

export interface HandlingTimes {
  unit: UnitSummary;
  total: HandlingFigures;
  byLevel: (HandlingFigures & { level: 'central' | 'province' | 'commune' })[];
  /** Answered petitions by days to their first answer (bands 0-2, 3-7, 8-15, 16-30, 31-45, 46+). */
  distribution: { band: string; answered: number }[];
}

export interface OverdueUnits {
  unit: UnitSummary;
  unitsWithOverdue: number;
  units: { rank: number; unit: UnitSummary; received: number; inProgress: number; overdue: number; overduePct: number; oldestDue: string | null }[];
}
