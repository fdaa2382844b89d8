import { DelayedError } from 'bullmq';
import type { AppContext } from '../../app-context';
import { clock } from '../../platform/clock';
import { tenantSql } from '../../platform/db';
import type { JobProcessor } from '../../platform/queues';
import { ChargePoint } from '../charge-point/charge-point.entity';
import type { Command } from './command.entity';
import { Command as CommandEntity } from './command.entity';
import { CommandFailed, undoPrepared } from './command.service';

export const COMMAND_DELIVER_JOB = 'command.deliver';
export const COMMAND_REQUEUE_JOB = 'command.requeue-orphans';
/**
 * A scheduled command still QUEUED this long after it was due, without a job, has lost it (e.g. Redis lost
 * data). Short: adding the job again is harmless even while its creator is still adding it (the job id is
 * the command id, so a second add is ignored, and delivery skips a command no longer QUEUED).
 */
const ORPHAN_AFTER_MS = 5_000;

/** A scheduled command without `retryUntil` keeps trying this long after it was due. */
export const DEFAULT_RETRY_WINDOW_MS = 24 * 3600 * 1000;
/** Backoff between attempts: 1 s, 2 s, 4 s ... capped. A charge point that connects cuts the wait short. */
export const RETRY_BASE_MS = 1000;
export const RETRY_MAX_MS = 60_000;

const RETRYABLE = ['CHARGE_POINT_OFFLINE', 'CHARGE_POINT_TIMEOUT'] as const;

export interface CommandJobData {
  tenantId: string;
  commandId: string;
  /** Waits so far, for the backoff. */
  retries?: number;
}

/** The CommandService scheduler: one job per command (job id = command id, so never two), due at `at`. */
export async function scheduleCommand(app: AppContext, command: Command): Promise<void> {
  const data: CommandJobData = { tenantId: command.tenantId, commandId: command.id };
  // The processor settles the command itself; BullMQ retries are only for infrastructure failures.
  await app.jobs.schedule(COMMAND_DELIVER_JOB, data, { at: command.scheduledAt ?? null, jobId: command.id });
}

export function retryDeadline(command: Command): Date {
  if (command.retryUntil) return command.retryUntil;
  return new Date((command.scheduledAt ?? command.createdAt).getTime() + DEFAULT_RETRY_WINDOW_MS);
}

/**
 * Delivers one scheduled command. BullMQ's job lock guarantees one attempt in flight per command; the
 * status check makes a re-run of a settled command a no-op. A command found SENT was interrupted by a
 * worker crash mid-call: it is tried again (at-least-once in that one case; the OCPP answer is unknown).
 */
