/**
 * Weekly reporting of any unit: how complete and timely the reports of the provinces and communes under it were, week
 * by week and per child unit (as DHIS2 computes reporting rates); what they reported, summed up the hierarchy with
 * the coverage behind each sum; and which units have missed the last weeks. Villages do not report, so a village's
 * answers are empty. Weeks are ISO weeks ("2025-W37"), each with its Monday.
 */
import type { Store } from '../store/index.js';
import type { UnitFilter } from '../access/scope.js';
import { addDays, isoWeekOf, mondayOf } from '../clock.js';
import { INDICATORS, REPORT_DUE_DAYS_AFTER_WEEK_START } from '../registry/vocabularies.js';
import type { UnitRef } from '../queries/registry.js';
import type { UnitLevel } from '../registry/units.js';
import {
  indicatorSums,
  missedReports,
  reportCompleteness,
  type CompletenessRow,
  type IndicatorSumRow,
  type ReportingLevel,
} from '../queries/reporting.js';
import { percent, unitSummary, type UnitSummary } from './coverage.js';

/** Weeks looked at by the missed-reports question when none is said. */
export const DEFAULT_MISSED_WEEKS = 3;

export interface ReportingPeriod {
  from: string;
  to: string;
  fromWeek: string;
  toWeek: string;
}

export interface WeekRef {
  /** ISO week, "2025-W37". */
  week: string;
  /** Its Monday. */
  weekStart: string;
}

export interface ReportFigures {
  /** Units in force that week, which owe a report. */
  expected: number;
  received: number;
  onTime: number;
  late: number;
  missing: number;
  /** received / expected and onTime / expected, in percent; null when nothing was expected. */
  completenessPct: number | null;
  timelinessPct: number | null;
}

export interface WeekFigures extends WeekRef {
  /** The deadline: Monday + REPORT_DUE_DAYS_AFTER_WEEK_START days at 00:00, Vietnam time. */
  dueAt: string;
  /** Whether the deadline had passed by the end of the period; before it, "missing" means "not in yet". */
  due: boolean;
  all: ReportFigures;
  levels: (ReportFigures & { level: ReportingLevel })[];
  /** Reports from units under the unit that were not in force that week: not in the rates. */
  notInForce: number;
}

export interface CompletenessAnswer {
  unit: UnitSummary;
  period: ReportingPeriod & { fromIsoWeek: string; toIsoWeek: string };
  weeks: WeekFigures[];
  /** One week (the latest due in the period, or the one asked for) per child unit. */
  breakdown: WeekFigures & { children: ({ unit: UnitSummary } & Omit<WeekFigures, keyof WeekRef | 'dueAt' | 'due'>)[] };
}

export interface CompletenessGridAnswer {
  unit: UnitSummary;
  period: ReportingPeriod & { fromIsoWeek: string; toIsoWeek: string };
  weeks: (WeekRef & { dueAt: string; due: boolean })[];
  /**
   * The unit's own report first (a province's or a commune's; the nation sends none), then each child unit by code;
   * one cell a week, in the order of `weeks`. A cell with nothing expected is a week the unit was not in force.
   */
  rows: { unit: UnitSummary; own: boolean; cells: ReportFigures[] }[];
}

export interface IndicatorFigures {
  sum: number;
  /** Reports summed; over a period, unit-weeks. */
  reports: number;
  /** Reports owed by the units in force (unit-weeks over a period), and how many of them the sum holds. */
  expected: number;
  coveragePct: number | null;
}

export interface IndicatorsAnswer {
  unit: UnitSummary;
  period: ReportingPeriod & { fromIsoWeek: string; toIsoWeek: string };
  indicators: { code: string; name: string; measure: string }[];
  weeks: (WeekRef & {
    /** Units in force that week, which owe a report. */
    expected: number;
    indicators: (IndicatorFigures & { indicator: string; levels: (IndicatorFigures & { level: ReportingLevel })[] })[];
  })[];
  total: {
    /** Unit-weeks owed over the period. */
    expected: number;
    indicators: (IndicatorFigures & { indicator: string; units: number; levels: (IndicatorFigures & { level: ReportingLevel; units: number })[] })[];
  };
}

