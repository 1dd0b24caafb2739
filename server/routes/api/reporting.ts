/**
 * Weekly reports of the provinces and communes under a unit (the user's own when none is given; 403 outside their
 * scope), over a period: GET /api/reporting/completeness (completeness and timeliness per ISO week and level, and one
 * week per child unit), /api/reporting/grid (the same per unit and week, for a heat map), /api/reporting/indicators
 * (each indicator summed up the hierarchy, per week and in total, with the reports behind each sum) and
 * /api/reporting/missed (units with no report in any of the last `weeks` weeks due).
 * Counts and sums only: no answer names a person.
 */
import { Type, type TSchema } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { addDays } from '../../../analytics/clock.js';
import {
  DEFAULT_MISSED_WEEKS,
  getCompletenessGrid,
  getIndicatorSums,
  getMissedReports,
  getReportCompleteness,
} from '../../../analytics/questions/reporting.js';
import { HttpError } from '../../plugins/app/errors.js';
import { ErrorBody, oneOf, Unit } from './schemas.js';
import { IsoWeek, ScopedPeriod, readWeek, scopedPeriod } from './params.js';

/** Weeks the missed-reports question may look back: a year. */
const MAX_MISSED_WEEKS = 52;

const Level = oneOf(['province', 'commune'] as const, 'the level that sent the reports');
const Pct = Type.Union([Type.Number(), Type.Null()], { description: 'in percent, two decimals; null when nothing was expected' });

export const WeekRef = {
  week: Type.String({ description: 'ISO week, e.g. 2025-W37' }),
  weekStart: Type.String({ description: 'its Monday' }),
};

const Period = Type.Object({
  from: Type.String(),
  to: Type.String(),
  fromWeek: Type.String({ description: 'Monday of the first week' }),
  toWeek: Type.String({ description: 'Monday of the last week' }),
  fromIsoWeek: Type.String(),
  toIsoWeek: Type.String(),
});

export const ReportFigures = {
  expected: Type.Integer({ description: 'units in force that week (on its Sunday), which owe a report' }),
  received: Type.Integer(),
  onTime: Type.Integer({ description: 'first submitted before the deadline' }),
  late: Type.Integer(),
  missing: Type.Integer(),
  completenessPct: Pct,
  timelinessPct: Pct,
};

const WeekFigures = {
  all: Type.Object(ReportFigures),
  levels: Type.Array(Type.Object({ level: Level, ...ReportFigures })),
  notInForce: Type.Integer({ description: 'reports from units that were not in force that week; outside the rates' }),
};

const DueWeek = {
  ...WeekRef,
  dueAt: Type.String({ description: 'the deadline, Vietnam time: Monday + 8 days, 00:00' }),
  due: Type.Boolean({ description: "whether the deadline had passed by the period's end; before it, missing means not in yet" }),
  ...WeekFigures,
};

const Completeness = Type.Object({
  unit: Unit,
  period: Period,
  weeks: Type.Array(Type.Object(DueWeek)),
  breakdown: Type.Object(
    { ...DueWeek, children: Type.Array(Type.Object({ unit: Unit, ...WeekFigures })) },
    { description: "one week per child unit: provinces of the country, communes of a province (a province's own report is in the totals)" },
  ),
});

const Grid = Type.Object({
  unit: Unit,
  period: Period,
  weeks: Type.Array(Type.Object({ ...WeekRef, dueAt: DueWeek.dueAt, due: DueWeek.due })),
  rows: Type.Array(
    Type.Object({
      unit: Unit,
      own: Type.Boolean({ description: "the unit's own report (a province's or a commune's) rather than a child unit's" }),
      cells: Type.Array(Type.Object(ReportFigures), { description: 'one a week, in the order of weeks; nothing expected: the unit was not in force' }),
    }),
    { description: "the unit's own report first, then each child unit by code" },
  ),
});

const indicatorFigures = <T extends Record<string, TSchema>>(more: T) => ({
  sum: Type.Number({ description: "in the indicator's own measure" }),
  reports: Type.Integer({ description: 'reports summed (unit-weeks over the period)' }),
  expected: Type.Integer({ description: 'reports owed by the units in force (unit-weeks over the period)' }),
  coveragePct: Pct,
  ...more,
});

