import type { OcppHandler } from '../../ingress/handler-context';
import { transactionView } from './transaction.service';

export const meterValues: OcppHandler = async (ctx, payload) => {
  const transaction = await ctx.app.meterValues.record({ tenantId: ctx.tenantId, chargePointId: ctx.chargePointId, ...payload });
  if (transaction) {
    ctx.app.events.publish({
      type: 'transactionUpdated',
      tenantId: ctx.tenantId,
      chargePointId: ctx.chargePointId,
      payload: { ...transactionView(transaction), event: 'METER_VALUES', meterValue: payload.meterValue },
    });
  }
  return {};
};
