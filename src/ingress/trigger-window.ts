import type { FrameEvent } from '../ocpp/ocpp-session';
import { CALL, CALLRESULT } from '../ocpp/frames';

/** How long after an accepted TriggerMessage the requested message is answered though not Accepted. */
export const TRIGGER_WINDOW_MS = 60_000;

/**
 * While its registration is Pending, a charge point may send only what the CSMS asked for with
 * TriggerMessage (OCPP 1.6 §4.2.1). This watches one connection's frames: an outgoing TriggerMessage
 * answered Accepted opens a window in which the requested message (one or several: a StatusNotification
 * without connectorId comes once per connector) is handled as usual.
 */
export class TriggerWindow {
  private asked: { uniqueId: string; requestedMessage: string } | undefined;
  /** Made on the first accepted TriggerMessage (per-connection memory). */
  private openUntil: Map<string, number> | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  observe(event: FrameEvent): void {
    if (event.action !== 'TriggerMessage') return;
    if (event.direction === 'OUT' && event.messageTypeId === CALL) {
      const requestedMessage = (event.payload as { requestedMessage?: unknown } | undefined)?.requestedMessage;
      this.asked = typeof requestedMessage === 'string' ? { uniqueId: event.uniqueId, requestedMessage } : undefined;
      return;
    }
    if (event.direction === 'IN' && event.messageTypeId === CALLRESULT && this.asked?.uniqueId === event.uniqueId) {
      if ((event.payload as { status?: unknown } | undefined)?.status === 'Accepted') {
        (this.openUntil ??= new Map()).set(this.asked.requestedMessage, this.now() + TRIGGER_WINDOW_MS);
      }
      this.asked = undefined;
    }
  }

  isOpen(action: string): boolean {
    const until = this.openUntil?.get(action);
    return until !== undefined && until > this.now();
  }
}
