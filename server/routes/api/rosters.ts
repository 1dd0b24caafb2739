/**
 * Officer rosters of a unit (the user's own when none is given; 403 outside their scope), in aggregate only, as of the
 * period's last day: GET /api/rosters/officers (active officers by level, organisation, position, gender and age
 * band), /api/rosters/without-chair (provinces and communes whose roster lacks a Front chair) and /api/rosters/stale
 * (rosters not updated for `weeks` weeks, 4 by default). No answer carries an officer's name, phone or e-mail.
 */
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DEFAULT_STALE_WEEKS, getOfficers, getStaleRosters, getUnitsWithoutChair, ROSTER_LEVELS } from '../../../analytics/questions/rosters.js';
import { ErrorBody, oneOf, Unit } from './schemas.js';
import { MAX_PERIOD_DAYS, ScopedPeriod, scopedPeriod } from './params.js';

const OfficerGroups = Type.Array(
  Type.Object({
    code: Type.String(),
    name: Type.String(),
    officers: Type.Integer(),
    female: Type.Integer(),
    sharePct: Type.Number({ description: 'share of all the officers counted, in percent' }),
  }),
);

const Officers = Type.Object({
  asOf: Type.String({ description: "the period's last day: officers recorded by then and active" }),
  unit: Unit,
  level: Type.Union([oneOf(ROSTER_LEVELS), Type.Null()]),
  total: Type.Object({ officers: Type.Integer(), female: Type.Integer(), femalePct: Type.Number() }),
  byLevel: OfficerGroups,
  byOrganisation: OfficerGroups,
  byPosition: OfficerGroups,
  byGender: OfficerGroups,
  byAgeBand: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), officers: Type.Integer(), female: Type.Integer(), sharePct: Type.Number() }), {
    description: "age at the period's end from the birth year: under_30, 30_39, 40_49, 50_59, 60_plus, unknown (no birth year)",
  }),
});

const RosterUnit = {
  unit: Unit,
  provinceCode: Type.String(),
  officers: Type.Integer({ description: 'active officers' }),
};

const WithoutChair = Type.Object({
  asOf: Type.String(),
  unit: Unit,
  counts: Type.Object({
    units: Type.Integer({ description: 'provinces and communes in force in the unit' }),
    withRoster: Type.Integer(),
    withoutChair: Type.Integer({ description: 'rosters with active officers but no active Front chair: the units listed' }),
    withoutRoster: Type.Integer({ description: 'units with no roster at all (listed by GET /api/coverage/zero)' }),
  }),
  units: Type.Array(Type.Object({ ...RosterUnit, frontOfficers: Type.Integer(), rosterUpdatedAt: Type.Union([Type.String(), Type.Null()]) })),
});

const Stale = Type.Object({
  asOf: Type.String(),
  unit: Unit,
  weeks: Type.Integer(),
  staleBefore: Type.String({ description: 'rosters last changed before this day are stale' }),
  counts: Type.Object({ rosters: Type.Integer(), stale: Type.Integer() }),
  rosters: Type.Array(
    Type.Object({
      ...RosterUnit,
      updatedAt: Type.String({ description: 'the latest change to the roster, Vietnam time' }),
      daysSince: Type.Integer(),
      weeksSince: Type.Integer(),
    }),
    { description: 'oldest first' },
  ),
});

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 503: ErrorBody };

const rosters: FastifyPluginAsyncTypebox = async (app) => {
  const preHandler = [app.requireReady, app.authenticate];

  app.get(
    '/rosters/officers',
    {
      preHandler,
      schema: {
        summary: 'Active officers by level, organisation, position, gender and age band (counts only)',
        querystring: Type.Object({ ...ScopedPeriod, level: Type.Optional(oneOf(ROSTER_LEVELS, 'count only the rosters of this level')) }),
        response: { 200: Officers, ...errors },
      },
    },
    async (request) => {
      const { unit, filter, period } = await scopedPeriod(app, request, request.query);
      return getOfficers(app.store, unit, filter, period.to, request.query.level ?? null);
    },
  );

  app.get(
    '/rosters/without-chair',
    {
      preHandler,
      schema: {
        summary: 'Provinces and communes whose roster has no active Chair of the Front',
        querystring: Type.Object(ScopedPeriod),
        response: { 200: WithoutChair, ...errors },
      },
    },
    async (request) => {
      const { unit, filter, period } = await scopedPeriod(app, request, request.query);
      return getUnitsWithoutChair(app.store, unit, filter, period.to);
    },
  );

  app.get(
    '/rosters/stale',
    {
      preHandler,
      schema: {
        summary: 'Rosters not updated for a number of weeks before the period ends, oldest first',
        querystring: Type.Object({
          ...ScopedPeriod,
          weeks: Type.Optional(Type.Integer({ minimum: 1, maximum: Math.floor(MAX_PERIOD_DAYS / 7), description: `stale after this many weeks without a change (default ${DEFAULT_STALE_WEEKS})` })),
        }),
        response: { 200: Stale, ...errors },
      },
    },
    async (request) => {
      const { unit, filter, period } = await scopedPeriod(app, request, request.query);
      return getStaleRosters(app.store, unit, filter, period.to, request.query.weeks ?? DEFAULT_STALE_WEEKS);
    },
  );
};

export default rosters;
