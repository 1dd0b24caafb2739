/**
 * Who is asking, and may they: every request is read for a session cookie (browsers), a bearer API token (machine
 * clients) or the control token of local commands; routes then ask for a user (401 without one), a role (403), and a
 * unit inside the user's scope (403 for a unit outside it, 400 for one that does not exist). Each answered request of
 * a user goes to the audit log.
 */
import crypto from 'node:crypto';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuditLog } from '../../../analytics/access/audit.js';
import { covers, type Role, type Scope, unitFilter, type UnitFilter } from '../../../analytics/access/scope.js';
import { secretHash, userOfSecret, type User } from '../../../analytics/access/users.js';
import { resolveUnit } from '../../../analytics/questions/coverage.js';
import type { UnitRef } from '../../../analytics/queries/registry.js';
import { CENTRAL_CODE, CENTRAL_NAME } from '../../../analytics/registry/units.js';
import { HttpError } from './errors.js';

export const SESSION_COOKIE = 'fp_session';

export interface AuthUser extends User {
  scope: Scope;
  via: 'session' | 'token' | 'control';
}

export interface Authorized {
  /** The unit asked for (the user's home unit when none was), then its ancestors up to central. */
  unit: UnitRef;
  chain: UnitRef[];
  /** The filters for the unit's subtree, for the queries. */
  filter: UnitFilter;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthUser | null;
    /** The unit the request was authorised for, for the audit log. */
    auditUnit?: string;
  }
  interface FastifyInstance {
    audit: AuditLog;
    /** preHandler: 401 unless the request has a user. */
    authenticate(request: FastifyRequest): Promise<void>;
    /** preHandler factory: 403 unless the user has one of the roles. */
    requireRole(...roles: Role[]): (request: FastifyRequest) => Promise<void>;
    /** The unit asked for, checked against the user's scope: 400 unknown, 403 outside. */
    authorize(request: FastifyRequest, code: string | undefined, asOf: string): Promise<Authorized>;
    /** Forget cached units and users (after a registry or user change). */
    forgetAccessCache(): void;
  }
}

const CACHE_MS = 30_000;
const CACHE_MAX = 10_000;

/** Small caches with an age limit, cleared whole when full. */
class TtlCache<V> {
  private readonly map = new Map<string, { value: V; at: number }>();
  get(key: string): V | undefined {
    const hit = this.map.get(key);
    if (!hit || Date.now() - hit.at > CACHE_MS) return undefined;
    return hit.value;
  }
  set(key: string, value: V): void {
    if (this.map.size >= CACHE_MAX) this.map.clear();
    this.map.set(key, { value, at: Date.now() });
  }
  clear(): void {
    this.map.clear();
  }
}

const CENTRAL: Scope['unit'] = { code: CENTRAL_CODE, level: 'central', province_code: '', commune_code: '' };

export default fp<{ controlToken?: string }>(async (app: FastifyInstance, opts) => {
  await app.register(cookie);
  const audit = new AuditLog(app.store, (error) => app.log.error(error, 'audit log: a batch could not be written'));
  app.decorate('audit', audit);
  app.decorateRequest('user', null);

  const users = new TtlCache<AuthUser | null>();
  const units = new TtlCache<UnitRef[]>();
  app.decorate('forgetAccessCache', () => {
    users.clear();
    units.clear();
  });

  const controlToken = opts.controlToken ? Buffer.from(opts.controlToken) : undefined;
  const isControlToken = (secret: string) => {
    const given = Buffer.from(secret);
    return !!controlToken && given.length === controlToken.length && crypto.timingSafeEqual(given, controlToken);
  };
  const home = async (code: string): Promise<Scope['unit']> => {
    if (code === CENTRAL_CODE) return CENTRAL;
    const [unit] = await resolveUnit(app.store, code, await app.referenceDate());
    return unit as UnitRef;
  };

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const secret = bearer ?? request.cookies[SESSION_COOKIE];
    if (!secret) return;
    if (bearer && isControlToken(bearer)) {
      request.user = { user_id: 'local', login: 'local-command', display_name: 'Local command', role: 'admin', home_unit_code: CENTRAL_CODE, scope: { role: 'admin', unit: CENTRAL }, via: 'control' };
      return;
    }
    if (app.boot.phase !== 'ready') return;
    const key = secretHash(secret);
    let user = users.get(key);
    if (user === undefined) {
      const found = await userOfSecret(app.store, secret);
      user = found ? { ...found, scope: { role: found.role, unit: await home(found.home_unit_code) }, via: found.kind } : null;
      users.set(key, user);
    }
    request.user = user;
  });

  app.decorate('authenticate', async (request: FastifyRequest) => {
    if (!request.user) {
      throw new HttpError(401, 'unauthorized', 'Log in first (POST /api/auth/login), or send an API token as "Authorization: Bearer …".');
    }
  });

  app.decorate('requireRole', (...roles: Role[]) => async (request: FastifyRequest) => {
    await app.authenticate(request);
    const user = request.user as AuthUser;
    if (!roles.includes(user.role)) throw new HttpError(403, 'forbidden', `This needs the role ${roles.join(' or ')}; you are ${user.role}.`);
  });

  app.decorate('authorize', async (request: FastifyRequest, code: string | undefined, asOf: string): Promise<Authorized> => {
    await app.authenticate(request);
    const user = request.user as AuthUser;
    const wanted = code ?? user.scope.unit.code;
    const key = `${wanted}@${asOf}`;
    let chain = units.get(key);
    if (!chain) {
      chain = wanted === CENTRAL_CODE ? [{ ...CENTRAL, name: CENTRAL_NAME, unit_type: 'trung ương', parent_code: '' }] : await resolveUnit(app.store, wanted, asOf);
      units.set(key, chain);
    }
    const unit = chain[0] as UnitRef;
    request.auditUnit = unit.code;
    if (!covers(user.scope, unit)) {
      const homeName = user.scope.unit.code === CENTRAL_CODE ? CENTRAL_NAME : (user.scope.unit as UnitRef).name;
      throw new HttpError(403, 'forbidden', `${unit.name} (${unit.code}) is outside your scope: ${homeName} (${user.scope.unit.code}) and the units under it.`);
    }
    return { unit, chain, filter: unitFilter(unit) };
  });

  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const user = request.user;
    const route = request.routeOptions.url ?? '';
    if (!user || !route.startsWith('/api/') || route.startsWith('/api/auth/')) return;
    audit.record({
      user_id: user.user_id,
      login: user.login,
      action: request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'change',
      method: request.method,
      route,
      unit_code: request.auditUnit ?? '',
      detail: request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '',
      status: reply.statusCode,
      ip: request.ip,
    });
  });
});
