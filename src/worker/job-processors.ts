import type { JobProcessor } from '../platform/queues';
import { reconcilePresence, PRESENCE_RECONCILE_JOB } from '../modules/charge-point/presence.jobs';
import { COMMAND_DELIVER_JOB, COMMAND_REQUEUE_JOB, deliverCommand, requeueOrphanedCommands } from '../modules/command/command.jobs';
import { cleanupRetention, RETENTION_CLEANUP_JOB } from '../modules/maintenance/retention.jobs';
import { expireReservationJob, RESERVATION_EXPIRE_JOB } from '../modules/reservation/reservation.jobs';
import { REBALANCE_JOB, rebalanceJob, RELEASE_JOB, releaseJob } from '../modules/smart-charging/site-limit.jobs';
import { CERTIFICATE_EXPIRY_JOB, warnExpiringCertificates } from '../modules/security/certificate-expiry.jobs';

/**
 * Every tenant job the worker runs, by job name: one line per processor (see src/platform/queues.ts).
 * Each runs inside tenantEm(orm, data.tenantId).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- job data arrives untyped from Redis; each processor declares the shape its own scheduling side writes
export const JOB_PROCESSORS: Record<string, JobProcessor<any>> = {
  [COMMAND_DELIVER_JOB]: deliverCommand,
  [COMMAND_REQUEUE_JOB]: requeueOrphanedCommands,
  [PRESENCE_RECONCILE_JOB]: reconcilePresence,
  [RETENTION_CLEANUP_JOB]: cleanupRetention,
  [RESERVATION_EXPIRE_JOB]: expireReservationJob,
  [REBALANCE_JOB]: rebalanceJob,
  [RELEASE_JOB]: releaseJob,
  [CERTIFICATE_EXPIRY_JOB]: warnExpiringCertificates,
};
