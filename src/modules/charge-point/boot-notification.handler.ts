import type { OcppHandler } from '../../ingress/handler-context';
import { recordBoot } from './charge-point.service';

export const bootNotification: OcppHandler<'BootNotification'> = async (ctx, payload) => {
  const answer = await recordBoot(ctx.em(), ctx.chargePointId, payload, ctx.app.config.heartbeatIntervalS);
  ctx.registrationStatus = answer.status;
  return answer;
};
