import type { OcppHandler } from '../../ingress/handler-context';
import { abandonAfterReboot, afterAbandoned } from '../transaction/abandon.service';

export const statusNotification: OcppHandler<'StatusNotification'> = async (ctx, payload) => {
  await ctx.app.statusNotifications.record(ctx.tenantId, ctx.chargePointId, payload);
  await afterAbandoned(ctx, await abandonAfterReboot(ctx.em(), ctx.tenantId, ctx.chargePointId, payload));
  return {};
};
