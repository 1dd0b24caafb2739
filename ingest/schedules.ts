/**
 * The server's timed jobs, on node-cron in Vietnam's time: the inbox looked at on INBOX_SCHEDULE (every minute by
 * default), each opinion feed of FEEDS_FILE pulled on its own schedule, and petitions past their answer deadline
 * escalated one level on ESCALATION_SCHEDULE (every 15 minutes by default). A job that is still running when its time comes again is skipped, not
 * doubled; every job loads through the server's write line; a failure is logged and kept for /api/ingest/schedules, and
 * the next time comes as planned.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Config } from '../analytics/config.js';
import type { Store } from '../analytics/store/index.js';
import type { Sealer } from '../analytics/privacy/seal.js';
import { processInbox, type InboxOutcome } from './inbox/inbox.js';
import { loadFeeds, type FeedSpec } from './feeds/config.js';
import { pullFeed, type FeedState, type PullResult } from './feeds/pull.js';

export const TIMEZONE = 'Asia/Ho_Chi_Minh';
/** Outcomes not worth a log line. */
const QUIET = ['no new files', 'not modified since the last pull', 'nothing overdue'];

export interface ScheduleDeps {
  store: Store;
  sealer: () => Sealer;
  runJob: <T>(label: string, job: () => Promise<T>) => Promise<T>;
  /** Escalates the petitions past their deadline; what it did, in words. Undefined = no escalation job. */
  escalate?: () => Promise<string>;
  log: { info(msg: string): void; warn(msg: string): void; error(obj: unknown, msg?: string): void };
}

export interface ScheduleStatus {
  name: string;
  schedule: string;
  nextRun: string | null;
  lastRun: { at: string; ok: boolean; message: string } | null;
}

export interface IngestSchedules {
  /** Starts the timers (once the store is ready). */
  start(): void;
  status(): ScheduleStatus[];
  /** Runs a job now, outside its schedule (tests, and "pull now" for operators). */
  runNow(name: string): Promise<unknown>;
  stop(): Promise<void>;
}

interface Job {
  name: string;
  schedule: string;
  run: () => Promise<string>;
  task?: ScheduledTask;
  lastRun: ScheduleStatus['lastRun'];
  busy?: Promise<unknown>;
}

function describeInbox(outcomes: InboxOutcome[]): string {
  if (outcomes.length === 0) return 'no new files';
  return outcomes
    .map((o) => (o.summary ? `${o.file}: stored ${o.summary.stored}, duplicates ${o.summary.duplicates}, quarantined ${o.summary.quarantined}` : `${o.file}: failed (${o.error})`))
    .join('; ');
}

function describePull(result: PullResult): string {
  if (result.status === 'not-modified') return 'not modified since the last pull';
  if (result.status === 'empty') return 'no posts in the answer';
  const s = result.summary;
  return `run ${s.runId}: read ${s.read}, stored ${s.stored}, duplicates ${s.duplicates}, quarantined ${s.quarantined}`;
}

/** Checks the configuration (the feeds file) and plans the jobs; throws, naming every problem, if it is bad. */
export function planIngestSchedules(config: Config, deps: ScheduleDeps): IngestSchedules {
  const jobs: Job[] = [];
  if (config.inboxDir) {
    const dir = config.inboxDir;
    jobs.push({
      name: 'inbox',
      schedule: config.inboxSchedule,
      lastRun: null,
      run: async () => describeInbox(await processInbox(deps.store, dir, { settleSeconds: config.inboxSettleSeconds, sealer: deps.sealer(), runJob: deps.runJob, lang: config.inboxLang })),
    });
  }
  const feeds: FeedSpec[] = config.feedsFile ? loadFeeds(config.feedsFile) : [];
  for (const feed of feeds) {
    const state: FeedState = {};
    jobs.push({
      name: `feed:${feed.name}`,
      schedule: feed.schedule,
      lastRun: null,
      run: async () => describePull(await deps.runJob(`feed ${feed.name}`, () => pullFeed(deps.store, feed, state, deps.sealer()))),
    });
  }
  if (deps.escalate) jobs.push({ name: 'escalation', schedule: config.escalationSchedule, lastRun: null, run: deps.escalate });
  for (const job of jobs) {
    if (!cron.validate(job.schedule)) throw new Error(`${job.name}: "${job.schedule}" is not a cron expression`);
  }

  const execute = async (job: Job): Promise<unknown> => {
    if (job.busy) return job.busy;
    const at = new Date().toISOString();
    job.busy = job
      .run()
      .then(
        (message) => {
          job.lastRun = { at, ok: true, message };
          if (!QUIET.includes(message)) deps.log.info(`${job.name}: ${message}`);
        },
        (error: Error) => {
          job.lastRun = { at, ok: false, message: error.message };
          deps.log.error(error, `${job.name} failed`);
        },
      )
      .finally(() => {
        job.busy = undefined;
      });
    return job.busy;
  };

  return {
    start: () => {
      for (const job of jobs) {
        if (job.task) continue;
        job.task = cron.schedule(job.schedule, () => execute(job), { name: job.name, timezone: TIMEZONE, noOverlap: true });
        deps.log.info(`${job.name}: scheduled "${job.schedule}" (${TIMEZONE})`);
      }
    },
    status: () =>
      jobs.map((j) => ({ name: j.name, schedule: j.schedule, nextRun: j.task?.getNextRun()?.toISOString() ?? null, lastRun: j.lastRun })),
    runNow: async (name) => {
      const job = jobs.find((j) => j.name === name);
      if (!job) throw new Error(`no scheduled job "${name}" (${jobs.map((j) => j.name).join(', ') || 'none configured'})`);
      await execute(job);
      return job.lastRun;
    },
    stop: async () => {
      for (const job of jobs) await job.task?.destroy();
      await Promise.all(jobs.map((j) => j.busy));
    },
  };
}
