import WebSocket from 'ws';
import type { FrameEvent } from '../ocpp/ocpp-session';
import { isChargePointAction } from '../ocpp/actions';
import type { Logger } from '../platform/logger';
import { ocppUndelivered, refusedIdTags, refusedStarts } from '../platform/metrics';

/**
 * What a charge point was not given: answers that never went out, and starts or id tags it was refused.
 * Logged at info with the message's uniqueId (the charge point is on the connection's logger) and counted.
 */

const ID_TAG_STATUSES: ReadonlySet<string> = new Set(['Blocked', 'Expired', 'Invalid', 'ConcurrentTx']);

/** Sends a frame if the socket is open; false when it could not go out. */
export function sendIfOpen(socket: WebSocket, text: string): boolean {
  if (socket.readyState !== WebSocket.OPEN) return false;
  socket.send(text);
  return true;
}

export function reportUndelivered(log: Logger, event: FrameEvent): void {
  const action = event.action !== undefined && isChargePointAction(event.action) ? event.action : 'other';
  ocppUndelivered.labels(action).inc();
  log.info({ uniqueId: event.uniqueId, action: event.action, messageTypeId: event.messageTypeId }, 'answer not delivered: the connection closed first');
}

/** Looks at each answer the CSMS sends: a refused StartTransaction or Authorize is reported. */
export function reportRefusal(log: () => Logger, event: FrameEvent): void {
  if (event.direction !== 'OUT' || event.messageTypeId !== 3) return;
  if (event.action !== 'StartTransaction' && event.action !== 'Authorize') return;
  const status = (event.payload as { idTagInfo?: { status?: string } } | undefined)?.idTagInfo?.status;
  if (status === undefined || status === 'Accepted') return;
  const label = ID_TAG_STATUSES.has(status) ? status : 'other';
  if (event.action === 'StartTransaction') {
    refusedStarts.labels(label).inc();
    log().info({ uniqueId: event.uniqueId, status, transactionId: (event.payload as { transactionId?: number }).transactionId }, 'start refused');
  } else {
    refusedIdTags.labels(label).inc();
    log().info({ uniqueId: event.uniqueId, status }, 'id tag refused');
  }
}
