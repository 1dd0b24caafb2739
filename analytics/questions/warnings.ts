/**
 * Early warning: one list, for a unit's scope, of what needs attention now (on the data's reference day), each item
 * with its kind, unit, severity, a one-line reason in Vietnamese with the numbers, and the API path that shows the
 * rows behind it. Five kinds, each with its rule (constants below):
 *   escalated_petitions     units that let petitions from the public form pass their deadline: escalated a level up
 *   lagging_rollout         a child far below its parent's share of communes with village lists or roster updates
 *   missed_reports          a province or commune with no weekly report for the latest two weeks due or more
 *   overdue_petitions       the children with the most petitions not yet answered past their deadline
 *   negative_opinion_spike  negative posts on a topic, or in a child place, far above their usual level this week
 */
import type { Store } from '../store/index.js';
import type { UnitFilter } from '../access/scope.js';
import { addDays, isoWeekOf, mondayOf } from '../clock.js';
import { REPORT_DUE_DAYS_AFTER_WEEK_START } from '../registry/vocabularies.js';
import { coverageByChild, type CoverageRow } from '../queries/coverage.js';
import { escalatedPetitions, missedReports, overduePetitionsByChild, type MissedReportRow, type OverdueRow } from '../queries/warnings.js';
import { namesOf } from './petitions.js';
import type { UnitRef } from '../queries/registry.js';
import { percent, unitSummary, type UnitSummary } from './coverage.js';
import { childrenOf, getSpikes, type Severity, type Spike } from './opinion.js';

export const WARNING_KINDS = ['escalated_petitions', 'overdue_petitions', 'negative_opinion_spike', 'missed_reports', 'lagging_rollout'] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

/** The rules, in one place. */
export const WARNING_RULES = {
  /** A child lags when its share is at least this many percentage points below its parent's. */
  lagPoints: 15,
  /** … and a province that lags by this many is high, by fewer medium. A commune: medium on both measures, low on one. */
  lagHighPoints: 30,
  /** Missed reports: this many of the latest weeks due in a row or more; high from highWeeks (and never reported). */
  missedWeeks: 2,
  missedMediumWeeks: 3,
  missedHighWeeks: 4,
  /** Overdue petitions: the children with the most, at most this many; severity by the share of open ones overdue. */
  overdueTop: 10,
  overdueHighPct: 20,
  overdueMediumPct: 10,
  /** Escalated petitions: escalations of the last this many days; high when this many or more are still not answered. */
  escalatedDays: 30,
  escalatedHighOpen: 3,
} as const;

export interface WarningItem {
  kind: WarningKind;
  unit: UnitSummary;
  severity: Severity;
  /** One line in Vietnamese with the numbers. */
  reason: string;
  /** API path and query of the endpoint that shows the rows behind the warning. */
  evidence: string;
  /** The numbers behind the reason. */
  figures: Record<string, number | string | null>;
}

export interface WarningsAnswer {
  unit: UnitSummary;
  asOf: string;
  /** The ISO week of the day, the week opinion spikes are looked for in. */
  week: string;
  rules: typeof WARNING_RULES;
  /** Items found of each kind, before the list is cut to its limit. */
  counts: Record<WarningKind, number>;
  /** High first, then medium, then low; within a severity by kind (as WARNING_KINDS), then by size. */
  items: WarningItem[];
}

type Ranked = WarningItem & { size: number };

const SEVERITY_ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
/** Vietnamese number: 1.234; 12,5. */
const vi = (n: number) => number.format(n);

/** Monday of the latest week whose report was due by the end of the day. */
export function lastDueWeek(asOf: string): string {
  let week = mondayOf(asOf);
  while (addDays(week, REPORT_DUE_DAYS_AFTER_WEEK_START) > addDays(asOf, 1)) week = addDays(week, -7);
  return week;
}

