/**
 * Petition intake and handling inside the server, which owns the store: the public form's guards (challenge, flood
 * limit), the intake queue's door (group commit), the router, and one handling line on which routing passes, handling
 * steps and escalations run one after another, so that a step always reads the state the step before it left.
 * A routing pass starts after each stored submission and when the store is ready (what a crash left in the queue);
 * a failed pass is tried again a little later.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Challenges } from '../../../ingest/intake/challenge.js';
import { AddressLimit, clientHasher } from '../../../ingest/intake/flood.js';
import { SubmissionQueue } from '../../../ingest/intake/queue.js';
import { Router, type RoutedSubmission } from '../../../ingest/intake/router.js';
import type { SubmissionRow } from '../../../ingest/intake/submission.js';
import { UnitIndex } from '../../../ingest/kinds/unit-index.js';
import { escalateOverdue, type Escalation } from '../../../analytics/handling/escalation.js';
import { dayInVietnam } from '../../../analytics/clock.js';
import { WriteLine } from './writes.js';

/** Status look-ups from one address in an hour: plenty for a citizen, too few to walk through codes. */
const LOOKUPS_PER_HOUR = 300;
const RETRY_MS = 30_000;
/** The registry the form checks places against is read again after this long. */
const UNITS_MS = 10 * 60_000;

export interface Intake {
  challenges: Challenges;
  submissions: AddressLimit;
  lookups: AddressLimit;
  hashClient(address: string): string;
  /** Provinces and communes in force, for the form (cached a few minutes). */
  units(): Promise<UnitIndex>;
  /** Resolves once the submission is stored; then a routing pass is on its way. */
  submit(row: SubmissionRow): Promise<void>;
  /** Starts a routing pass unless one is under way (then another follows it). */
  kick(): void;
  /** Routes what is in the queue now, on the handling line (tests, and the pass kick starts). */
  routeNow(): Promise<RoutedSubmission[]>;
  /** Runs a handling step on the handling line. */
  handle<T>(label: string, job: () => Promise<T>): Promise<T>;
  escalate(now?: Date): Promise<Escalation[]>;
  /** Waits for the queue's inserts and the routing under way (closing the server). */
  idle(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    intake: Intake;
  }
}

export default fp(async (app: FastifyInstance) => {
  const line = new WriteLine();
  const router = new Router(app.store);
  let passing = false;
  let again = false;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let units: { at: number; index: Promise<UnitIndex> } | undefined;

  const routeNow = () => line.run('routing', () => router.routePending());
  const kick = () => {
    if (closed) return;
    if (passing) {
      again = true;
      return;
    }
    passing = true;
    again = false;
    routeNow()
      .catch((error: Error) => {
        app.log.error(error, 'routing the intake queue failed; trying again shortly');
        clearTimeout(retry);
        retry = setTimeout(kick, RETRY_MS);
        retry.unref();
      })
      .finally(() => {
        passing = false;
        if (again) kick();
      });
  };
  const queue = new SubmissionQueue(app.store, () => kick());

  const intake: Intake = {
    challenges: new Challenges(),
    submissions: new AddressLimit(app.config.intakePerAddressHour),
    lookups: new AddressLimit(LOOKUPS_PER_HOUR),
    hashClient: clientHasher(),
    units: async () => {
      if (!units || Date.now() - units.at > UNITS_MS) {
        units = { at: Date.now(), index: UnitIndex.load(app.store, dayInVietnam(), ['province', 'commune']) };
        units.index.catch(() => (units = undefined));
      }
      return units.index;
    },
    submit: (row) => queue.submit(row),
    kick,
    routeNow,
    handle: (label, job) => line.run(label, job),
    escalate: (now) => line.run('escalation', () => escalateOverdue(app.store, now)),
    idle: async () => {
      await queue.idle();
      await line.idle();
    },
  };
  app.decorate('intake', intake);
  app.addHook('onClose', async () => {
    closed = true;
    clearTimeout(retry);
  });
});
