/**
 * The timed jobs (inbox, opinion feeds, petition escalation) inside the server, which owns the store: planned when the app is built
 * (a bad FEEDS_FILE stops the start), started once the store is ready, stopped first when the app closes (server/app.ts).
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { planIngestSchedules, type IngestSchedules } from '../../../ingest/schedules.js';

declare module 'fastify' {
  interface FastifyInstance {
    schedules: IngestSchedules;
  }
}

export default fp(async (app: FastifyInstance) => {
  const schedules = planIngestSchedules(app.config, {
    store: app.store,
    sealer: () => app.sealer(),
    runJob: (label, job) => app.writes.run(label, job),
    escalate: async () => {
      const done = await app.intake.escalate();
      return done.length === 0 ? 'nothing overdue' : `escalated ${done.length} petition(s) past their deadline`;
    },
    log: app.log,
  });
  app.decorate('schedules', schedules);
});
