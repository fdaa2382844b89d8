import type { OcppHandler } from '../../ingress/handler-context';
import { clock } from '../../platform/clock';
import { recordHeartbeat } from './charge-point.service';

export const heartbeat: OcppHandler = async (ctx) => {
  const now = clock.now();
  await recordHeartbeat(ctx.app.orm, ctx.tenantId, ctx.chargePointId, now);
  return { currentTime: now.toISOString() };
};