export interface MissedAnswer {
  unit: UnitSummary;
  asOf: string;
  weeks: WeekRef[];
  units: {
    unit: UnitSummary;
    provinceCode: string;
    /** The last week the unit reported on by asOf, or null when it never did. */
    lastReport: (WeekRef & { submittedAt: string }) | null;
    /** Due weeks since that report, up to the latest week looked at; null when it never reported. */
    weeksSinceLastReport: number | null;
  }[];
}

/** The levels that report under a unit: provinces report to the centre, communes to their province. */
export function reportingLevels(level: UnitLevel): ReportingLevel[] {
  if (level === 'central' || level === 'province') return ['province', 'commune'];
  return level === 'commune' ? ['commune'] : [];
}

/** The deadline of a week's report, "YYYY-MM-DD 00:00:00" in Vietnam time. */
export function dueAt(weekStart: string): string {
  return `${addDays(weekStart, REPORT_DUE_DAYS_AFTER_WEEK_START)} 00:00:00`;
}

/** Whether the week's deadline had passed by the end of `day`. */
export function isDue(weekStart: string, day: string): boolean {
  return addDays(weekStart, REPORT_DUE_DAYS_AFTER_WEEK_START) <= addDays(day, 1);
}

/** Monday of the latest week whose report was due by the end of `day`. */
export function lastDueWeek(day: string): string {
  let monday = mondayOf(day);
  while (!isDue(monday, day)) monday = addDays(monday, -7);
  return monday;
}

/** Mondays from `first` to `last`, both included. */
export function mondays(first: string, last: string): string[] {
  const out: string[] = [];
  for (let monday = first; monday <= last; monday = addDays(monday, 7)) out.push(monday);
  return out;
}

function weekRef(weekStart: string): WeekRef {
  return { week: isoWeekOf(weekStart), weekStart };
}

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : percent(part, whole));

function reportFigures(expected: number, received: number, onTime: number): ReportFigures {
  return {
    expected,
    received,
    onTime,
    late: received - onTime,
    missing: expected - received,
    completenessPct: rate(received, expected),
    timelinessPct: rate(onTime, expected),
  };
}

/** Rows of one week (or one child's rows) folded into figures per level and in all. */
function foldWeek(rows: CompletenessRow[], levels: ReportingLevel[]): Omit<WeekFigures, keyof WeekRef | 'dueAt' | 'due'> {
  const perLevel = levels.map((level) => {
    const mine = rows.filter((r) => r.level === level);
    const sum = (key: 'expected' | 'received' | 'on_time') => mine.reduce((n, r) => n + r[key], 0);
    return { level, ...reportFigures(sum('expected'), sum('received'), sum('on_time')) };
  });
  const total = (key: 'expected' | 'received' | 'onTime') => perLevel.reduce((n, l) => n + l[key], 0);
  return {
    all: reportFigures(total('expected'), total('received'), total('onTime')),
    levels: perLevel,
    notInForce: rows.reduce((n, r) => n + r.not_in_force, 0),
  };
}

function periodOf(period: ReportingPeriod) {
  return { ...period, fromIsoWeek: isoWeekOf(period.fromWeek), toIsoWeek: isoWeekOf(period.toWeek) };
}

const subtree = (filter: UnitFilter) => ({
  province_code: filter.province_code,
  commune_code: filter.commune_code,
  village_code: filter.village_code,
});

/** The rows of report_completeness for the period's weeks (and `childWeek`), split by child unit. */
function completenessRows(store: Store, filter: UnitFilter, period: ReportingPeriod, childWeek: string): Promise<CompletenessRow[]> {
  return reportCompleteness(store, {
    from_week: period.fromWeek,
    to_week: period.toWeek,
    child_week: childWeek,
    due_days: REPORT_DUE_DAYS_AFTER_WEEK_START,
    ...subtree(filter),
  });
}

