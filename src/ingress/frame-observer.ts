import type { FrameEvent } from '../ocpp/ocpp-session';
import { clock } from '../platform/clock';
import { loggableOcppPayload, type Logger } from '../platform/logger';
import { recordOcppFrame } from '../platform/ocpp-metrics';
import { hideAuthorizationKey } from '../modules/charge-point/authorization-key';
import { reportRefusal } from './delivery-report';
import type { ChargePointContext } from './handler-context';

/** Every frame of one connection, both ways: metrics, the debug frame log (idTags and keys hidden), the ocppMessage event. */
export function frameObserver(ctx: ChargePointContext, log: () => Logger): (event: FrameEvent) => void {
  return (event) => {
    recordOcppFrame(event);
    reportRefusal(log, event);
    // The connection's logger has the process logger's level: asking that one makes no child logger.
    if (ctx.app.log.isLevelEnabled('debug')) {
      const { direction, messageTypeId, uniqueId, action, errorCode, handlingMs } = event;
      log().debug({ direction, messageTypeId, uniqueId, action, errorCode, handlingMs, payload: loggableOcppPayload(event.payload) }, 'ocpp frame');
    }
    publishFrame(ctx, event);
  };
}

function publishFrame(ctx: ChargePointContext, event: FrameEvent): void {
  const { events } = ctx.app;
  // The volume of events: not even built when no node has a subscriber for the tenant.
  if (!events.isWatched(ctx.tenantId, 'ocppMessage')) return;
  events.publish({
    type: 'ocppMessage',
    tenantId: ctx.tenantId,
    chargePointId: ctx.chargePointId,
    payload: {
      chargePointId: ctx.chargePointId,
      direction: event.direction,
      messageTypeId: event.messageTypeId,
      uniqueId: event.uniqueId,
      action: event.action ?? null,
      payload: hideAuthorizationKey(event.payload) ?? null,
      errorCode: event.errorCode ?? null,
      timestamp: clock.now().toISOString(),
    },
  });
}
