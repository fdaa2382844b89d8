import type { OcppHandler } from '../../ingress/handler-context';
import { abandonAfterReboot, afterAbandoned } from '../transaction/abandon.service';
import { recordStatus } from './charge-point.service';

export const statusNotification: OcppHandler<'StatusNotification'> = async (ctx, payload) => {
  const { appended } = await recordStatus(ctx.em(), ctx.tenantId, ctx.chargePointId, payload);
  ctx.app.outbox.committed(appended);
  await afterAbandoned(ctx, await abandonAfterReboot(ctx.em(), ctx.tenantId, ctx.chargePointId, payload));
  return {};
};
