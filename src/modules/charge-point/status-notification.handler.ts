import type { OcppHandler } from '../../ingress/handler-context';
import { abandonAfterReboot, afterAbandoned } from '../transaction/abandon.service';

export const statusNotification: OcppHandler<'StatusNotification'> = async (ctx, payload) => {
  await ctx.app.statusNotifications.record(ctx.tenantId, ctx.chargePointId, payload);
  // Only transactions received before the last boot are abandoned: none existed at this connection's boot, none to look for.
  if (ctx.activeTransactionsAtBoot !== false) await afterAbandoned(ctx, await abandonAfterReboot(ctx.em(), ctx.tenantId, ctx.chargePointId, payload));
  return {};
};
