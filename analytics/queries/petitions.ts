/**
 * Typed functions for sql/queries/petitions: how the petitions of a subtree received in a period stood at its end.
 */
import type { UnitFilter } from '../access/scope.js';
import { defineQuery } from './define.js';

/** The unit filter as query parameters (a type literal, as QueryParams wants). */
export type Scoped = Pick<UnitFilter, keyof UnitFilter>;

/** The petitions a figure is about: received from `received_from` up to `received_to`, read as they stood at `state_at`. */
export type PetitionWindow = {
  /** "YYYY-MM-DD hh:mm:ss", Vietnam time. */
  received_from: string;
  received_to: string;
  state_at: string;
};

export type FigureDimension = 'total' | 'level' | 'topic' | 'channel' | 'week' | 'child' | 'holder' | 'days';

export interface PetitionFigureRow {
  dimension: FigureDimension;
  key: string;
  received: number;
  cases: number;
  in_progress: number;
  answered: number;
  overdue: number;
  answered_on_time: number;
  handling_days_p50: number | null;
  handling_days_p90: number | null;
  /** "YYYY-MM-DD hh:mm:ss", Vietnam time; null when none is overdue. */
  oldest_due: string | null;
  label_version: string;
}

export const petitionFigures = defineQuery<Scoped & PetitionWindow & { active_key: string; topic: string }, PetitionFigureRow>(
  'petitions/petition_figures',
);
