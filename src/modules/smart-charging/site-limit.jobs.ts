import { randomUUID } from 'node:crypto';
import { DelayedError } from 'bullmq';
import type { AppContext } from '../../app-context';
import { tenantEm } from '../../platform/db';
import type { JobProcessor } from '../../platform/queues';
import { ChargingGroupMember } from './charging-group.entity';
import { rebalanceGroup, releaseChargePoints } from './site-limit.service';

export const REBALANCE_JOB = 'smart-charging.rebalance';
export const RELEASE_JOB = 'smart-charging.release';

/** Starts and stops in a burst within this window end in one rebalance. */
const REBALANCE_DELAY_MS = 200;
/** One rebalance per group at a time; the next waits this long for the lock. */
const LOCK_TTL_MS = 120_000;
const LOCK_RETRY_MS = 250;

interface RebalanceJobData {
  tenantId: string;
  groupId: string;
  generation: number;
}

/*
 * Coalescing without losing a run. Every trigger bumps the group's generation in Redis and enqueues
 * `rebalance-<groupId>-<generation>` after a short delay, removing the previous generation's job if it has
 * not started. A job whose generation is no longer the newest does nothing (or stops before its next
 * send): the newer job reads the newer state. One job id per group would drop a trigger that arrives while
 * that job is running, because BullMQ ignores an add whose id is still active. A per-group lock keeps two
 * generations from sending to the same charge points at once.
 */

const jobId = (groupId: string, generation: number) => `rebalance-${groupId}-${generation}`;

export async function scheduleRebalance(app: AppContext, tenantId: string, groupId: string): Promise<void> {
  const generation = await app.redis.incr(app.keys.siteLimitGeneration(tenantId, groupId));
  if (generation > 1) await app.jobs.cancel(jobId(groupId, generation - 1));
  await app.jobs.schedule<RebalanceJobData>(REBALANCE_JOB, { tenantId, groupId, generation }, { delay: REBALANCE_DELAY_MS, jobId: jobId(groupId, generation) });
}

/**
 * After a StartTransaction or StopTransaction: rebalances the charge point's group, if it is in one. One
 * indexed lookup on the OCPP path; never throws into the handler.
 */
export async function scheduleRebalanceFor(app: AppContext, tenantId: string, chargePointId: string): Promise<void> {
  try {
    const member = await tenantEm(app.orm, tenantId).findOne(ChargingGroupMember, { chargePointId }, { fields: ['groupId'] });
    if (member) await scheduleRebalance(app, tenantId, member.groupId);
  } catch (error) {
    app.log.warn({ err: error, tenantId, chargePointId }, 'site limit rebalance not scheduled');
  }
}

/** As scheduleRebalanceFor, when the statement that changed the charge point's sessions also read its group (null: none). */
export function rebalanceAfter(app: AppContext, tenantId: string, groupId: string | null): void {
  if (groupId === null) return;
  scheduleRebalance(app, tenantId, groupId).catch((error) => app.log.warn({ err: error, tenantId, groupId }, 'site limit rebalance not scheduled'));
}

/** Forgets a deleted group's generation counter. */
export async function forgetRebalance(app: AppContext, tenantId: string, groupId: string): Promise<void> {
  await app.redis.del(app.keys.siteLimitGeneration(tenantId, groupId));
}

export const rebalanceJob: JobProcessor<RebalanceJobData> = async ({ app, em, tenantId, job, token }, data) => {
  const superseded = async () => Number((await app.redis.get(app.keys.siteLimitGeneration(tenantId, data.groupId))) ?? 0) > data.generation;
  if (await superseded()) return;
  const lock = app.keys.siteLimitLock(tenantId, data.groupId);
  const holder = randomUUID();
  if ((await app.redis.set(lock, holder, 'PX', LOCK_TTL_MS, 'NX')) !== 'OK') {
    await job.moveToDelayed(Date.now() + LOCK_RETRY_MS, token);
    throw new DelayedError();
  }
  try {
    const sent = await rebalanceGroup(app, em, tenantId, data.groupId, superseded);
    if (sent > 0) app.log.debug({ tenantId, groupId: data.groupId, sent }, 'site limit rebalanced');
  } finally {
    // Release only our own lock (it may have expired and been taken by another generation).
    await app.redis.eval(`if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`, 1, lock, holder);
  }
};

interface ReleaseJobData {
  tenantId: string;
  chargePointIds: string[];
}

/** Charge points that left a group; their site-limit TxProfiles are cleared by the worker. */
export async function scheduleRelease(app: AppContext, tenantId: string, chargePointIds: string[]): Promise<void> {
  if (chargePointIds.length === 0) return;
  await app.jobs.schedule<ReleaseJobData>(RELEASE_JOB, { tenantId, chargePointIds });
}

export const releaseJob: JobProcessor<ReleaseJobData> = async ({ app, em, tenantId }, data) => {
  const cleared = await releaseChargePoints(app, em, tenantId, data.chargePointIds);
  if (cleared > 0) app.log.debug({ tenantId, cleared }, 'site limit profiles cleared');
};
