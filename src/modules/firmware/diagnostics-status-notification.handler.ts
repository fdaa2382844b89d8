import type { OcppHandler } from '../../ingress/handler-context';
import { recordDiagnosticsStatus } from './firmware-status.service';

export const diagnosticsStatusNotification: OcppHandler = async (ctx, payload: { status: string }) => {
  await recordDiagnosticsStatus(ctx.em(), ctx.tenantId, ctx.chargePointId, payload.status);
  return {};
};
