/**
 * Prometheus metrics at /api/metrics: the process (memory, event loop lag, GC), HTTP requests by route and status,
 * and each SQL query file's time. Only timings and counts: no unit, user or citizen data.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { observeQueries } from '../../../analytics/queries/define.js';

export default fp(async (app: FastifyInstance) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'front_pulse_' });
  const requests = new Histogram({
    name: 'front_pulse_http_request_seconds',
    help: 'HTTP requests by route, method and status',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  const queries = new Histogram({
    name: 'front_pulse_query_seconds',
    help: 'SQL queries by file under sql/queries',
    labelNames: ['file'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [registry],
  });
  const queryErrors = new Counter({ name: 'front_pulse_query_errors_total', help: 'SQL queries that failed, by file', labelNames: ['file'], registers: [registry] });

  observeQueries((file, ms, _rows, error) => {
    queries.observe({ file }, ms / 1000);
    if (error) queryErrors.inc({ file });
  });
  app.addHook('onClose', async () => observeQueries(undefined));
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url;
    if (!route?.startsWith('/api/') || route === '/api/metrics') return;
    requests.observe({ route, method: request.method, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/api/metrics', { schema: { hide: true } }, async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));
});