export async function getWarnings(
  store: Store,
  ask: { unit: UnitRef; chain: UnitRef[]; filter: UnitFilter; asOf: string; limit: number },
): Promise<WarningsAnswer> {
  const lists = await Promise.all([escalated(store, ask), overdue(store, ask), opinionSpikes(store, ask), missed(store, ask), lagging(store, ask)]);
  const all = lists.flat();
  all.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      WARNING_KINDS.indexOf(a.kind) - WARNING_KINDS.indexOf(b.kind) ||
      b.size - a.size ||
      a.unit.code.localeCompare(b.unit.code),
  );
  const counts = Object.fromEntries(WARNING_KINDS.map((k) => [k, all.filter((i) => i.kind === k).length])) as Record<WarningKind, number>;
  return {
    unit: unitSummary(ask.unit),
    asOf: ask.asOf,
    week: isoWeekOf(ask.asOf),
    rules: WARNING_RULES,
    counts,
    items: all.slice(0, ask.limit).map(({ size: _, ...item }) => item),
  };
}

interface Ask {
  unit: UnitRef;
  chain: UnitRef[];
  filter: UnitFilter;
  asOf: string;
}

// ---------------------------------------------------------------------------------------------------------------

async function overdue(store: Store, ask: Ask): Promise<Ranked[]> {
  const [rows, children] = await Promise.all([
    overduePetitionsByChild(store, { as_of_end: `${addDays(ask.asOf, 1)} 00:00:00`, ...scopeFilter(ask.filter) }),
    childrenOf(store, ask.unit, ask.asOf),
  ]);
  const place = (r: OverdueRow): UnitSummary | undefined => (children.size > 0 ? children.get(r.child_code) : unitSummary(ask.unit));
  return rows
    .filter((r) => place(r))
    .slice(0, WARNING_RULES.overdueTop)
    .map((r) => {
      const unit = place(r) as UnitSummary;
      const pct = percent(r.overdue, r.in_progress);
      const days = Math.floor((Date.parse(`${ask.asOf}T23:59:59Z`) - Date.parse(`${r.oldest_due.replace(' ', 'T')}Z`)) / 86_400_000);
      // The drill-through lists petitions by receipt: from the day before the earliest overdue one was received (its
      // history may start before the receipt time), so that its rows are the ones counted here.
      const from = addDays(r.oldest_received.slice(0, 10), -1);
      return {
        kind: 'overdue_petitions' as const,
        unit,
        severity: pct >= WARNING_RULES.overdueHighPct ? 'high' : pct >= WARNING_RULES.overdueMediumPct ? 'medium' : 'low',
        reason: `${unit.name}: ${vi(r.overdue)} đơn quá hạn trong ${vi(r.in_progress)} đơn đang giải quyết (${vi(pct)} %), quá hạn lâu nhất ${vi(days)} ngày`,
        evidence: `/api/drill/petitions?unit=${unit.code}&status=overdue&from=${from}&to=${ask.asOf}`,
        figures: { overdue: r.overdue, inProgress: r.in_progress, overduePct: pct, oldestDue: r.oldest_due, oldestOverdueDays: days },
        size: r.overdue,
      };
    });
}

async function escalated(store: Store, ask: Ask): Promise<Ranked[]> {
  const since = addDays(ask.asOf, 1 - WARNING_RULES.escalatedDays);
  const rows = await escalatedPetitions(store, { ...scopeFilter(ask.filter), since: `${since} 00:00:00`, until: `${addDays(ask.asOf, 1)} 00:00:00` });
  const named = await namesOf(store, rows.map((r) => r.unit_code), ask.asOf);
  return rows.map((r) => {
    const unit = named(r.unit_code);
    return {
      kind: 'escalated_petitions' as const,
      unit,
      severity: r.still_open >= WARNING_RULES.escalatedHighOpen ? 'high' : 'medium',
      reason:
        `${unit.name}: ${vi(r.escalated)} đơn gửi qua cổng tiếp nhận quá hạn trả lời, đã tự động chuyển lên cấp trên ` +
        `trong ${WARNING_RULES.escalatedDays} ngày qua; ${vi(r.still_open)} đơn chưa được trả lời`,
      evidence: `/api/drill/petitions?unit=${unit.code}&from=${since}&to=${ask.asOf}`,
      figures: { escalated: r.escalated, stillOpen: r.still_open, firstAt: r.first_at, lastAt: r.last_at },
      size: r.still_open,
    } satisfies Ranked;
  });
}

