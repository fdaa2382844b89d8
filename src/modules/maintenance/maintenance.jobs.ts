import type { Job } from 'bullmq';
import type { AppContext } from '../../app-context';
import { platformEm } from '../../platform/db';
import { PRESENCE_RECONCILE_JOB } from '../charge-point/presence.jobs';
import { COMMAND_REQUEUE_JOB } from '../command/command.jobs';
import { Tenant } from '../tenant/tenant.entity';
import { RETENTION_CLEANUP_JOB } from './retention.jobs';
import { CERTIFICATE_EXPIRY_JOB } from '../security/certificate-expiry.jobs';

/** Repeating platform ticks (BullMQ job schedulers): each fans out into one tenant job per tenant. */
export const MAINTENANCE_TICKS = {
  'presence.tick': PRESENCE_RECONCILE_JOB,
  'retention.tick': RETENTION_CLEANUP_JOB,
  'commands.tick': COMMAND_REQUEUE_JOB,
  'certificates.tick': CERTIFICATE_EXPIRY_JOB,
} as const;

export type MaintenanceTick = keyof typeof MAINTENANCE_TICKS;

/**
 * Retention runs at a fixed minute of every hour rather than every 3600 s from start: an `every` scheduler
 * fires at once when installed, so each worker restart would trigger a cleanup pass.
 */
const RETENTION_PATTERN = '17 * * * *';
/** Client certificates near expiry: checked hourly, at another minute than retention. */
const CERTIFICATES_PATTERN = '43 * * * *';

/** Installs (or updates) the schedulers; idempotent, so every worker may call it at start. */
export async function installMaintenanceSchedulers(app: AppContext): Promise<void> {
  const queue = app.jobs.maintenance;
  await queue.upsertJobScheduler('presence.tick', { every: app.config.maintenanceIntervalS * 1000 }, { name: 'presence.tick' });
  await queue.upsertJobScheduler('retention.tick', { pattern: RETENTION_PATTERN }, { name: 'retention.tick' });
  await queue.upsertJobScheduler('certificates.tick', { pattern: CERTIFICATES_PATTERN }, { name: 'certificates.tick' });
  await queue.upsertJobScheduler('commands.tick', { every: app.config.maintenanceIntervalS * 1000 }, { name: 'commands.tick' });
  // Webhook deliveries are no longer swept by a tick: the dispatcher looks for due ones every second.
  await queue.removeJobScheduler('webhooks.tick');
}

/**
 * Installs the schedulers that are missing (Redis restarted without its data, or someone removed them);
 * returns their names. Cheap when all are there: one read per scheduler.
 */
export async function restoreMaintenanceSchedulers(app: AppContext): Promise<string[]> {
  const queue = app.jobs.maintenance;
  const missing: string[] = [];
  for (const name of Object.keys(MAINTENANCE_TICKS)) {
    if (!(await queue.getJobScheduler(name))) missing.push(name);
  }
  if (missing.length > 0) await installMaintenanceSchedulers(app);
  return missing;
}

/** Platform-level: reads only the tenant list, and hands each tenant's work to a tenant-scoped job. */
export async function runMaintenanceTick(app: AppContext, job: Job): Promise<void> {
  const jobName = MAINTENANCE_TICKS[job.name as MaintenanceTick];
  if (!jobName) return;
  const tenants = await platformEm(app.orm).find(Tenant, {}, { fields: ['id'] });
  if (tenants.length === 0) return;
  await app.jobs.queue.addBulk(tenants.map((t) => ({ name: jobName, data: { tenantId: t.id }, opts: { attempts: 1 } })));
}
