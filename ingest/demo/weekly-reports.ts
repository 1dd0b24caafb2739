/**
 * Demo step "weekly_reports": 52 weeks of reports from every province and commune, with realistic gaps:
 * most report on time, some late, some not at all; a few provinces lag; reporting grew as the platform spread;
 * a handful of communes have stopped reporting in the last weeks.
 */
import { addDays, mondayOf } from '../../analytics/clock.js';
import { INDICATORS, REPORT_DUE_DAYS_AFTER_WEEK_START, type Indicator } from '../../analytics/registry/vocabularies.js';
import { Random } from '../../analytics/random.js';
import { BatchWriter, type DemoContext, type DemoUnit } from './context.js';

export const REPORT_WEEKS = 52;

/** Mondays of the 52 weeks whose reports are due by the reference day. */
export function reportWeeks(asOf: string): string[] {
  // The latest week is the last one whose deadline has passed by the end of the reference day.
  let last = mondayOf(asOf);
  while (addDays(last, REPORT_DUE_DAYS_AFTER_WEEK_START) > addDays(asOf, 1)) last = addDays(last, -7);
  return Array.from({ length: REPORT_WEEKS }, (_, i) => addDays(last, -7 * (REPORT_WEEKS - 1 - i)));
}

interface Reporter {
  unit: DemoUnit;
  level: 'province' | 'commune';
  /** Chance of reporting at all in a week, at full adoption. */
  reliability: number;
  /** Chance a report that comes is late. */
  lateness: number;
  /** Stopped reporting this many weeks before the end (0 = still reporting). */
  silentForWeeks: number;
  size: number;
}

function indicatorValue(indicator: Indicator, r: Reporter, random: Random): number {
  const s = r.size;
  switch (indicator) {
    case 'petitions_received':
      return Math.round(random.logNormal(3 * s, 0.6));
    case 'petitions_resolved':
      return Math.round(random.logNormal(2.5 * s, 0.6));
    case 'meetings_held':
      return random.int(0, Math.round(2 + 2 * s));
    case 'supervision_activities':
      return random.int(0, Math.round(1 + s));
    case 'residents_reached':
      return Math.round(random.logNormal(300 * s, 0.7));
    case 'households_supported':
      return Math.round(random.logNormal(6 * s, 0.8));
    case 'aid_value_million_vnd':
      return Math.round(random.logNormal(25 * s, 0.9) * 10) / 10;
  }
}

export async function buildWeeklyReports(ctx: DemoContext): Promise<void> {
  const random = new Random(ctx.seed, 'weekly_reports');
  const weeks = reportWeeks(ctx.asOf);
  const laggingProvinces = new Set(random.shuffle(ctx.provinces.map((p) => p.code)).slice(0, 5));
  const reporters: Reporter[] = [
    ...ctx.provinces.map((unit) => ({
      unit, level: 'province' as const, reliability: 0.97, lateness: 0.08, silentForWeeks: 0, size: 40,
    })),
    ...ctx.communes.map((unit) => {
      const lagging = laggingProvinces.has(unit.province_code);
      return {
        unit,
        level: 'commune' as const,
        reliability: Math.min(0.995, (lagging ? 0.55 : 0.82) + (lagging ? 0.3 : 0.17) * random.next()),
        lateness: (lagging ? 0.25 : 0.08) * random.next() * 2,
        silentForWeeks: random.chance(0.012) ? random.int(2, 8) : 0,
        size: unit.unit_type === 'phường' ? 1.3 : 1,
      };
    }),
  ];
  const indicators = Object.keys(INDICATORS) as Indicator[];
  const writer = new BatchWriter(ctx.store, 'weekly_reports', 100_000);
  for (const [w, monday] of weeks.entries()) {
    // Adoption: three in five units reported in the first weeks, nearly all by the last quarter.
    const adoption = Math.min(1, 0.6 + (0.4 * w) / (REPORT_WEEKS * 0.75));
    const due = addDays(monday, REPORT_DUE_DAYS_AFTER_WEEK_START);
    for (const r of reporters) {
      if (r.silentForWeeks > 0 && w >= REPORT_WEEKS - r.silentForWeeks) continue;
      if (!random.chance(r.reliability * adoption)) continue;
      const late = random.chance(r.lateness);
      // On time: from Saturday to the deadline; late: one to ten days after it.
      const day = late ? addDays(due, random.int(0, 9)) : addDays(monday, random.int(5, REPORT_DUE_DAYS_AFTER_WEEK_START - 1));
      if (day > ctx.asOf) continue; // a late report that has not come in yet: missing as of the reference day
      const at = `${day} ${String(random.int(7, 21)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}`;
      for (const indicator of indicators) {
        await writer.add({
          unit_code: r.unit.code,
          unit_level: r.level,
          province_code: r.unit.province_code,
          commune_code: r.level === 'commune' ? r.unit.code : '',
          week_start: monday,
          indicator,
          value: indicatorValue(indicator, r, random) * (r.level === 'province' ? 20 : 1),
          submitted_at: at,
          ingest_run_id: 'demo',
        });
      }
    }
    ctx.progress({ step: 'weekly_reports', done: w + 1, total: weeks.length });
  }
  await writer.close();
}