async function opinionSpikes(store: Store, ask: Ask): Promise<Ranked[]> {
  const weekStart = mondayOf(ask.asOf);
  const week = isoWeekOf(weekStart);
  const answer = await getSpikes(store, { ...ask, withPetitions: false, weekStart, referenceDate: ask.asOf, negativeOnly: true, examples: false });
  const span = answer.days === 7 ? `tuần ${week}` : `tuần ${week} (${answer.days} ngày đầu)`;
  return answer.spikes.map((s: Spike) => {
    const unit = s.place ?? unitSummary(ask.unit);
    const what = s.kind === 'topic' ? `về ${s.topic?.name}` : s.topic ? `ở ${unit.name}, chủ yếu về ${s.topic.name}` : `ở ${unit.name}`;
    const topic = s.topic ? `&topic=${s.topic.code}` : '';
    return {
      kind: 'negative_opinion_spike' as const,
      unit,
      severity: s.severity,
      reason:
        `Bài viết tiêu cực ${what} tăng đột biến: ${vi(s.current)} bài ${span}, gấp ${vi(s.ratio)} lần mức thường ` +
        `(${vi(s.usual)} bài/tuần, trung vị ${answer.rule.baselineWeeks} tuần trước), z = ${vi(s.z)}`,
      evidence: `/api/drill/posts?unit=${unit.code}${topic}&week=${week}`,
      figures: { spike: s.kind, topic: s.topic?.code ?? null, current: s.current, usual: s.usual, ratio: s.ratio, z: s.z, days: answer.days },
      size: s.z,
    };
  });
}

