/**
 * Schemas shared by several routes: query parameters and the shapes of units and coverage figures.
 */
import { Type } from 'typebox';

export const UnitCode = Type.String({
  pattern: '^(VN|[0-9]{2}|[0-9]{5}|[0-9]{5}-[0-9]{3})$',
  description: 'VN (national), a 2-digit province code, a 5-digit commune code, or a village code NNNNN-NNN',
});

export const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'a day, YYYY-MM-DD' });

export const Unit = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Union([Type.Literal('central'), Type.Literal('province'), Type.Literal('commune'), Type.Literal('village')]),
});

export const CoverageFigures = {
  communes: Type.Object({ total: Type.Integer(), withVillageList: Type.Integer(), withVillageListPct: Type.Number() }),
  villages: Type.Object({ created: Type.Integer(), expected: Type.Integer(), createdPct: Type.Number() }),
  rosters: Type.Object({
    provincesTotal: Type.Integer(),
    provincesUpdated: Type.Integer(),
    communesUpdated: Type.Integer(),
    communesUpdatedPct: Type.Number(),
    officers: Type.Object({ province: Type.Integer(), commune: Type.Integer(), village: Type.Integer() }),
    updatedAt: Type.Union([Type.String(), Type.Null()]),
  }),
};

export const ErrorBody = Type.Object({ error: Type.String(), message: Type.String() });
