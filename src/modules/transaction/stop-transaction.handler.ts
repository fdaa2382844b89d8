import type { OcppHandler } from '../../ingress/handler-context';
import { rebalanceAfter } from '../smart-charging/site-limit.jobs';
import { stopTransaction } from './transaction.service';

/** One statement (see stopTransaction): the stop, its meter values, its TxProfiles removed and its event. */
export const stopTransactionHandler: OcppHandler<'StopTransaction'> = async (ctx, payload) => {
  const { stopped, idTagInfo, appended, groupId } = await stopTransaction(ctx.em(), ctx.chargePointId, payload);
  ctx.app.outbox.committed(appended);
  if (stopped) rebalanceAfter(ctx.app, ctx.tenantId, groupId);
  return idTagInfo ? { idTagInfo } : {};
};