async function missed(store: Store, ask: Ask): Promise<Ranked[]> {
  const dueWeek = lastDueWeek(ask.asOf);
  const rows = await missedReports(store, { as_of: ask.asOf, last_due_week: dueWeek, min_weeks: WARNING_RULES.missedWeeks, ...scopeFilter(ask.filter) });
  return rows.map((r: MissedReportRow) => {
    const never = r.last_week === null;
    const weeks = r.weeks_missed;
    const since = never ? '' : `; báo cáo gần nhất: tuần ${isoWeekOf(r.last_week as string)}`;
    return {
      kind: 'missed_reports' as const,
      unit: { code: r.unit_code, name: r.unit_name, level: r.unit_level },
      severity: never || weeks >= WARNING_RULES.missedHighWeeks ? 'high' : weeks >= WARNING_RULES.missedMediumWeeks ? 'medium' : 'low',
      reason: never
        ? `${r.unit_name} chưa từng gửi báo cáo tuần (đến tuần ${isoWeekOf(dueWeek)})`
        : `${r.unit_name} không gửi báo cáo tuần ${vi(weeks)} tuần liền, đến tuần ${isoWeekOf(dueWeek)}${since}`,
      evidence: `/api/drill/report-submissions?unit=${r.unit_code}&week=${isoWeekOf(dueWeek)}&status=missing`,
      figures: { weeksMissed: never ? null : weeks, lastWeek: never ? null : isoWeekOf(r.last_week as string), lastDueWeek: isoWeekOf(dueWeek) },
      size: never ? Number.MAX_SAFE_INTEGER : weeks,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Lagging rollout, from the coverage figures /api/coverage shows.

interface Shares {
  villageListPct: number;
  rosterPct: number;
}

function shares(r: CoverageRow): Shares {
  return { villageListPct: percent(r.communes_with_village_list, r.communes_total), rosterPct: percent(r.communes_updated, r.communes_total) };
}

/** Each measure: its key, what a share of it says, and what a commune without it lacks. */
const MEASURES = [
  ['villageListPct', 'xã đã lập danh sách thôn', 'chưa lập danh sách thôn'],
  ['rosterPct', 'xã đã cập nhật danh sách cán bộ', 'chưa cập nhật danh sách cán bộ'],
] as const;

function lagOf(child: { unit: UnitSummary; shares: Shares }, parent: { name: string; shares: Shares }): Ranked | null {
  const lags = MEASURES.map(([key, label, lacking]) => ({ key, label, lacking, gap: Math.round((parent.shares[key] - child.shares[key]) * 100) / 100 })).filter(
    (m) => m.gap >= WARNING_RULES.lagPoints,
  );
  if (lags.length === 0) return null;
  const biggest = Math.max(...lags.map((m) => m.gap));
  const severity: Severity =
    child.unit.level === 'commune' ? (lags.length === 2 ? 'medium' : 'low') : biggest >= WARNING_RULES.lagHighPoints ? 'high' : 'medium';
  // A commune has a village list or has not; a province has a share of its communes that have.
  const reason =
    child.unit.level === 'commune'
      ? `${child.unit.name} ${lags.map((m) => m.lacking).join(', ')} (${parent.name}: ${lags.map((m) => `${vi(parent.shares[m.key])} % ${m.label}`).join(', ')})`
      : `${child.unit.name} chậm triển khai: ${lags.map((m) => `${m.label} ${vi(child.shares[m.key])} % (${parent.name} ${vi(parent.shares[m.key])} %)`).join('; ')}`;
  return {
    kind: 'lagging_rollout',
    unit: child.unit,
    severity,
    reason,
    evidence: `/api/coverage?unit=${child.unit.code}`,
    figures: {
      villageListPct: child.shares.villageListPct,
      parentVillageListPct: parent.shares.villageListPct,
      rosterPct: child.shares.rosterPct,
      parentRosterPct: parent.shares.rosterPct,
      gapPoints: biggest,
    },
    size: biggest,
  };
}

/** The children of a coverage answer set against its total, named as the coverage rows name them. */
function laggingChildren(rows: CoverageRow[], parentName: string, level: 'province' | 'commune', only?: string): Ranked[] {
  const total = rows.find((r) => r.is_total === 1);
  if (!total) return [];
  const parent = { name: parentName, shares: shares(total) };
  return rows
    .filter((r) => r.is_total === 0 && (!only || r.child_code === only))
    .map((r) => lagOf({ unit: { code: r.child_code, name: r.child_name, level }, shares: shares(r) }, parent))
    .filter((x): x is Ranked => x !== null);
}

async function lagging(store: Store, ask: Ask): Promise<Ranked[]> {
  const national = () => coverageByChild(store, { as_of: ask.asOf, province_code: '', commune_code: '' });
  const province = (code: string) => coverageByChild(store, { as_of: ask.asOf, province_code: code, commune_code: '' });
  const { unit } = ask;
  if (unit.level === 'central') return laggingChildren(await national(), 'toàn quốc', 'province');
  const provinceName = ask.chain.find((u) => u.level === 'province')?.name ?? unit.province_code;
  if (unit.level === 'province') {
    const [country, communes] = await Promise.all([national(), province(unit.code)]);
    return [...laggingChildren(country, 'toàn quốc', 'province', unit.code), ...laggingChildren(communes, provinceName, 'commune')];
  }
  return laggingChildren(await province(unit.province_code), provinceName, 'commune', unit.commune_code);
}

function scopeFilter(filter: UnitFilter): { province_code: string; commune_code: string } {
  return { province_code: filter.province_code, commune_code: filter.commune_code };
}
