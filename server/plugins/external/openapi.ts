/**
 * The OpenAPI document at /api/openapi.json and interactive docs at /api/docs, both made from the routes' own
 * schemas, so they cannot drift from what the API validates.
 */
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export default fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Front Pulse API',
        version: '0.1.0',
        description:
          'Analytics and public-opinion monitoring for the Digital Front. Log in with POST /api/auth/login (a session cookie), or send an API token as "Authorization: Bearer …". Every answer is limited to the units of your scope; errors are { error, message }.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'fp_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
});
