import type { OcppHandler } from '../../ingress/handler-context';
import { scheduleRebalanceFor } from '../smart-charging/site-limit.jobs';
import { linkPendingTxProfiles } from '../smart-charging/smart-charging.service';
import { abandonSupersededBy, afterAbandoned } from './abandon.service';
import { startTransaction, transactionView } from './transaction.service';

export const startTransactionHandler: OcppHandler<'StartTransaction'> = async (ctx, payload) => {
  const { transaction, idTagInfo, created } = await startTransaction(ctx.em(), ctx.tenantId, ctx.chargePointId, payload);
  // Also on a repeated start: its first delivery may have failed between the insert and this step. A refused
  // start runs no remote start's profile (and another id tag's may still be waiting on this connector).
  // Also on a repeated start, for the same reason; what is already closed stays as it is.
  await afterAbandoned(ctx, await abandonSupersededBy(ctx.em(), ctx.tenantId, transaction));
  if (idTagInfo.status === 'Accepted') await linkPendingTxProfiles(ctx.em(), ctx.tenantId, ctx.chargePointId, transaction);
  if (created) {
    // Its own transaction, just after the start's: the start's duplicate handling needs a transaction of its own.
    await ctx.app.outbox.record(ctx.em(), [
      { type: 'TRANSACTION_STARTED', tenantId: ctx.tenantId, chargePointId: ctx.chargePointId, payload: { ...transactionView(transaction), event: 'STARTED' } },
    ]);
    void scheduleRebalanceFor(ctx.app, ctx.tenantId, ctx.chargePointId);
  }
  return { transactionId: transaction.id, idTagInfo };
};
