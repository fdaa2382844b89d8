import type { OcppHandler } from '../../ingress/handler-context';
import { abandonAfterReboot, afterAbandoned } from '../transaction/abandon.service';
import { recordStatus } from './charge-point.service';

export const statusNotification: OcppHandler = async (ctx, payload) => {
  const stored = await recordStatus(ctx.app.orm, ctx.tenantId, ctx.chargePointId, payload);
  ctx.app.events.publish({
    type: 'connectorStatusChanged',
    tenantId: ctx.tenantId,
    chargePointId: ctx.chargePointId,
    payload: { ...stored, tenantId: undefined },
  });
  await afterAbandoned(ctx, await abandonAfterReboot(ctx.em(), ctx.tenantId, ctx.chargePointId, payload));
  return {};
};
