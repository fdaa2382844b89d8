import type { OcppHandler } from '../../ingress/handler-context';
import { withTimeout } from '../../platform/async';
import { clock } from '../../platform/clock';

/** How long a Heartbeat waits for its write: the answer does not depend on it, so it never waits longer. */
const HEARTBEAT_WRITE_WAIT_MS = 1000;

/**
 * Written before the answer (group-committed with other heartbeats and connects), so lastHeartbeatAt is
 * current as soon as the charge point has its reply. Best effort: with PostgreSQL slow or down the charge
 * point still gets its time, since nothing a charge point sends is lost by that.
 */
export const heartbeat: OcppHandler = async (ctx) => {
  const now = clock.now();
  await withTimeout(ctx.app.lastSeen.heartbeat(ctx.tenantId, ctx.chargePointId, now), HEARTBEAT_WRITE_WAIT_MS).catch(() => undefined);
  return { currentTime: now.toISOString() };
};
