import type { OcppHandler } from '../../ingress/handler-context';
import type { Orm } from '../../platform/db';
import { MeterValuesWriter, transactionView } from './transaction.service';

/** One group-committing writer per database (tests run several servers in one process). */
const writers = new WeakMap<Orm, MeterValuesWriter>();

function writerFor(orm: Orm): MeterValuesWriter {
  let writer = writers.get(orm);
  if (!writer) writers.set(orm, (writer = new MeterValuesWriter(orm)));
  return writer;
}

/** Waits for this database's MeterValues writes in flight (shutdown, before the pool closes). */
export async function drainMeterValues(orm: Orm): Promise<void> {
  await writers.get(orm)?.drain();
}

export const meterValues: OcppHandler = async (ctx, payload) => {
  const transaction = await writerFor(ctx.app.orm).record({ tenantId: ctx.tenantId, chargePointId: ctx.chargePointId, ...payload });
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