export const deliverCommand: JobProcessor<CommandJobData> = async ({ app, em, job, token }, data) => {
  const command = await em.findOne(CommandEntity, { id: data.commandId });
  if (!command || (command.status !== 'QUEUED' && command.status !== 'SENT')) return;

  const now = clock.now();
  const deadline = retryDeadline(command);
  if (now.getTime() >= deadline.getTime()) {
    await expire(app, em, command);
    return;
  }

  const [online] = await app.cluster.isConnected(command.tenantId, [command.chargePointId]);
  let offline = !online;
  // A Rejected charge point is sent nothing (OCPP 1.6 4.2.1): the command waits, as for an offline one,
  // in case its registration changes before retryUntil.
  const rejected = online && (await em.findOne(ChargePoint, { identity: command.chargePointId }, { fields: ['registrationStatus'] }))?.registrationStatus === 'Rejected';
  if (rejected && (command.status === 'SENT' || command.errorCode !== 'CONFLICT')) {
    await app.commands.finish(em, command, 'QUEUED', { errorCode: 'CONFLICT', errorDescription: 'Charge point registration is Rejected' });
  }
  // A charge point's local list versions must arrive in order: a SendLocalList waits for the lower ones.
  if (online && !rejected && command.action === 'SendLocalList' && (await lowerListVersionWaiting(em, command))) {
    await job.moveToDelayed(Date.now() + LIST_ORDER_WAIT_MS, token);
    throw new DelayedError();
  }
  if (online && !rejected) {
    try {
      await app.commands.attempt(em, command, { retryOn: RETRYABLE });
      return;
    } catch (error) {
      // A final outcome (FAILED) is already stored and published by attempt().
      if (!(error instanceof CommandFailed) || !(RETRYABLE as readonly string[]).includes(error.code)) return;
      offline = error.code === 'CHARGE_POINT_OFFLINE';
    }
  } else if (command.status === 'SENT') {
    await app.commands.finish(em, command, 'QUEUED', { errorCode: 'CHARGE_POINT_OFFLINE', errorDescription: 'Charge point is not connected' });
  }

  const retries = (data.retries ?? 0) + 1;
  const wait = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(retries - 1, 16));
  const runAt = Math.min(Date.now() + wait, deadline.getTime());
  await job.updateData({ ...data, retries });
  if (offline) await app.jobs.parkUntilConnected(command.tenantId, command.chargePointId, job.id!);
  await job.moveToDelayed(runAt, token);
  // The charge point may have connected between our check and the park: the ingress then found nothing
  // to promote, so promote ourselves. Not after a failed attempt: a stale presence record would make that
  // a loop without backoff.
  if (!online) {
    const [nowOnline] = await app.cluster.isConnected(command.tenantId, [command.chargePointId]);
    if (nowOnline) await job.promote().catch(() => undefined);
  }
  throw new DelayedError();
};

/** How long a SendLocalList waits before looking again for the lower (scheduled) versions it must follow. */
const LIST_ORDER_WAIT_MS = 500;

async function lowerListVersionWaiting(em: Parameters<JobProcessor>[0]['em'], command: Command): Promise<boolean> {
  const version = Number((command.request as { listVersion?: unknown }).listVersion);
  if (!Number.isInteger(version)) return false;
  const rows = await tenantSql<{ id: string }>(
    em,
    `select id from command
      where tenant_id = $tenant and charge_point_id = ? and action = 'SendLocalList' and status in ('QUEUED', 'SENT') and id <> ?
        and scheduled_at is not null
        and case when jsonb_typeof(request::jsonb -> 'listVersion') = 'number' then (request->>'listVersion')::numeric end < ?
      limit 1`,
    [command.chargePointId, command.id, version],
  );
  return rows.length > 0;
}

async function expire(app: AppContext, em: Parameters<JobProcessor>[0]['em'], command: Command): Promise<void> {
  await app.commands.finish(em, command, 'EXPIRED', {
    errorCode: command.errorCode ?? 'CHARGE_POINT_OFFLINE',
    errorDescription: 'Not delivered before retryUntil',
  });
  // Undo what `prepare` promised (a reserved id, a list version), as for any attempt that got no answer.
  await undoPrepared(app, em, command, { code: command.errorCode ?? 'CHARGE_POINT_OFFLINE', message: 'Not delivered before retryUntil' });
}

/**
 * Scheduled commands live as BullMQ jobs in Redis. Should Redis lose them (a restart without persistence),
 * the command rows in PostgreSQL still say QUEUED: this per-tenant maintenance job gives each such row its
 * job back. Job id = command id, so a command whose job still exists is left alone.
 */
export const requeueOrphanedCommands: JobProcessor = async ({ app, em }) => {
  const due = new Date(clock.now().getTime() - ORPHAN_AFTER_MS);
  const queued = await em.find(
    CommandEntity,
    { status: 'QUEUED', scheduledAt: { $ne: null, $lt: due } },
    { orderBy: { scheduledAt: 'asc' }, limit: 500 },
  );
  for (const command of queued) {
    if (await app.jobs.queue.getJob(command.id)) continue;
    app.log.warn({ tenantId: command.tenantId, commandId: command.id }, 'scheduled command had lost its job; queued again');
    await scheduleCommand(app, command);
  }
};
