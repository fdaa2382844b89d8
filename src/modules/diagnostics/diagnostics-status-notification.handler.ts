import type { OcppHandler } from '../../ingress/handler-context';
import { recordDiagnosticsStatus } from './diagnostics-status.service';

export const diagnosticsStatusNotification: OcppHandler<'DiagnosticsStatusNotification'> = async (ctx, payload) => {
  await ctx.app.outbox.transaction(ctx.em(), async (tx, emit) => {
    const at = await recordDiagnosticsStatus(tx, ctx.tenantId, ctx.chargePointId, payload.status);
    emit({ type: 'DIAGNOSTICS_STATUS_CHANGED', tenantId: ctx.tenantId, chargePointId: ctx.chargePointId, payload: { chargePointId: ctx.chargePointId, status: payload.status, receivedAt: at.toISOString() } });
  });
  return {};
};
