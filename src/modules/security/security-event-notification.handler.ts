import type { OcppHandler } from '../../ingress/handler-context';
import { storeSecurityEvent } from './security-event.service';

export const securityEventNotification: OcppHandler<'SecurityEventNotification'> = async (ctx, payload) => {
  await storeSecurityEvent(ctx.app, ctx.em(), {
    tenantId: ctx.tenantId,
    chargePointId: ctx.chargePointId,
    type: payload.type,
    timestamp: new Date(payload.timestamp),
    techInfo: payload.techInfo ?? null,
    source: 'CHARGE_POINT',
  });
  return {};
};
