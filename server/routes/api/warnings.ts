/**
 * GET /api/warnings?unit=CODE&limit=N: what needs attention now (on the data's reference day) in a unit's scope (the
 * user's own unit when none is given; 403 outside it): lagging rollout, missed weekly reports, overdue petitions and
 * negative-opinion spikes, each with its severity, a reason in Vietnamese and the API path of its evidence.
 * Warnings are kept down to communes, so a village is answered 400.
 */
import { Type, type TInteger } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { getWarnings, WARNING_KINDS, type WarningKind } from '../../../analytics/questions/warnings.js';
import { HttpError } from '../../plugins/app/errors.js';
import { ErrorBody, oneOf, Unit, UnitCode } from './schemas.js';

const Kind = oneOf(WARNING_KINDS);

const Warnings = Type.Object({
  unit: Unit,
  asOf: Type.String(),
  week: Type.String({ description: 'ISO week of the day: opinion spikes are looked for in it' }),
  rules: Type.Object(
    {
      lagPoints: Type.Number(),
      lagHighPoints: Type.Number(),
      missedWeeks: Type.Integer(),
      missedMediumWeeks: Type.Integer(),
      missedHighWeeks: Type.Integer(),
      overdueTop: Type.Integer(),
      overdueHighPct: Type.Number(),
      overdueMediumPct: Type.Number(),
    },
    { description: 'the constants of the rules that raise warnings' },
  ),
  counts: Type.Object(Object.fromEntries(WARNING_KINDS.map((k) => [k, Type.Integer()])) as Record<WarningKind, TInteger>, {
    description: 'items found of each kind, before the list is cut to its limit',
  }),
  items: Type.Array(
    Type.Object({
      kind: Kind,
      unit: Unit,
      severity: oneOf(['high', 'medium', 'low'] as const),
      reason: Type.String({ description: 'one line in Vietnamese with the numbers' }),
      evidence: Type.String({ description: 'API path and query that shows the rows behind it' }),
      figures: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Null()])),
    }),
  ),
});

const warnings: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/warnings',
    {
      preHandler: [app.requireReady, app.authenticate],
      schema: {
        querystring: Type.Object({
          unit: Type.Optional(UnitCode),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
        }),
        response: { 200: Warnings, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 503: ErrorBody },
      },
    },
    async (request) => {
      const asOf = await app.referenceDate();
      const { unit, chain, filter } = await app.authorize(request, request.query.unit, asOf);
      if (unit.level === 'village') {
        throw new HttpError(400, 'bad_request', `warnings are kept down to communes: ask for the commune ${unit.commune_code} instead of the village ${unit.code}`);
      }
      return getWarnings(app.store, { unit, chain, filter, asOf, limit: request.query.limit ?? 50 });
    },
  );
};

export default warnings;
