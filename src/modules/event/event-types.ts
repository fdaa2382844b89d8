import type { MeterValuesRequest } from '../../ocpp/generated/ocpp16';
import type { commandView } from '../command/command.service';
import type { reservationView } from '../reservation/reservation.service';
import type { SecurityEventSource } from '../security/security-event.entity';
import type { transactionView } from '../transaction/transaction.service';

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

/** The live subscriptions: one per kind of change, and every OCPP frame; 'logged' = stored, fed to none of them. */
export const LIVE_EVENT_TYPES = ['ocppMessage', 'chargePointConnectionChanged', 'connectorStatusChanged', 'transactionUpdated', 'commandUpdated', 'logged'] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

/** The older per-type live subscriptions each event also feeds; 'logged' = none of them. */
export const LIVE_TYPE = {
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
} as const satisfies Record<EventLogType, LiveEventType>;

type ConnectionChange = {
  chargePointId: string;
  connected: boolean;
  at: string;
};

type ConnectorStatusChange = {
  chargePointId: string;
  connectorId: number;
  status: string;
  errorCode: string;
  info: string | null;
  vendorId: string | null;
  vendorErrorCode: string | null;
  timestamp: string | null;
  updatedAt: string;
};

type TransactionChange = ReturnType<typeof transactionView> &
  ({ event: 'STARTED' | 'STOPPED' | 'ABANDONED' } | { event: 'METER_VALUES'; meterValue: MeterValuesRequest['meterValue'] });

type StatusReport = {
  chargePointId: string;
  status: string;
  receivedAt: string;
};

/** What each type of event carries (CONTRACT "Events for integrators"); every payload names its charge point. */
interface EventPayloads {
  CHARGE_POINT_CONNECTED: ConnectionChange;
  CHARGE_POINT_DISCONNECTED: ConnectionChange;
  CONNECTOR_STATUS_CHANGED: ConnectorStatusChange;
  TRANSACTION_STARTED: TransactionChange;
  TRANSACTION_UPDATED: TransactionChange;
  TRANSACTION_STOPPED: TransactionChange;
  COMMAND_UPDATED: ReturnType<typeof commandView>;
  RESERVATION_UPDATED: ReturnType<typeof reservationView>;
  FIRMWARE_STATUS_CHANGED: StatusReport;
  DIAGNOSTICS_STATUS_CHANGED: StatusReport;
  LOG_STATUS_CHANGED: { chargePointId: string; status: string; requestId: number | null; updatedAt: string };
  SECURITY_EVENT: { chargePointId: string; type: string; timestamp: string; techInfo: string | null; source: SecurityEventSource };
}

/** An event to store with the change it reports, one member per type. The payload always carries chargePointId. */
export type NewEvent = { [T in EventLogType]: { tenantId: string; chargePointId: string; type: T; payload: EventPayloads[T] } }[EventLogType];

/** An event as the log keeps it. */
export type StoredEvent = NewEvent & {
  id: string;
  sequence: number;
  occurredAt: string;
};

/** Every OCPP frame to and from a charge point (the ocppMessages subscription); not stored. */
type OcppMessage = {
  chargePointId: string;
  direction: 'IN' | 'OUT';
  messageTypeId: number;
  uniqueId: string;
  action: string | null;
  payload: unknown;
  errorCode: string | null;
  timestamp: string;
};

/** The types of stored event that feed live subscription `L`. */
type FeedingTypes<L extends LiveEventType> = { [T in EventLogType]: (typeof LIVE_TYPE)[T] extends L ? T : never }[EventLogType];

/** How an event of the log was stored, on its live copy. */
interface LoggedAs {
  id: string;
  sequence: number;
  type: EventLogType;
  occurredAt: string;
}

/** An event as live subscribers get it (through Redis, from any node), one member per subscription. */
export type LiveEvent =
  | { type: 'ocppMessage'; tenantId: string; chargePointId: string; payload: OcppMessage; logged?: undefined }
  | { [L in Exclude<LiveEventType, 'ocppMessage'>]: { type: L; tenantId: string; chargePointId: string; payload: EventPayloads[FeedingTypes<L>]; logged: LoggedAs } }[Exclude<
      LiveEventType,
      'ocppMessage'
    >];

export type LiveEventOf<L extends LiveEventType> = Extract<LiveEvent, { type: L }>;

export function isLiveEventOf<L extends LiveEventType>(event: LiveEvent, type: L): event is LiveEventOf<L> {
  return event.type === type;
}
