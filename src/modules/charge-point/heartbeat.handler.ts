import type { OcppHandler } from '../../ingress/handler-context';
import { clock } from '../../platform/clock';

/**
 * Answered without waiting for PostgreSQL: lastHeartbeatAt goes with the last-seen times of the next
 * flush, at most a second later (the answer does not depend on it, and a charge point loses nothing if a
 * crash loses that second).
 */
export const heartbeat: OcppHandler<'Heartbeat'> = (ctx) => {
  const now = clock.now();
  ctx.app.lastSeen.heartbeat(ctx.tenantId, ctx.chargePointId, now);
  return { currentTime: now.toISOString() };
};
