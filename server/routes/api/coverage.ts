/**
 * Rollout coverage: GET /api/coverage?unit=CODE&asOf=YYYY-MM-DD (the unit, the user's own when none is given, and each
 * child), and over a period (unit, from, to): /api/coverage/ranking (children ranked on a figure, as of the period's
 * end), /api/coverage/zero (children still at zero then) and /api/coverage/trend (week by week). A unit outside the
 * user's scope is refused with 403.
 */
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isCalendarDay } from '../../../analytics/clock.js';
import {
  getCoverage,
  getCoverageRanking,
  getCoverageTrend,
  getCoverageZero,
  RANK_FIGURES,
  RANK_ORDERS,
  ZERO_KINDS,
  type RankFigure,
} from '../../../analytics/questions/coverage.js';
import { HttpError } from '../../plugins/app/errors.js';
import { CoverageFigures, Day, ErrorBody, oneOf, Unit, UnitCode } from './schemas.js';
import { ScopedPeriod, scopedPeriod } from './params.js';

const Coverage = Type.Object({
  asOf: Type.String(),
  unit: Unit,
  ...CoverageFigures,
  children: Type.Array(Type.Object({ unit: Unit, ...CoverageFigures })),
});

const Ranking = Type.Object({
  asOf: Type.String({ description: "the period's last day: the figures are those of that day" }),
  unit: Unit,
  rank: Type.String(),
  order: Type.String(),
  children: Type.Array(
    Type.Object({
      rank: Type.Integer({ description: '1 for the first; equal values share a rank, the next rank skips (1, 2, 2, 4)' }),
      value: Type.Number({ description: 'the figure ranked on' }),
      unit: Unit,
      ...CoverageFigures,
    }),
  ),
});

const Zero = Type.Object({
  asOf: Type.String({ description: "the period's last day" }),
  unit: Unit,
  missing: Type.String(),
  counts: Type.Object({ children: Type.Integer(), noVillageList: Type.Integer(), noRosterUpdate: Type.Integer() }),
  children: Type.Array(
    Type.Object({
      unit: Unit,
      noVillageList: Type.Boolean({ description: 'no village in force: no list and so no village created; false for a village' }),
      noRosterUpdate: Type.Boolean({ description: "the child's own roster (province, commune or village) has no active officer" }),
      villagesExpected: Type.Integer(),
    }),
  ),
});

const Trend = Type.Object({
  unit: Unit,
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  weeks: Type.Array(
    Type.Object({
      week: Type.String({ description: 'ISO week, e.g. 2025-W37' }),
      weekStart: Type.String(),
      asOf: Type.String({ description: "the week's Sunday, or the period's last day for the last week" }),
      communesTotal: Type.Integer(),
      communesWithVillageList: Type.Integer(),
      withVillageListPct: Type.Number(),
      villagesCreated: Type.Integer(),
      communesUpdated: Type.Integer(),
      communesUpdatedPct: Type.Number(),
    }),
  ),
});

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 503: ErrorBody };

const coverage: FastifyPluginAsyncTypebox = async (app) => {
  const preHandler = [app.requireReady, app.authenticate];

  app.get(
    '/coverage',
    {
      preHandler,
      schema: {
        querystring: Type.Object({ unit: Type.Optional(UnitCode), asOf: Type.Optional(Day) }),
        response: { 200: Coverage, ...errors },
      },
    },
    async (request) => {
      const asOf = request.query.asOf ?? (await app.referenceDate());
      if (!isCalendarDay(asOf)) throw new HttpError(400, 'bad_request', `asOf "${asOf}" is not a calendar day`);
      const { unit } = await app.authorize(request, request.query.unit, asOf);
      return getCoverage(app.store, unit.code, asOf);
    },
  );

  app.get(
    '/coverage/ranking',
    {
      preHandler,
      schema: {
        summary: "The unit's children ranked on a coverage figure, as of the period's last day",
        querystring: Type.Object({
          ...ScopedPeriod,
          rank: Type.Optional(oneOf(Object.keys(RANK_FIGURES) as RankFigure[], 'the figure to rank the children on (default withVillageListPct)')),
          order: Type.Optional(oneOf(RANK_ORDERS, 'desc (default: the highest first) or asc')),
        }),
        response: { 200: Ranking, ...errors },
      },
    },
    async (request) => {
      const { unit, period } = await scopedPeriod(app, request, request.query);
      return getCoverageRanking(app.store, unit, period.to, request.query.rank ?? 'withVillageListPct', request.query.order ?? 'desc');
    },
  );

  app.get(
    '/coverage/zero',
    {
      preHandler,
      schema: {
        summary: "The unit's children still without a village list or a roster on the period's last day",
        querystring: Type.Object({
          ...ScopedPeriod,
          missing: Type.Optional(oneOf(ZERO_KINDS, 'village_list, roster, or any (default): the children still at zero on that count')),
        }),
        response: { 200: Zero, ...errors },
      },
    },
    async (request) => {
      const { unit, period } = await scopedPeriod(app, request, request.query);
      return getCoverageZero(app.store, unit, period.to, request.query.missing ?? 'any');
    },
  );

  app.get(
    '/coverage/trend',
    {
      preHandler,
      schema: {
        summary: 'Rollout week by week: communes with a village list, villages created, communes with a roster',
        querystring: Type.Object(ScopedPeriod),
        response: { 200: Trend, ...errors },
      },
    },
    async (request) => {
      const { unit, filter, period } = await scopedPeriod(app, request, request.query);
      return getCoverageTrend(app.store, unit, filter, period);
    },
  );
};

export default coverage;
