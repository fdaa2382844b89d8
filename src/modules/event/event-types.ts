import type { EventType as LiveEventType } from '../../platform/event-bus';

/** The event log's types (CONTRACT "Events for integrators"). */
export const EVENT_TYPES = [
  'CHARGE_POINT_CONNECTED',
  'CHARGE_POINT_DISCONNECTED',
  'CONNECTOR_STATUS_CHANGED',
  'TRANSACTION_STARTED',
  'TRANSACTION_UPDATED',
  'TRANSACTION_STOPPED',
  'COMMAND_UPDATED',
  'RESERVATION_UPDATED',
  'FIRMWARE_STATUS_CHANGED',
  'DIAGNOSTICS_STATUS_CHANGED',
  'LOG_STATUS_CHANGED',
  'SECURITY_EVENT',
] as const;

export type EventLogType = (typeof EVENT_TYPES)[number];

/** The older per-type live subscriptions each event also feeds; 'logged' = none of them. */
export const LIVE_TYPE: Record<EventLogType, LiveEventType> = {
  CHARGE_POINT_CONNECTED: 'chargePointConnectionChanged',
  CHARGE_POINT_DISCONNECTED: 'chargePointConnectionChanged',
  CONNECTOR_STATUS_CHANGED: 'connectorStatusChanged',
  TRANSACTION_STARTED: 'transactionUpdated',
  TRANSACTION_UPDATED: 'transactionUpdated',
  TRANSACTION_STOPPED: 'transactionUpdated',
  COMMAND_UPDATED: 'commandUpdated',
  RESERVATION_UPDATED: 'logged',
  FIRMWARE_STATUS_CHANGED: 'logged',
  DIAGNOSTICS_STATUS_CHANGED: 'logged',
  LOG_STATUS_CHANGED: 'logged',
  SECURITY_EVENT: 'logged',
};

/** An event to store with the change it reports. The payload always carries chargePointId. */
export interface NewEvent {
  tenantId: string;
  chargePointId: string;
  type: EventLogType;
  payload: Record<string, unknown>;
}

/** An event as the log keeps it. */
export interface StoredEvent extends NewEvent {
  id: string;
  sequence: number;
  occurredAt: string;
}
