import type { OcppHandler } from '../../ingress/handler-context';
import { storeSecurityEvent } from './security-event.service';

export const securityEventNotification: OcppHandler = async (ctx, payload: { type: string; timestamp: string; techInfo?: string }) => {
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
