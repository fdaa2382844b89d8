import type { OcppHandler } from '../../ingress/handler-context';
import { stopTransaction, transactionView } from './transaction.service';

export const stopTransactionHandler: OcppHandler = async (ctx, payload) => {
  const { transaction, stopped, idTagInfo } = await stopTransaction(ctx.em(), ctx.tenantId, ctx.chargePointId, payload);
  if (transaction && stopped) {
    ctx.app.events.publish({ type: 'transactionUpdated', tenantId: ctx.tenantId, chargePointId: ctx.chargePointId, payload: { ...transactionView(transaction), event: 'STOPPED' } });
  }
  return idTagInfo ? { idTagInfo } : {};
};
