/**
 * /api/auth: logging in and out, who I am, API tokens.
 *   POST /api/auth/login    { login, password } → the user, and a session cookie (HTTP-only, SameSite=Strict)
 *   POST /api/auth/logout   ends the session
 *   GET  /api/auth/me       the user, their role and the unit their scope starts at
 *   GET  /api/auth/tokens, POST /api/auth/tokens { name }   API tokens for machine clients (shown once)
 * Failed log-ins are limited per login and address (429 with Retry-After) and every attempt is audited.
 */
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { checkPassword, issueCredential, listCredentials, normaliseLogin, revokeCredential, SESSION_HOURS } from '../../../../analytics/access/users.js';
import { LoginLimiter } from '../../../../analytics/access/login-limiter.js';
import { ROLES } from '../../../../analytics/access/scope.js';
import { HttpError } from '../../../plugins/app/errors.js';
import { SESSION_COOKIE, type AuthUser } from '../../../plugins/app/auth.js';
import { ErrorBody, oneOf } from '../schemas.js';

export const Me = Type.Object({
  user_id: Type.String(),
  login: Type.String(),
  display_name: Type.String(),
  role: oneOf(ROLES),
  home_unit_code: Type.String(),
  via: Type.String({ description: 'session, token or control' }),
});

const auth: FastifyPluginAsyncTypebox = async (app) => {
  const limiter = new LoginLimiter();
  const me = (user: AuthUser) => ({ user_id: user.user_id, login: user.login, display_name: user.display_name, role: user.role, home_unit_code: user.home_unit_code, via: user.via });
  const auditAuth = (request: FastifyRequest, action: 'login' | 'login_failed' | 'logout' | 'token_created', login: string, userId: string, status: number, detail = '') =>
    app.audit.record({ user_id: userId, login, action, method: request.method, route: request.routeOptions.url ?? '', unit_code: '', detail, status, ip: request.ip });

  app.post(
    '/login',
    {
      preHandler: app.requireReady,
      schema: {
        body: Type.Object({ login: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 1024 }) }),
        response: { 200: Me, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const login = normaliseLogin(request.body.login);
      const wait = limiter.retryAfter(login, request.ip);
      if (wait > 0) {
        auditAuth(request, 'login_failed', login, '', 429, 'rate limited');
        reply.header('retry-after', String(wait));
        throw new HttpError(429, 'too_many_attempts', `Too many failed log-ins; try again in ${Math.ceil(wait / 60)} minute(s).`);
      }
      const user = await checkPassword(app.store, login, request.body.password);
      if (!user) {
        limiter.failed(login, request.ip);
        auditAuth(request, 'login_failed', login, '', 401);
        throw new HttpError(401, 'unauthorized', 'Wrong login or password.');
      }
      limiter.succeeded(login, request.ip);
      const { secret } = await issueCredential(app.store, user.user_id, 'session', String(request.headers['user-agent'] ?? '').slice(0, 200));
      reply.setCookie(SESSION_COOKIE, secret, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        maxAge: SESSION_HOURS * 3600,
      });
      auditAuth(request, 'login', login, user.user_id, 200);
      return { ...user, via: 'session' };
    },
  );

  app.post('/logout', { schema: { response: { 200: Type.Object({ loggedOut: Type.Boolean() }) } } }, async (request, reply) => {
    const secret = request.cookies[SESSION_COOKIE];
    if (secret) {
      await revokeCredential(app.store, secret);
      app.forgetAccessCache();
      if (request.user) auditAuth(request, 'logout', request.user.login, request.user.user_id, 200);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { loggedOut: Boolean(secret) };
  });

  app.get('/me', { preHandler: app.authenticate, schema: { response: { 200: Me, 401: ErrorBody } } }, async (request) => me(request.user as AuthUser));

  const Token = Type.Object({ kind: Type.String(), name: Type.String(), created_at: Type.String(), expires_at: Type.String(), secret_hint: Type.String() });

  app.get('/tokens', { preHandler: app.authenticate, schema: { response: { 200: Type.Object({ tokens: Type.Array(Token) }) } } }, async (request) => ({
    tokens: (await listCredentials(app.store, { user_id: (request.user as AuthUser).user_id })).filter((c) => c.kind === 'token'),
  }));

  app.post(
    '/tokens',
    {
      preHandler: app.authenticate,
      schema: {
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200, description: 'what the token is for' }) }),
        response: { 200: Type.Object({ token: Type.String({ description: 'shown once: send it as "Authorization: Bearer …"' }), expiresAt: Type.String() }), 403: ErrorBody },
      },
    },
    async (request) => {
      const user = request.user as AuthUser;
      if (user.via !== 'session') throw new HttpError(403, 'forbidden', 'API tokens are created from a logged-in session.');
      const { secret, expiresAt } = await issueCredential(app.store, user.user_id, 'token', request.body.name);
      auditAuth(request, 'token_created', user.login, user.user_id, 200, request.body.name);
      return { token: secret, expiresAt };
    },
  );
};

export default auth;
