import type { OcppHandler } from '../../ingress/handler-context';
import { recordFirmwareStatus } from '../firmware/firmware-status.service';

/** The signed statuses (InvalidSignature, SignatureVerified, ...) join the firmware status and its history. */
export const signedFirmwareStatusNotification: OcppHandler = async (ctx, payload: { status: string }) => {
  await recordFirmwareStatus(ctx.em(), ctx.tenantId, ctx.chargePointId, payload.status);
  return {};
};
