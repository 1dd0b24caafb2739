/**
 * Users, their sessions and API tokens, in the store. A session cookie and an API token are random 32-byte secrets;
 * only their SHA-256 is stored, so the store never holds a secret that opens the API.
 */
import crypto from 'node:crypto';
import type { Store } from '../store/index.js';
import { defineQuery } from '../queries/define.js';
import { unitWithAncestors } from '../queries/registry.js';
import { timeInVietnam } from '../clock.js';
import { hashPassword, passwordProblem, verifyPassword, NO_USER_HASH } from './passwords.js';
import { HOME_LEVEL, ROLES, type Role } from './scope.js';

export interface User {
  user_id: string;
  login: string;
  display_name: string;
  role: Role;
  home_unit_code: string;
}

interface StoredUser extends User {
  password_hash: string;
  disabled: number;
  created_at: string;
}

export type ListedUser = User & { disabled: number; created_at: string; updated_at: string };

const userByLogin = defineQuery<{ login: string }, StoredUser>('access/user_by_login');
export const listUsers = defineQuery<Record<string, never>, ListedUser>('access/users_list');
const credentialUser = defineQuery<{ secret_hash: string }, User & { kind: 'session' | 'token'; name: string; expires_at: string }>('access/credential_user');
const credentialByHash = defineQuery<{ secret_hash: string }, Record<string, string>>('access/credential_by_hash');
export const listCredentials = defineQuery<{ user_id: string }, { kind: string; name: string; created_at: string; expires_at: string; secret_hint: string }>(
  'access/user_credentials_list',
);

export class AccessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export const SESSION_HOURS = 12;
export const TOKEN_DAYS = 365;

/** Log-in names: letters, digits, dot, dash, underscore; stored lower case. */
export function normaliseLogin(login: string): string {
  return login.trim().toLowerCase();
}

export interface NewUser {
  login: string;
  display_name: string;
  role: Role;
  home_unit_code: string;
  password: string;
}

/** Checks a new user (role, home unit in force at the level the role needs, password) and stores it. */
export async function createUser(store: Store, user: NewUser, asOf: string): Promise<User> {
  const login = normaliseLogin(user.login);
  if (!/^[a-z0-9._-]{3,64}$/.test(login)) throw new AccessError(`login "${user.login}": 3 to 64 letters, digits, dots, dashes or underscores`);
  if (!ROLES.includes(user.role)) throw new AccessError(`role "${user.role}": one of ${ROLES.join(', ')}`);
  const [unit] = await unitWithAncestors(store, { code: user.home_unit_code, as_of: asOf });
  if (unit?.code !== user.home_unit_code) throw new AccessError(`home unit "${user.home_unit_code}" is not a unit in force on ${asOf}`);
  if (unit.level !== HOME_LEVEL[user.role]) {
    throw new AccessError(`a ${user.role} user's home unit is ${HOME_LEVEL[user.role] === 'central' ? 'VN (central)' : `a ${HOME_LEVEL[user.role]}`}, not ${unit.level} ${unit.code}`);
  }
  const problem = passwordProblem(user.password);
  if (problem) throw new AccessError(problem);
  if ((await userByLogin(store, { login })).length > 0) throw new AccessError(`login "${login}" is taken`);
  const now = timeInVietnam();
  const stored: StoredUser = {
    user_id: `u-${crypto.randomBytes(6).toString('hex')}`,
    login,
    display_name: user.display_name.normalize('NFC').trim() || login,
    role: user.role,
    home_unit_code: unit.code,
    password_hash: await hashPassword(user.password),
    disabled: 0,
    created_at: now,
  };
  await store.insert('users', [{ ...stored, updated_at: now }]);
  return { user_id: stored.user_id, login, display_name: stored.display_name, role: stored.role, home_unit_code: stored.home_unit_code };
}

/** The user for a login and password, or undefined; takes as long for an unknown login as for a wrong password. */
export async function checkPassword(store: Store, login: string, password: string): Promise<User | undefined> {
  const [user] = await userByLogin(store, { login: normaliseLogin(login) });
  const ok = await verifyPassword(password, user?.password_hash ?? NO_USER_HASH);
  if (!user || !ok || user.disabled) return undefined;
  return { user_id: user.user_id, login: user.login, display_name: user.display_name, role: user.role, home_unit_code: user.home_unit_code };
}

export function secretHash(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}

/** A new session or API token for a user; the secret is returned once and never stored. */
export async function issueCredential(store: Store, userId: string, kind: 'session' | 'token', name: string): Promise<{ secret: string; expiresAt: string }> {
  const secret = `${kind === 'token' ? 'fpt_' : ''}${crypto.randomBytes(32).toString('base64url')}`;
  const now = Date.now();
  const expiresAt = timeInVietnam(new Date(now + (kind === 'session' ? SESSION_HOURS * 3600_000 : TOKEN_DAYS * 86400_000)));
  const at = timeInVietnam(new Date(now));
  await store.insert('user_credentials', [
    { secret_hash: secretHash(secret), kind, user_id: userId, name: name.slice(0, 200), created_at: at, expires_at: expiresAt, revoked: 0, updated_at: at },
  ]);
  return { secret, expiresAt };
}

export async function userOfSecret(store: Store, secret: string): Promise<(User & { kind: 'session' | 'token' }) | undefined> {
  const [row] = await credentialUser(store, { secret_hash: secretHash(secret) });
  return row ? { user_id: row.user_id, login: row.login, display_name: row.display_name, role: row.role, home_unit_code: row.home_unit_code, kind: row.kind } : undefined;
}

export async function revokeCredential(store: Store, secret: string): Promise<void> {
  const [row] = await credentialByHash(store, { secret_hash: secretHash(secret) });
  if (row) await store.insert('user_credentials', [{ ...row, revoked: 1, updated_at: timeInVietnam() }]);
}

export async function countUsers(store: Store): Promise<number> {
  return (await listUsers(store, {})).length;
}
