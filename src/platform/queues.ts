/**
 * Background jobs on BullMQ. Every process can enqueue (`app.jobs`); only the worker role processes.
 *
 * How a module uses them:
 *
 *   1. Enqueue (any role). Job data always carries the tenant id:
 *        await app.jobs.schedule('reservation.expire', { tenantId, reservationId }, {
 *          at: reservation.expiryDate,               // or `delay` in ms; neither = now
 *          jobId: `reservation-expire-${reservationId}`, // optional; a second add with the same id is ignored
 *          replace: true,                             // optional; drops a not-yet-running job with that id first
 *        });
 *      `app.jobs.cancel(jobId)` removes a job that has not started.
 *
 *   2. Process (worker role). In `src/modules/<concept>/<concept>.jobs.ts`:
 *        export const expireReservation: JobProcessor<{ tenantId: string; reservationId: number }> =
 *          async ({ app, em }, data) => { ... };
 *      and add it under its name to JOB_PROCESSORS in `src/worker/job-processors.ts`. The worker calls it
 *      with `em = tenantEm(orm, data.tenantId)` (tenancy point 3): no other way in to tenant data.
 *      A processor that throws is retried (JOB_DEFAULTS.attempts, exponential backoff); make it idempotent.
 *
 *   3. Jobs that wait for a charge point (e.g. commands for an offline one): `parkUntilConnected` records
 *      the job id per charge point; when the charge point connects, its ConnectionLifecycle
 *      (modules/charge-point/connection-lifecycle.ts) calls `promoteWaiting`, which moves those delayed
 *      jobs forward to run now.
 *
 * Job ids must not contain ':' (BullMQ key separator). Queue keys use the deployment prefix as BullMQ
 * `prefix` (`RedisKeys.bull()`), because BullMQ forbids ioredis keyPrefix.
 */
import { Queue, type Job, type JobsOptions } from 'bullmq';
import Redis from 'ioredis';
import type { AppContext } from '../app-context';
import type { Config } from '../config';
import type { TenantEm } from './db';
import type { Logger } from './logger';
import { countRedisErrors, type RedisKeys } from './redis';

export const TENANT_QUEUE = 'jobs';
/** Platform-level repeating ticks; they fan out into tenant jobs and touch no tenant data themselves. */
export const MAINTENANCE_QUEUE = 'maintenance';

/** Bounded queues: finished jobs are kept only this long / this many, for inspection. */
export const JOB_DEFAULTS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { count: 1000, age: 24 * 3600 },
  removeOnFail: { count: 5000, age: 7 * 24 * 3600 },
};

/** Waiting-job sets expire if no charge point ever connects again, so they never grow without end. */
const WAITING_SET_TTL_S = 7 * 24 * 3600;

export interface TenantJobData {
  tenantId: string;
}

export interface JobContext {
  app: AppContext;
  tenantId: string;
  /** A fresh EntityManager fork with the tenant filter on. */
  em: TenantEm;
  job: Job;
  /** The worker's lock token, for `job.moveToDelayed(ts, token)` + `throw new DelayedError()`. */
  token: string | undefined;
}

export type JobProcessor<D extends TenantJobData = TenantJobData> = (ctx: JobContext, data: D) => Promise<void>;

export interface ScheduleOptions {
  at?: Date | null;
  delay?: number;
  jobId?: string;
  replace?: boolean;
  attempts?: number;
}

/**
 * A connection as BullMQ wants it: no per-request retry limit (blocking commands), no key prefix. A
 * producer's (`failFast`) commands fail after REDIS_COMMAND_TIMEOUT_MS while Redis is away, so an API call
 * that enqueues answers with an error instead of hanging; workers' connections wait.
 */
export function bullConnection(config: Config, options: { failFast?: boolean } = {}): Redis {
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null, ...(options.failFast ? { commandTimeout: config.redisCommandTimeoutMs } : {}) });
  countRedisErrors(redis, 'bullmq');
  return redis;
}

export class Jobs {
  readonly queue: Queue;
  readonly maintenance: Queue;
  private readonly connection: Redis;

