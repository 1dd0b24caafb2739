/**
 * The parameters every analytics endpoint shares: the unit (the user's own when none is given, 403 outside their
 * scope) and the period (from/to days, or ISO weeks), checked the same way everywhere: a malformed day or week, a
 * period that ends before it starts, or one longer than MAX_PERIOD_DAYS answers 400 with the reason.
 */
import { Type } from 'typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { addDays, isCalendarDay, mondayOf, mondayOfIsoWeek } from '../../../analytics/clock.js';
import type { Authorized } from '../../plugins/app/auth.js';
import { HttpError } from '../../plugins/app/errors.js';
import { Day, UnitCode } from './schemas.js';

/** About five years: a dashboard period; longer is a typing error ("2205-01-01"). */
export const MAX_PERIOD_DAYS = 5 * 366;
/** The period when none is given: the last twelve weeks up to the reference day. */
export const DEFAULT_WEEKS = 12;

export const IsoWeek = Type.String({ pattern: '^[0-9]{4}-W[0-9]{2}$', description: 'an ISO week, e.g. 2025-W37' });

/** Query fields: unit, from, to. Spread into a route's querystring schema. */
export const ScopedPeriod = {
  unit: Type.Optional(UnitCode),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
};

export interface Period {
  from: string;
  to: string;
  /** Monday of the week of `from`, and of `to`: for weekly series. */
  fromWeek: string;
  toWeek: string;
}

/** The period asked for, checked; defaults: `to` the data's reference day, `from` DEFAULT_WEEKS weeks before. */
export function readPeriod(query: { from?: string; to?: string }, reference: string, defaultWeeks = DEFAULT_WEEKS): Period {
  const to = query.to ?? reference;
  const from = query.from ?? addDays(mondayOf(to), -7 * (defaultWeeks - 1));
  for (const [name, day] of [['from', from], ['to', to]] as const) {
    if (!isCalendarDay(day)) throw new HttpError(400, 'bad_request', `${name} "${day}" is not a calendar day (YYYY-MM-DD)`);
  }
  if (from > to) throw new HttpError(400, 'bad_request', `the period ends (${to}) before it starts (${from})`);
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (days > MAX_PERIOD_DAYS) throw new HttpError(400, 'bad_request', `the period from ${from} to ${to} is longer than ${MAX_PERIOD_DAYS} days`);
  return { from, to, fromWeek: mondayOf(from), toWeek: mondayOf(to) };
}

/** An ISO week as its Monday, or 400. */
export function readWeek(label: string, name = 'week'): string {
  const monday = mondayOfIsoWeek(label);
  if (!monday) throw new HttpError(400, 'bad_request', `${name} "${label}" is not an ISO week (YYYY-Www)`);
  return monday;
}

/** The usual start of a handler: the period, then the unit authorised for the user, on the period's last day. */
export async function scopedPeriod(
  app: FastifyInstance,
  request: FastifyRequest,
  query: { unit?: string; from?: string; to?: string },
  defaultWeeks = DEFAULT_WEEKS,
): Promise<Authorized & { period: Period }> {
  const period = readPeriod(query, await app.referenceDate(), defaultWeeks);
  const authorized = await app.authorize(request, query.unit, period.to);
  return { ...authorized, period };
}
