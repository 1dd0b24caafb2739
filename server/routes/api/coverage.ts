/**
 * GET /api/coverage?unit=CODE&asOf=YYYY-MM-DD: rollout coverage of a unit (the user's own unit when none is given)
 * and of each child; a unit outside the user's scope is refused with 403.
 */
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isCalendarDay } from '../../../analytics/clock.js';
import { getCoverage } from '../../../analytics/questions/coverage.js';
import { HttpError } from '../../plugins/app/errors.js';
import { CoverageFigures, Day, ErrorBody, Unit, UnitCode } from './schemas.js';

const Coverage = Type.Object({
  asOf: Type.String(),
  unit: Unit,
  ...CoverageFigures,
  children: Type.Array(Type.Object({ unit: Unit, ...CoverageFigures })),
});

const coverage: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/coverage',
    {
      preHandler: [app.requireReady, app.authenticate],
      schema: {
        querystring: Type.Object({ unit: Type.Optional(UnitCode), asOf: Type.Optional(Day) }),
        response: { 200: Coverage, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 503: ErrorBody },
      },
    },
    async (request) => {
      const asOf = request.query.asOf ?? (await app.referenceDate());
      if (!isCalendarDay(asOf)) throw new HttpError(400, 'bad_request', `asOf "${asOf}" is not a calendar day`);
      const { unit } = await app.authorize(request, request.query.unit, asOf);
      return getCoverage(app.store, unit.code, asOf);
    },
  );
};

export default coverage;
