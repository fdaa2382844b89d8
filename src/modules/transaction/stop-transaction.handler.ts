import type { OcppHandler } from '../../ingress/handler-context';
import { scheduleRebalanceFor } from '../smart-charging/site-limit.jobs';
import { removeTransactionProfiles } from '../smart-charging/smart-charging.service';
import { stopTransaction, transactionView } from './transaction.service';

export const stopTransactionHandler: OcppHandler = async (ctx, payload) => {
  const { transaction, stopped, idTagInfo } = await stopTransaction(ctx.em(), ctx.tenantId, ctx.chargePointId, payload);
  if (transaction && stopped) {
    await removeTransactionProfiles(ctx.em(), ctx.tenantId, ctx.chargePointId, transaction.id);
    ctx.app.events.publish({ type: 'transactionUpdated', tenantId: ctx.tenantId, chargePointId: ctx.chargePointId, payload: { ...transactionView(transaction), event: 'STOPPED' } });
    void scheduleRebalanceFor(ctx.app, ctx.tenantId, ctx.chargePointId);
  }
  return idTagInfo ? { idTagInfo } : {};
};
