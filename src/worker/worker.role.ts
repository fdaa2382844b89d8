import { DelayedError, Worker, type Job } from 'bullmq';
import type { AppContext } from '../app-context';
import { runMaintenanceTick, installMaintenanceSchedulers } from '../modules/maintenance/maintenance.jobs';
import { watchMaintenanceSchedulers } from './scheduler-watch';
import { tenantEm } from '../platform/db';
import { trackQueueDepths } from '../platform/metrics';
import { bullConnection, MAINTENANCE_QUEUE, TENANT_QUEUE, type TenantJobData } from '../platform/queues';
import { WebhookDispatcher } from '../modules/webhook/webhook-dispatcher';
import { PlannerStatistics } from '../modules/maintenance/planner-statistics';
import type { RoleModule } from '../roles';
import { JOB_PROCESSORS } from './job-processors';

/** Tenant jobs processed at once per worker process; most wait on a charge point or the database. */
const WORKER_CONCURRENCY = 16;
/** The worker role: runs tenant jobs, the repeating maintenance ticks and webhook delivery. Enqueueing happens in every role. */
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
    for (const worker of [tenantWorker, maintenanceWorker]) {
      worker.on('error', (error) => app.log.warn({ err: error }, 'job worker error'));
      worker.on('failed', (job, error) => app.log.warn({ err: error, job: job?.name, jobId: job?.id }, 'job failed'));
    }
    await installMaintenanceSchedulers(app);
    await Promise.all([tenantWorker.waitUntilReady(), maintenanceWorker.waitUntilReady()]);
    const webhooks = new WebhookDispatcher(app);
    await webhooks.start();
    const statistics = new PlannerStatistics(app);
    statistics.start();
    app.log.info('job worker ready');
    // Queue depths are global: only worker processes report them, so api and ingress pods do not repeat them.
    const untrackQueues = trackQueueDepths([app.jobs.queue, app.jobs.maintenance]);
    const unwatchSchedulers = watchMaintenanceSchedulers(app);
    return {
      async stop() {
        unwatchSchedulers();
        untrackQueues();
        await Promise.all([tenantWorker.close(), maintenanceWorker.close(), webhooks.stop(), statistics.stop()]);
        await Promise.all([tenantConnection.quit(), maintenanceConnection.quit()]).catch(() => undefined);
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
