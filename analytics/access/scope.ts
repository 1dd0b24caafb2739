/**
 * Who sees what. Each user has a role and a home unit; the unit's subtree is their scope:
 *   central, analyst, admin  the whole country (home unit VN)
 *   province                 their province: itself, its communes and their villages
 *   commune                  their commune and its villages
 * A request for a unit outside the scope is refused (403), never answered empty. Queries are then filtered by the
 * requested unit, which lies inside the scope, in SQL.
 * Petitioners' personal data is for the unit that handles the petition, and only for roles that handle petitions.
 */
import { CENTRAL_CODE } from '../registry/units.js';
import type { UnitRef } from '../queries/registry.js';

export const ROLES = ['central', 'province', 'commune', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The level of the home unit each role must have. */
export const HOME_LEVEL: Record<Role, UnitRef['level']> = {
  central: 'central',
  province: 'province',
  commune: 'commune',
  analyst: 'central',
  admin: 'central',
};

export interface Scope {
  role: Role;
  /** The home unit: VN, a province or a commune. */
  unit: Pick<UnitRef, 'code' | 'level' | 'province_code' | 'commune_code'>;
}

/** Whether `unit` lies in the scope (the home unit itself, or below it). */
export function covers(scope: Scope, unit: Pick<UnitRef, 'code' | 'province_code' | 'commune_code'>): boolean {
  const home = scope.unit;
  if (home.code === CENTRAL_CODE) return true;
  if (home.level === 'province') return unit.province_code === home.code;
  if (home.level === 'commune') return unit.commune_code === home.code;
  return false;
}

/** The filters every scoped query takes: the requested unit's province and commune ('' = not filtered). */
export interface UnitFilter {
  province_code: string;
  commune_code: string;
  village_code: string;
}

export function unitFilter(unit: Pick<UnitRef, 'code' | 'level' | 'province_code' | 'commune_code'>): UnitFilter {
  return {
    province_code: unit.level === 'central' ? '' : unit.province_code,
    commune_code: unit.level === 'commune' || unit.level === 'village' ? unit.commune_code : '',
    village_code: unit.level === 'village' ? unit.code : '',
  };
}

/** Roles that handle petitions, and so may read the contacts of those their home unit handles. */
const HANDLERS: readonly Role[] = ['central', 'province', 'commune'];

/**
 * The unit whose petitions this user may read in full (contact, text, the numbers it quotes): their home unit when
 * their role handles petitions, else '' (none). Queries that must decide in SQL take it as a parameter.
 */
export function contactReaderUnit(scope: Scope): string {
  return HANDLERS.includes(scope.role) ? scope.unit.code : '';
}

export function mayReadContact(scope: Scope, handlingUnitCode: string): boolean {
  const reader = contactReaderUnit(scope);
  return reader !== '' && reader === handlingUnitCode;
}