/** The level of a unit's children among the reporting units. */
const childLevelOf = (level: UnitLevel): UnitLevel => (level === 'central' ? 'province' : 'commune');

/**
 * Completeness and timeliness per week and level over the period, and one week per child unit: `week` (a Monday)
 * when given, else the latest week of the period whose deadline had passed by its end (else its first week).
 */
export async function getReportCompleteness(
  store: Store,
  unit: UnitRef,
  filter: UnitFilter,
  period: ReportingPeriod,
  week?: string,
): Promise<CompletenessAnswer> {
  const weeks = mondays(period.fromWeek, period.toWeek);
  const childWeek = week ?? weeks.filter((w) => isDue(w, period.to)).at(-1) ?? period.fromWeek;
  const levels = reportingLevels(unit.level);
  const rows = await completenessRows(store, filter, period, childWeek);
  const ofWeek = (monday: string): WeekFigures => ({
    ...weekRef(monday),
    dueAt: dueAt(monday),
    due: isDue(monday, period.to),
    ...foldWeek(rows.filter((r) => r.week_start === monday), levels),
  });

  const childRows = rows.filter((r) => r.week_start === childWeek && r.child_code !== '');
  const childLevel = childLevelOf(unit.level);
  const children = [...new Set(childRows.map((r) => r.child_code))].sort().map((code) => {
    const mine = childRows.filter((r) => r.child_code === code);
    const name = mine.find((r) => r.child_name !== '')?.child_name ?? code;
    return { unit: { code, name, level: childLevel }, ...foldWeek(mine, reportingLevels(childLevel)) };
  });

  return {
    unit: unitSummary(unit),
    period: periodOf(period),
    weeks: weeks.map(ofWeek),
    breakdown: { ...ofWeek(childWeek), children },
  };
}

/**
 * Completeness per unit and week, for a heat map: the unit's own report (when it sends one) and each child unit's
 * (a province with its communes under the nation, a commune under a province), every week of the period.
 */
export async function getCompletenessGrid(store: Store, unit: UnitRef, filter: UnitFilter, period: ReportingPeriod): Promise<CompletenessGridAnswer> {
  const weeks = mondays(period.fromWeek, period.toWeek);
  const rows = await completenessRows(store, filter, period, period.fromWeek);
  const cellsOf = (mine: CompletenessRow[]) =>
    weeks.map((monday) => {
      const ofWeek = mine.filter((r) => r.week_start === monday);
      const sum = (key: 'expected' | 'received' | 'on_time') => ofWeek.reduce((n, r) => n + r[key], 0);
      return reportFigures(sum('expected'), sum('received'), sum('on_time'));
    });

  const own = rows.filter((r) => r.child_code === '');
  const childLevel = childLevelOf(unit.level);
  const children = [...new Set(rows.map((r) => r.child_code).filter((c) => c !== ''))].sort().map((code) => {
    const mine = rows.filter((r) => r.child_code === code);
    // The name it had last in the period: a child renamed mid-period shows its new name.
    const name = mine.filter((r) => r.child_name !== '').sort((a, b) => a.week_start.localeCompare(b.week_start)).at(-1)?.child_name ?? code;
    return { unit: { code, name, level: childLevel }, own: false, cells: cellsOf(mine) };
  });

  return {
    unit: unitSummary(unit),
    period: periodOf(period),
    weeks: weeks.map((monday) => ({ ...weekRef(monday), dueAt: dueAt(monday), due: isDue(monday, period.to) })),
    rows: [...(own.length > 0 ? [{ unit: unitSummary(unit), own: true, cells: cellsOf(own) }] : []), ...children],
  };
}

function indicatorFigures(rows: IndicatorSumRow[], expected: number): IndicatorFigures {
  const reports = rows.reduce((n, r) => n + r.reports, 0);
  return {
    // Sums of Float64 carry binary noise (1258041.0000000014); values are given to a thousandth at most.
    sum: Math.round(rows.reduce((n, r) => n + r.value_sum, 0) * 1000) / 1000,
    reports,
    expected,
    coveragePct: rate(reports, expected),
  };
}

