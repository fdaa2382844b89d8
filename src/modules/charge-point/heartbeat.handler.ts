import type { OcppHandler } from '../../ingress/handler-context';
import { clock } from '../../platform/clock';

export const heartbeat: OcppHandler = async (ctx) => {
  const now = clock.now();
  ctx.app.lastSeen.seen(ctx.tenantId, ctx.chargePointId, now, true);
  return { currentTime: now.toISOString() };
};
