import { DelayedError, Worker, type Job } from 'bullmq';
import type { AppContext } from '../app-context';
import { runMaintenanceTick, installMaintenanceSchedulers } from '../modules/maintenance/maintenance.jobs';
import { watchMaintenanceSchedulers } from './scheduler-watch';
import { tenantEm } from '../platform/db';
import { trackQueueDepths } from '../platform/metrics';
import { bullConnection, MAINTENANCE_QUEUE, TENANT_QUEUE, WEBHOOK_QUEUE, type TenantJobData } from '../platform/queues';
import { deliverWebhook } from '../modules/webhook/webhook-delivery.jobs';
import type { RoleModule } from '../roles';
import { JOB_PROCESSORS } from './job-processors';

/** Tenant jobs processed at once per worker process; most wait on a charge point or the database. */
const WORKER_CONCURRENCY = 16;
/** Webhook deliveries at once per worker process (each endpoint is further limited by its own slots). */
const WEBHOOK_CONCURRENCY = 32;
/**
 * A webhook job whose worker died (its lock not renewed for this long) is handed to another worker: short,
 * so a crash mid-delivery delays the event by seconds. The lock is renewed every half of it while alive.
 */
const WEBHOOK_LOCK_MS = 5_000;

/** The worker role: runs tenant jobs and the repeating maintenance ticks. Enqueueing happens in every role. */
export const workerRole: RoleModule = {
  name: 'worker',
  role: 'worker',
  async start(app) {
    const prefix = app.keys.bull();
    const tenantConnection = bullConnection(app.config);
    const maintenanceConnection = bullConnection(app.config);
    const tenantWorker = new Worker(TENANT_QUEUE, (job, token) => runTenantJob(app, job, token), {
      connection: tenantConnection,
      prefix,
      concurrency: WORKER_CONCURRENCY,
    });
    const maintenanceWorker = new Worker(MAINTENANCE_QUEUE, (job) => runMaintenanceTick(app, job), {
      connection: maintenanceConnection,
      prefix,
      concurrency: 1,
    });
    const webhookConnection = bullConnection(app.config);
    const webhookWorker = new Worker(WEBHOOK_QUEUE, (job, token) => deliverWebhook(app, job, token), {
      connection: webhookConnection,
      prefix,
      concurrency: WEBHOOK_CONCURRENCY,
      lockDuration: WEBHOOK_LOCK_MS,
      stalledInterval: WEBHOOK_LOCK_MS,
      maxStalledCount: 10,
    });
    for (const worker of [tenantWorker, maintenanceWorker, webhookWorker]) {
      worker.on('error', (error) => app.log.warn({ err: error }, 'job worker error'));
      worker.on('failed', (job, error) => app.log.warn({ err: error, job: job?.name, jobId: job?.id }, 'job failed'));
    }
    await installMaintenanceSchedulers(app);
    await Promise.all([tenantWorker.waitUntilReady(), maintenanceWorker.waitUntilReady(), webhookWorker.waitUntilReady()]);
    app.log.info('job worker ready');
    // Queue depths are global: only worker processes report them, so api and ingress pods do not repeat them.
    const untrackQueues = trackQueueDepths([app.jobs.queue, app.jobs.maintenance, app.jobs.webhooks]);
    const unwatchSchedulers = watchMaintenanceSchedulers(app);
    return {
      async stop() {
        unwatchSchedulers();
        untrackQueues();
        await Promise.all([tenantWorker.close(), maintenanceWorker.close(), webhookWorker.close()]);
        await Promise.all([tenantConnection.quit(), maintenanceConnection.quit(), webhookConnection.quit()]).catch(() => undefined);
      },
    };
  },
};

async function runTenantJob(app: AppContext, job: Job, token: string | undefined): Promise<void> {
  const processor = JOB_PROCESSORS[job.name];
  if (!processor) throw new Error(`No processor for job ${job.name}`);
  const data = job.data as TenantJobData;
  if (!data?.tenantId) throw new Error(`Job ${job.name} ${job.id} carries no tenantId`);
  try {
    await processor({ app, tenantId: data.tenantId, em: tenantEm(app.orm, data.tenantId), job, token }, data);
  } catch (error) {
    if (!(error instanceof DelayedError)) app.log.warn({ err: error, job: job.name, jobId: job.id, tenantId: data.tenantId }, 'job processor threw');
    throw error;
  }
}