/**
 * Each indicator summed over the provinces and communes under the unit, per week and over the period, per level and
 * in all, with the reports behind each sum against those owed.
 */
export async function getIndicatorSums(store: Store, unit: UnitRef, filter: UnitFilter, period: ReportingPeriod): Promise<IndicatorsAnswer> {
  const levels = reportingLevels(unit.level);
  const rows = await indicatorSums(store, { from_week: period.fromWeek, to_week: period.toWeek, ...subtree(filter) });
  const sums = rows.filter((r) => r.indicator !== '');
  const known = Object.keys(INDICATORS);
  const codes = [...known, ...new Set(sums.map((s) => s.indicator).filter((c) => !known.includes(c)))];
  // The rows with indicator '' carry the units expected per week and level (unit-weeks on the total rows).
  const owed = (isTotal: number, monday: string | null, level: ReportingLevel | null) =>
    rows
      .filter((r) => r.indicator === '' && r.is_total === isTotal && (monday === null || r.week_start === monday) && (level === null || r.level === level))
      .reduce((n, r) => n + r.expected, 0);

  const figuresOf = (mine: IndicatorSumRow[], isTotal: number, monday: string | null) =>
    codes.map((code) => {
      const ofCode = mine.filter((r) => r.indicator === code);
      return {
        indicator: code,
        ...indicatorFigures(ofCode, owed(isTotal, monday, null)),
        levels: levels.map((level) => ({ level, ...indicatorFigures(ofCode.filter((r) => r.level === level), owed(isTotal, monday, level)) })),
      };
    });

  const totals = sums.filter((s) => s.is_total === 1);
  const units = (mine: IndicatorSumRow[]) => mine.reduce((n, r) => n + r.units, 0);
  return {
    unit: unitSummary(unit),
    period: periodOf(period),
    indicators: codes.map((code) => {
      const entry = INDICATORS[code as keyof typeof INDICATORS];
      return { code, name: entry?.name ?? code, measure: entry?.unit ?? '' };
    }),
    weeks: mondays(period.fromWeek, period.toWeek).map((monday) => ({
      ...weekRef(monday),
      expected: owed(0, monday, null),
      indicators: figuresOf(
        sums.filter((s) => s.is_total === 0 && s.week_start === monday),
        0,
        monday,
      ),
    })),
    total: {
      expected: owed(1, null, null),
      indicators: figuresOf(totals, 1, null).map((f) => {
        const ofCode = totals.filter((r) => r.indicator === f.indicator);
        return {
          ...f,
          // Distinct units per level; a unit reports at one level only, so the levels add up.
          units: units(ofCode),
          levels: f.levels.map((l) => ({ ...l, units: units(ofCode.filter((r) => r.level === l.level)) })),
        };
      }),
    },
  };
}

/**
 * The provinces and communes under the unit with no report for any of the last `weeks` weeks whose deadline had passed
 * by the end of `asOf`, among those in force throughout; those that never reported first, then the longest silent.
 */
export async function getMissedReports(store: Store, unit: UnitRef, filter: UnitFilter, asOf: string, weeks: number): Promise<MissedAnswer> {
  const lastWeek = lastDueWeek(asOf);
  const rows = await missedReports(store, { last_week: lastWeek, weeks, as_of: asOf, ...subtree(filter) });
  return {
    unit: unitSummary(unit),
    asOf,
    weeks: mondays(addDays(lastWeek, -7 * (weeks - 1)), lastWeek).map(weekRef),
    units: rows.map((r) => ({
      unit: { code: r.code, name: r.name, level: r.level },
      provinceCode: r.province_code,
      lastReport: r.last_report_week === null ? null : { ...weekRef(r.last_report_week), submittedAt: r.last_submitted_at ?? '' },
      weeksSinceLastReport: r.last_report_week === null ? null : Math.round((Date.parse(lastWeek) - Date.parse(r.last_report_week)) / (7 * 86_400_000)),
    })),
  };
}
