import type { OcppHandler } from '../../ingress/handler-context';
import { scheduleRebalanceFor } from '../smart-charging/site-limit.jobs';
import { removeTransactionProfiles } from '../smart-charging/smart-charging.service';
import { stopTransaction, transactionView } from './transaction.service';

export const stopTransactionHandler: OcppHandler<'StopTransaction'> = async (ctx, payload) => {
  // The stop and its event commit together (the service's own transaction nests in this one).
  const { transaction, stopped, idTagInfo } = await ctx.app.outbox.transaction(ctx.em(), async (tx, emit) => {
    const result = await stopTransaction(tx, ctx.tenantId, ctx.chargePointId, payload);
    if (result.transaction && result.stopped) {
      emit({ type: 'TRANSACTION_STOPPED', tenantId: ctx.tenantId, chargePointId: ctx.chargePointId, payload: { ...transactionView(result.transaction), event: 'STOPPED' } });
    }
    return result;
  });
  if (transaction && stopped) {
    await removeTransactionProfiles(ctx.em(), ctx.tenantId, ctx.chargePointId, transaction.id);
    void scheduleRebalanceFor(ctx.app, ctx.tenantId, ctx.chargePointId);
  }
  return idTagInfo ? { idTagInfo } : {};
};
