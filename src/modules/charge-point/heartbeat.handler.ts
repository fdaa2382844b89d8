import type { OcppHandler } from '../../ingress/handler-context';
import { clock } from '../../platform/clock';
import { recordHeartbeat } from './charge-point.service';

/** How long a Heartbeat waits for its write: the answer does not depend on it, so it never waits longer. */
const HEARTBEAT_WRITE_WAIT_MS = 1000;

/**
 * Written before the answer, so lastHeartbeatAt is current as soon as the charge point has its reply.
 * Best effort: with PostgreSQL slow or down the charge point still gets its time (the dispatcher's
 * last-seen tracker keeps lastSeenAt), since nothing a charge point sends is lost by that.
 */
export const heartbeat: OcppHandler = async (ctx) => {
  const now = clock.now();
  let timer: NodeJS.Timeout | undefined;
  const write = recordHeartbeat(ctx.app.orm, ctx.tenantId, ctx.chargePointId, now).catch((error) => {
    ctx.app.log.warn({ err: error, tenantId: ctx.tenantId, chargePointId: ctx.chargePointId }, 'heartbeat not recorded');
  });
  await Promise.race([write, new Promise((resolve) => (timer = setTimeout(resolve, HEARTBEAT_WRITE_WAIT_MS)))]);
  clearTimeout(timer);
  return { currentTime: now.toISOString() };
};
