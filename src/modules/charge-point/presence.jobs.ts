import { clock } from '../../platform/clock';
import { tenantEm } from '../../platform/db';
import type { JobProcessor } from '../../platform/queues';
import { ChargePoint } from './charge-point.entity';

export const PRESENCE_RECONCILE_JOB = 'presence.reconcile';

/**
 * Heartbeat loss: a node that dies (SIGKILL, power loss) never marks its charge points disconnected; its
 * presence records simply expire. This finds charge points the database still believes connected whose
 * presence is gone and that were not heard from for a presence lifetime, publishes them as disconnected
 * and stamps lastDisconnectedAt.
 */
export const reconcilePresence: JobProcessor = async ({ app, em, tenantId }) => {
  // Heard from within a presence lifetime: still alive as far as we know, whatever Redis says right now.
  const silentSince = new Date(clock.now().getTime() - app.config.presenceTtlS * 1000);
  const believedConnected = await em
    .createQueryBuilder(ChargePoint, 'c')
    .select(['c.pk', 'c.identity', 'c.lastConnectedAt'])
    // Explicit tenant id as well as the filter: query builders are where filters are easiest to lose.
    .where({ tenantId, lastConnectedAt: { $ne: null } })
    .andWhere('(c.last_disconnected_at is null or c.last_disconnected_at < c.last_connected_at)')
    .andWhere({ $or: [{ lastSeenAt: null }, { lastSeenAt: { $lt: silentSince } }] })
    .getResultList();
  const batchSize = 500;
  for (let offset = 0; offset < believedConnected.length; offset += batchSize) {
    const batch = believedConnected.slice(offset, offset + batchSize);
    const present = await app.cluster.isConnected(tenantId, batch.map((c) => c.identity));
    for (const [index, chargePoint] of batch.entries()) {
      if (present[index]) continue;
      const at = clock.now();
      const chargePointId = chargePoint.identity;
      // A fresh EntityManager per transaction: one forked from `em` would copy (and flush-check) every charge
      // point read above, so a node crash's thousands of charge points cost O(n^2).
      const updated = await app.outbox.transaction(tenantEm(app.orm, tenantId), async (tx, emit) => {
        // Only if nobody connected it since we read the row.
        const count = await tx.nativeUpdate(ChargePoint, { tenantId, identity: chargePointId, lastConnectedAt: chargePoint.lastConnectedAt }, { lastDisconnectedAt: at });
        if (count > 0) emit({ type: 'CHARGE_POINT_DISCONNECTED', tenantId, chargePointId, payload: { chargePointId, connected: false, at: at.toISOString() } });
        return count;
      });
      if (updated === 0) continue;
      app.log.info({ tenantId, chargePointId }, 'presence lost: marking charge point disconnected');
    }
  }
};
