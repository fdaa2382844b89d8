import type { OcppHandler } from '../../ingress/handler-context';
import { recordFirmwareStatus } from './firmware-status.service';

export const firmwareStatusNotification: OcppHandler = async (ctx, payload: { status: string }) => {
  await recordFirmwareStatus(ctx.em(), ctx.tenantId, ctx.chargePointId, payload.status);
  return {};
};
