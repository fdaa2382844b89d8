import { isChargePointAction } from '../ocpp/actions';
import { OcppError } from '../ocpp/ocpp-error';
import type { FrameEvent } from '../ocpp/ocpp-session';
import { sqlState } from '../platform/async';
import { clock } from '../platform/clock';
import { isTracing } from '../platform/tracing';
import { traceIncomingCall } from './call-tracing';
import type { ChargePointContext } from './handler-context';
import { handleCall } from './handlers';
import { TriggerWindow } from './trigger-window';

/** numeric_value_out_of_range, invalid_datetime_format, datetime_field_overflow, untranslatable_character (a NUL in JSON text), character_not_in_repertoire. */
const OUT_OF_RANGE_SQLSTATES = new Set(['22003', '22007', '22008', '22P05', '22021']);

/**
 * One connection's charge-point-initiated calls, from the OCPP session to their handler: the registration
 * gate, the handler map, and the database errors that are the charge point's fault mapped to an OcppError.
 * Everything else a handler throws goes back to the session, which answers it as OCPP errors say.
 */
export class OcppDispatcher {
  private readonly triggers = new TriggerWindow();

  constructor(private readonly ctx: ChargePointContext) {}

  /** Every frame of the connection, both ways: an accepted TriggerMessage opens the gate for what it asked for. */
  observe(event: FrameEvent): void {
    this.triggers.observe(event);
  }

  /** The session's handler: one call, traced (when tracing is on). A handler that answers at once is answered without a promise. */
  handle(action: string, payload: unknown, uniqueId: string): unknown {
    if (!isTracing()) return this.dispatch(action, payload);
    return traceIncomingCall(this.ctx, action, uniqueId, async () => this.dispatch(action, payload));
  }

  /**
   * Until its BootNotification is Accepted, a charge point gets SecurityError for everything but
   * BootNotification and the messages the CSMS asked for with TriggerMessage.
   */
  private dispatch(action: string, payload: unknown): unknown {
    const { ctx } = this;
    // A Heartbeat records its own time (and lastHeartbeatAt with it).
    if (action !== 'Heartbeat') ctx.app.lastSeen.seen(ctx.tenantId, ctx.chargePointId, clock.now());
    if (!isChargePointAction(action)) throw new OcppError('NotSupported', `${action} is not sent by a charge point`);
    if (ctx.registrationStatus !== 'Accepted' && action !== 'BootNotification' && !this.triggers.isOpen(action)) {
      throw new OcppError('SecurityError', `Charge point is ${ctx.registrationStatus}; only BootNotification and triggered messages are accepted`);
    }
    const answer = handleCall(ctx, action, payload);
    return answer instanceof Promise ? answer.catch((error: unknown) => this.storageError(action, error)) : answer;
  }

  private storageError(action: string, error: unknown): never {
    const { ctx } = this;
    if (!OUT_OF_RANGE_SQLSTATES.has(sqlState(error) ?? '')) throw error;
    // The validator should have refused the value: worth a look, but the charger's fault, not ours.
    ctx.app.log.warn({ tenantId: ctx.tenantId, chargePointId: ctx.chargePointId, action, err: error }, 'a value PostgreSQL cannot store got past validation');
    throw new OcppError('PropertyConstraintViolation', `${action}.req holds a value out of the range the CSMS can store`);
  }
}
