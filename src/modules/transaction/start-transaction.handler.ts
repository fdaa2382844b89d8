import type { OcppHandler } from '../../ingress/handler-context';
import { rebalanceAfter } from '../smart-charging/site-limit.jobs';
import { startTransaction } from './transaction.service';

/**
 * One statement (see startTransaction): the start, what it supersedes on its connector, a remote start's
 * pending TxProfile, and their events, all in one transaction. Also on a repeated start, the abandonment
 * and the TxProfile link run again: its first delivery may have failed before the answer; what is
 * already closed stays as it is. A refused start runs no remote start's profile.
 */
export const startTransactionHandler: OcppHandler<'StartTransaction'> = async (ctx, payload) => {
  const { transaction, idTagInfo, created, abandoned, appended, groupId } = await startTransaction(ctx.em(), ctx.chargePointId, payload);
  ctx.app.outbox.committed(appended);
  if (created || abandoned > 0) rebalanceAfter(ctx.app, ctx.tenantId, groupId);
  return { transactionId: transaction.id, idTagInfo };
};
