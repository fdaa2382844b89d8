import type { OcppHandler } from '../../ingress/handler-context';
import { clock } from '../../platform/clock';
import { ChargePoint } from '../charge-point/charge-point.entity';

/** The latest LogStatusNotification is kept on the charge point (ChargePoint.logStatus). */
export const logStatusNotification: OcppHandler<'LogStatusNotification'> = async (ctx, payload) => {
  const at = clock.now();
  await ctx.app.outbox.transaction(ctx.em(), async (tx, emit) => {
    await tx.nativeUpdate(ChargePoint, { tenantId: ctx.tenantId, identity: ctx.chargePointId }, { logStatus: payload.status, logStatusRequestId: payload.requestId ?? null, logStatusAt: at });
    emit({
      type: 'LOG_STATUS_CHANGED',
      tenantId: ctx.tenantId,
      chargePointId: ctx.chargePointId,
      payload: { chargePointId: ctx.chargePointId, status: payload.status, requestId: payload.requestId ?? null, updatedAt: at.toISOString() },
    });
  });
  return {};
};
