/**
 * Escalation on deadline: a petition from the public form that is not answered by its deadline goes one level up (a
 * commune's to its province, a province's to the centre), with a new deadline at that level, as an "escalated" event
 * by "system" that names the deadline missed. Run on a schedule (ingest/schedules.ts); running it again changes
 * nothing, as an escalated case has a deadline ahead of it again.
 */
import type { Store } from '../store/index.js';
import { timeInVietnam } from '../clock.js';
import type { HandlingLevel } from '../registry/vocabularies.js';
import { overdueCases } from '../queries/handling.js';
import { answerDays, LEVEL_NAMES, levelAbove, loadRouting, unitAt } from './rules.js';

/** How far back escalation looks: older submissions were settled (or escalated to the centre) long ago. */
export const ESCALATION_WINDOW_DAYS = 400;

export interface Escalation {
  petitionId: string;
  from: string;
  to: string;
  missedDue: string;
  newDue: string;
}

export async function escalateOverdue(store: Store, now: Date = new Date()): Promise<Escalation[]> {
  const overdue = await overdueCases(store, {
    now: timeInVietnam(now),
    since: timeInVietnam(new Date(now.getTime() - ESCALATION_WINDOW_DAYS * 86400_000)),
  });
  if (overdue.length === 0) return [];
  const { deadlines } = await loadRouting(store);
  const events = [];
  const done: Escalation[] = [];
  for (const c of overdue) {
    const up = levelAbove(c.handling_level as HandlingLevel);
    if (!up) continue;
    const target = unitAt(up, { provinceCode: c.province_code, communeCode: c.commune_code });
    const newDue = timeInVietnam(new Date(now.getTime() + answerDays(deadlines, c.topic, target.level) * 86400_000));
    const missed = c.due_at.slice(0, 10).split('-').reverse().join('/');
    events.push({
      event_id: `escalated-${c.due_at.replace(/\D/g, '')}`,
      petition_id: c.petition_id,
      province_code: c.province_code,
      commune_code: c.commune_code,
      event_at: now.toISOString(),
      status: 'escalated',
      unit_code: target.unitCode,
      handling_level: target.level,
      due_at: newDue,
      actor: 'system',
      note: `Quá hạn trả lời (hạn ${missed}) tại đơn vị ${c.unit_code}: tự động chuyển lên cấp ${LEVEL_NAMES[target.level]}`,
      partner: '',
      from_unit_code: c.unit_code,
      ingest_run_id: '',
    });
    done.push({ petitionId: c.petition_id, from: c.unit_code, to: target.unitCode, missedDue: c.due_at, newDue });
  }
  if (events.length > 0) await store.insert('petition_events', events);
  return done;
}
