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

/** What every ingest run answers; read = stored + duplicates + quarantined. */
export const IngestSummary = Type.Object({
  runId: Type.String(),
  kind: Type.String(),
  file: Type.String(),
  encoding: Type.String({ description: 'the text encoding read (utf-8, utf-16le, windows-1258, tcvn3, vni), or xlsx' }),
  read: Type.Integer(),
  stored: Type.Integer(),
  duplicates: Type.Integer(),
  quarantined: Type.Integer(),
  errors: Type.Array(
    Type.Object({
      row: Type.Integer(),
      field: Type.String(),
      code: Type.String({ description: 'what is wrong, the same in every language (ingest/faults.ts)' }),
      params: Type.Record(Type.String(), Type.String(), { description: "the fault's values, by name: what the message is worded from" }),
      message: Type.String({ description: 'what is wrong, in words: English, or Vietnamese with lang=vi' }),
    }),
    { description: 'the first 100 problems; all of them are kept with the run' },
  ),
});

/** One of a fixed list of strings, typed as their union. */
export function oneOf<T extends string>(values: readonly T[], description?: string) {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
}
