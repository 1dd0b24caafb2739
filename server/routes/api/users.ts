/**
 * /api/users: the accounts (admin only).
 *   GET  /api/users   every user, without secrets
 *   POST /api/users   { login, display_name, role, home_unit_code, password } → the new user
 */
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createUser, listUsers } from '../../../analytics/access/users.js';
import { MIN_PASSWORD_LENGTH } from '../../../analytics/access/passwords.js';
import { ROLES } from '../../../analytics/access/scope.js';
import { dayInVietnam } from '../../../analytics/clock.js';
import type { AuthUser } from '../../plugins/app/auth.js';
import { ErrorBody, oneOf } from './schemas.js';

const Role = oneOf(ROLES);
const UserBody = Type.Object({ user_id: Type.String(), login: Type.String(), display_name: Type.String(), role: Role, home_unit_code: Type.String() });

const users: FastifyPluginAsyncTypebox = async (app) => {
  const admin = app.requireRole('admin');

  app.get(
    '/users',
    { preHandler: [app.requireReady, admin], schema: { response: { 200: Type.Object({ users: Type.Array(Type.Intersect([UserBody, Type.Object({ disabled: Type.Integer(), created_at: Type.String(), updated_at: Type.String() })])) }), 403: ErrorBody } } },
    async () => ({ users: await listUsers(app.store, {}) }),
  );

  app.post(
    '/users',
    {
      preHandler: [app.requireReady, admin],
      schema: {
        body: Type.Object({
          login: Type.String({ minLength: 3, maxLength: 64 }),
          display_name: Type.String({ maxLength: 200 }),
          role: Role,
          home_unit_code: Type.String({ description: 'VN for central, analyst and admin; a province or commune code otherwise' }),
          password: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 1024 }),
        }),
        response: { 200: UserBody, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const created = await createUser(app.store, request.body, dayInVietnam());
      const by = request.user as AuthUser;
      app.audit.record({ user_id: by.user_id, login: by.login, action: 'user_created', method: 'POST', route: '/api/users', unit_code: created.home_unit_code, detail: `${created.login} (${created.role})`, status: 200, ip: request.ip });
      return created;
    },
  );
};

export default users;
