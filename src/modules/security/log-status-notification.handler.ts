import type { OcppHandler } from '../../ingress/handler-context';
import { clock } from '../../platform/clock';
import { ChargePoint } from '../charge-point/charge-point.entity';

/** The latest LogStatusNotification is kept on the charge point (ChargePoint.logStatus). */
export const logStatusNotification: OcppHandler = async (ctx, payload: { status: string; requestId?: number }) => {
  await ctx.em().nativeUpdate(
    ChargePoint,
    { tenantId: ctx.tenantId, identity: ctx.chargePointId },
    { logStatus: payload.status, logStatusRequestId: payload.requestId ?? null, logStatusAt: clock.now() },
  );
  return {};
};
