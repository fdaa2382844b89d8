import type { OcppHandler } from '../../ingress/handler-context';

/** Stored group-committed; the writer stores the TRANSACTION_UPDATED event in the same transaction. */
export const meterValues: OcppHandler<'MeterValues'> = async (ctx, payload) => {
  await ctx.app.meterValues.record({ tenantId: ctx.tenantId, chargePointId: ctx.chargePointId, ...payload });
  return {};
};
