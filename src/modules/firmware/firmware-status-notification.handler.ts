import type { OcppHandler } from '../../ingress/handler-context';
import { recordFirmwareStatus } from './firmware-status.service';

export const firmwareStatusNotification: OcppHandler<'FirmwareStatusNotification'> = async (ctx, payload) => {
  await ctx.app.outbox.transaction(ctx.em(), async (tx, emit) => {
    const at = await recordFirmwareStatus(tx, ctx.tenantId, ctx.chargePointId, payload.status);
    emit({ type: 'FIRMWARE_STATUS_CHANGED', tenantId: ctx.tenantId, chargePointId: ctx.chargePointId, payload: { chargePointId: ctx.chargePointId, status: payload.status, receivedAt: at.toISOString() } });
  });
  return {};
};