  constructor(
    config: Config,
    private readonly keys: RedisKeys,
    private readonly log: Logger,
  ) {
    this.connection = bullConnection(config, { failFast: true });
    this.connection.on('error', (error) => log.warn({ err: error }, 'bullmq redis error'));
    const prefix = keys.bull();
    this.queue = new Queue(TENANT_QUEUE, { connection: this.connection, prefix, defaultJobOptions: JOB_DEFAULTS });
    this.maintenance = new Queue(MAINTENANCE_QUEUE, { connection: this.connection, prefix, defaultJobOptions: { ...JOB_DEFAULTS, attempts: 1 } });
    this.queue.on('error', (error) => log.warn({ err: error }, 'job queue error'));
    this.maintenance.on('error', (error) => log.warn({ err: error }, 'maintenance queue error'));
  }

  /** Runs `listener` each time the connection is ready again (also the first time), e.g. after Redis restarted. */
  onReady(listener: () => void): () => void {
    this.connection.on('ready', listener);
    return () => this.connection.off('ready', listener);
  }

  async schedule<D extends TenantJobData>(name: string, data: D, options: ScheduleOptions = {}): Promise<Job> {
    if (!data.tenantId) throw new Error(`Job ${name} needs a tenantId`);
    const delay = options.at ? Math.max(0, options.at.getTime() - Date.now()) : Math.max(0, options.delay ?? 0);
    if (options.replace && options.jobId) await this.cancel(options.jobId);
    const opts: JobsOptions = { delay, jobId: options.jobId };
    if (options.attempts !== undefined) opts.attempts = options.attempts;
    return this.queue.add(name, data, opts);
  }

  /** Removes a job that is not running; returns whether there was one. */
  async cancel(jobId: string): Promise<boolean> {
    const job = await this.queue.getJob(jobId);
    if (!job) return false;
    try {
      await job.remove();
      return true;
    } catch {
      // Locked by a worker right now: it runs to its end; processors re-check state anyway.
      return false;
    }
  }

  /** Records that a delayed job should run as soon as the charge point connects. */
  async parkUntilConnected(tenantId: string, chargePointId: string, jobId: string): Promise<void> {
    const key = this.keys.waitingJobs(tenantId, chargePointId);
    await this.connection.multi().sadd(key, jobId).expire(key, WAITING_SET_TTL_S).exec();
  }

  /**
   * Reads the charge point's parked job ids on `connection`, sent right after its presence claim on the same
   * connection (so Redis runs it after the claim, and an auto-pipelining connection sends both in one write):
   * a job parked after this read sees the claim when it looks at presence again (deliverCommand) and
   * promotes itself. The ids go to `promoteWaiting`.
   */
  readParked(connection: Redis, tenantId: string, chargePointId: string): Promise<string[]> {
    return connection.smembers(this.keys.waitingJobs(tenantId, chargePointId));
  }

  /** Once a charge point is claimed on connect (ConnectionLifecycle): the jobs parked for it (`readParked`) run now instead of at their backoff. */
  async promoteWaiting(tenantId: string, chargePointId: string, jobIds: string[]): Promise<number> {
    if (jobIds.length === 0) return 0;
    await this.connection.srem(this.keys.waitingJobs(tenantId, chargePointId), ...jobIds);
    let promoted = 0;
    for (const jobId of jobIds) {
      const job = await this.queue.getJob(jobId);
      if (!job) continue;
      // Only delayed jobs can be promoted; a job that is running or done needs nothing.
      await job.promote().then(
        () => promoted++,
        () => undefined,
      );
    }
    if (promoted > 0) this.log.debug({ tenantId, chargePointId, promoted }, 'promoted jobs waiting for the charge point');
    return promoted;
  }

  async close(): Promise<void> {
    const queues = [this.queue, this.maintenance];
    // A queue still starting (its version check) when the shared connection quits rejects unhandled, which
    // ends a Node process: let the start finish (or fail) first.
    await Promise.all(queues.map((q) => q.waitUntilReady().catch(() => undefined)));
    await Promise.all(queues.map((q) => q.close())).catch(() => undefined);
    await this.connection.quit().catch(() => undefined);
  }
}
