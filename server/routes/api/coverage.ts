/**
 * GET /api/coverage?unit=CODE&asOf=YYYY-MM-DD: rollout coverage of a unit (national when no unit) and of each child.
 */
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CENTRAL_CODE } from '../../../analytics/registry/units.js';
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
      preHandler: app.requireReady,
      schema: {
        querystring: Type.Object({ unit: Type.Optional(UnitCode), asOf: Type.Optional(Day) }),
        response: { 200: Coverage, 400: ErrorBody, 503: ErrorBody },
      },
    },
    async (request) => {
      const asOf = request.query.asOf ?? (await app.referenceDate());
      if (!isCalendarDay(asOf)) throw new HttpError(400, 'bad_request', `asOf "${asOf}" is not a calendar day`);
      return getCoverage(app.store, request.query.unit ?? CENTRAL_CODE, asOf);
    },
  );
};

export default coverage;