const Indicators = Type.Object({
  unit: Unit,
  period: Period,
  indicators: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), measure: Type.String() })),
  weeks: Type.Array(
    Type.Object({
      ...WeekRef,
      expected: Type.Integer({ description: 'units in force that week, which owe a report' }),
      indicators: Type.Array(Type.Object(indicatorFigures({ indicator: Type.String(), levels: Type.Array(Type.Object(indicatorFigures({ level: Level }))) }))),
    }),
  ),
  total: Type.Object({
    expected: Type.Integer({ description: 'unit-weeks owed over the period' }),
    indicators: Type.Array(
      Type.Object(
        indicatorFigures({
          indicator: Type.String(),
          units: Type.Integer({ description: 'distinct units summed' }),
          levels: Type.Array(Type.Object(indicatorFigures({ level: Level, units: Type.Integer() }))),
        }),
      ),
    ),
  }),
});

const Missed = Type.Object({
  unit: Unit,
  asOf: Type.String({ description: "the period's last day: reports first submitted after it are not counted" }),
  weeks: Type.Array(Type.Object(WeekRef), { description: 'the weeks looked at: the last ones whose deadline had passed by asOf' }),
  units: Type.Array(
    Type.Object({
      unit: Unit,
      provinceCode: Type.String(),
      lastReport: Type.Union([Type.Object({ ...WeekRef, submittedAt: Type.String({ description: 'first submission, Vietnam time' }) }), Type.Null()]),
      weeksSinceLastReport: Type.Union([Type.Integer(), Type.Null()]),
    }),
    { description: 'never reported first, then the longest silent' },
  ),
});

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 503: ErrorBody };

const reporting: FastifyPluginAsyncTypebox = async (app) => {
  const preHandler = [app.requireReady, app.authenticate];

  app.get(
    '/reporting/completeness',
    {
      preHandler,
      schema: {
        summary: 'Completeness and timeliness of weekly reports per ISO week and level, and one week (`week`, else the latest due) per child unit',
        querystring: Type.Object({
          ...ScopedPeriod,
          week: Type.Optional(IsoWeek),
        }),
        response: { 200: Completeness, ...errors },
      },
    },
    async (request) => {
      const week = request.query.week === undefined ? undefined : readWeek(request.query.week);
      const { unit, filter, period } = await scopedPeriod(app, request, request.query);
      return getReportCompleteness(app.store, unit, filter, period, week);
    },
  );

  app.get(
    '/reporting/grid',
    {
      preHandler,
      schema: {
        summary: 'Completeness and timeliness of weekly reports per unit and ISO week: the unit itself and each child unit, for a heat map',
        querystring: Type.Object(ScopedPeriod),
        response: { 200: Grid, ...errors },
      },
    },
    async (request) => {
      const { unit, filter, period } = await scopedPeriod(app, request, request.query);
      return getCompletenessGrid(app.store, unit, filter, period);
    },
  );

  app.get(
    '/reporting/indicators',
    {
      preHandler,
      schema: {
        summary: 'Reported indicators summed over the units under a unit, per week and in total, with the reports behind each sum; `week` instead of from/to for one week',
        querystring: Type.Object({
          ...ScopedPeriod,
          week: Type.Optional(IsoWeek),
        }),
        response: { 200: Indicators, ...errors },
      },
    },
    async (request) => {
      const { week, ...query } = request.query;
      if (week !== undefined && (query.from !== undefined || query.to !== undefined)) {
        throw new HttpError(400, 'bad_request', 'give either week or from/to, not both');
      }
      const monday = week === undefined ? undefined : readWeek(week);
      const asked = monday === undefined ? query : { unit: query.unit, from: monday, to: addDays(monday, 6) };
      const { unit, filter, period } = await scopedPeriod(app, request, asked);
      return getIndicatorSums(app.store, unit, filter, period);
    },
  );

  app.get(
    '/reporting/missed',
    {
      preHandler,
      schema: {
        summary: "Provinces and communes with no report in any of the last weeks due by the period's end",
        querystring: Type.Object({
          ...ScopedPeriod,
          weeks: Type.Optional(
            Type.Integer({ minimum: 1, maximum: MAX_MISSED_WEEKS, description: `how many weeks in a row (default ${DEFAULT_MISSED_WEEKS})` }),
          ),
        }),
        response: { 200: Missed, ...errors },
      },
    },
    async (request) => {
      const { unit, filter, period } = await scopedPeriod(app, request, request.query);
      return getMissedReports(app.store, unit, filter, period.to, request.query.weeks ?? DEFAULT_MISSED_WEEKS);
    },
  );
};

export default reporting;
