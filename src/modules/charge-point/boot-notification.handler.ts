import type { OcppHandler } from '../../ingress/handler-context';
import { recordBoot } from './charge-point.service';

export const bootNotification: OcppHandler<'BootNotification'> = async (ctx, payload) => {
  const { answer, activeTransactions } = await recordBoot(ctx.app.orm, ctx.tenantId, ctx.chargePointId, payload, ctx.app.config.heartbeatIntervalS);
  ctx.registrationStatus = answer.status;
  ctx.activeTransactionsAtBoot = activeTransactions;
  return answer;
};
