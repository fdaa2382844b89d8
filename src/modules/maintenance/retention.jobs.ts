import { tenantSql } from '../../platform/db';
import type { JobProcessor } from '../../platform/queues';

export const RETENTION_CLEANUP_JOB = 'retention.cleanup';

/** Rows deleted per statement, so a large backlog never holds long locks. */
const DELETE_BATCH = 5000;

/**
 * Deletes history older than RETENTION_DAYS: StatusNotification history, meter values (by when they were
 * received, so offline-buffered old readings are kept for the full period) and finished commands; and the
 * event log with its webhook deliveries older than EVENT_RETENTION_DAYS.
 * Connector state, transactions and open commands are never touched.
 */
export const cleanupRetention: JobProcessor = async ({ app, em, tenantId }) => {
  const cutoff = new Date(Date.now() - app.config.retentionDays * 24 * 3600 * 1000);
  const eventCutoff = new Date(Date.now() - app.config.eventRetentionDays * 24 * 3600 * 1000);
  const targets: Array<{ table: string; where: string; before?: Date }> = [
    { table: 'status_notification', where: 'received_at < ?' },
    { table: 'meter_value', where: 'received_at < ?' },
    { table: 'command', where: `completed_at < ? and status in ('COMPLETED', 'FAILED', 'EXPIRED')` },
    // The delivery log goes first: a delivery row never outlives its event.
    { table: 'webhook_delivery', where: `event_id in (select id from event where tenant_id = webhook_delivery.tenant_id and occurred_at < ?)`, before: eventCutoff },
    { table: 'event', where: 'occurred_at < ?', before: eventCutoff },
  ];
  const deleted: Record<string, number> = {};
  for (const { table, where, before } of targets) {
    deleted[table] = 0;
    for (;;) {
      const [{ n }] = await tenantSql<{ n: number }>(
        em,
        `with gone as (delete from "${table}" where ctid in (select ctid from "${table}" where tenant_id = $tenant and ${where} limit ${DELETE_BATCH}) returning 1)
         select count(*)::integer as n from gone`,
        [before ?? cutoff],
      );
      deleted[table] += n;
      if (n < DELETE_BATCH) break;
    }
  }
  if (Object.values(deleted).some((n) => n > 0)) app.log.info({ tenantId, deleted, cutoff }, 'retention cleanup');
};
