import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { sqlRows, type Orm, type TenantEm } from '../../platform/db';
import { clock } from '../../platform/clock';
import { authorizeIdTag, type IdTagInfo } from '../authorization/authorization.service';
import { idTagKey } from '../authorization/id-tag.entity';
import { applyReservations, consumeReservation } from '../reservation/reservation.service';
import { MeterValue, type SampledValue } from './meter-value.entity';
import { ChargingTransaction } from './transaction.entity';

export interface OcppMeterValue {
  timestamp: string;
  sampledValue: Array<Partial<SampledValue> & { value: string }>;
}

export interface StartRequest {
  connectorId: number;
  idTag: string;
  meterStart: number;
  reservationId?: number;
  timestamp: string;
}

export interface StopRequest {
  idTag?: string;
  meterStop: number;
  timestamp: string;
  transactionId: number;
  reason?: string;
  transactionData?: OcppMeterValue[];
}

/**
 * OCPP's defaults for the optional SampledValue fields, so stored values are complete. The unit has a
 * default (Wh) only for an Energy measurand; any other measurand without a unit keeps none.
 */
export function withSampledValueDefaults(value: OcppMeterValue['sampledValue'][number]): SampledValue {
  const measurand = value.measurand ?? 'Energy.Active.Import.Register';
  return {
    value: value.value,
    context: value.context ?? 'Sample.Periodic',
    format: value.format ?? 'Raw',
    measurand,
    phase: value.phase ?? null,
    location: value.location ?? 'Outlet',
    unit: value.unit ?? (measurand.startsWith('Energy.') ? 'Wh' : null),
  };
}

export function meterValueRows(tenantId: string, chargePointId: string, connectorId: number, transactionId: number | null, values: OcppMeterValue[]) {
  const receivedAt = clock.now();
  return values.map((mv) => ({
    tenantId,
    chargePointId,
    connectorId,
    transactionId,
    timestamp: new Date(mv.timestamp),
    sampledValue: mv.sampledValue.map(withSampledValueDefaults),
    receivedAt,
  }));
}

/**
 * The transaction and reservation ids a charger sends back were assigned by the CSMS, so they fit a
 * PostgreSQL integer; one that does not is unknown, and must not reach a query on an integer column.
 */
function knownIdOrNull(id: number | undefined): number | null {
  return id !== undefined && Number.isSafeInteger(id) && id >= -(2 ** 31) && id < 2 ** 31 ? id : null;
}

/**
 * Records a StartTransaction durably and returns its transactionId. A transaction is recorded even when
 * the id tag is not accepted (the charger then stops it itself). A repeated StartTransaction (same charge
 * point, connector, id tag and timestamp) gets the first one's id and verdict.
 */
export async function startTransaction(em: TenantEm, tenantId: string, chargePointId: string, request: StartRequest) {
  const key = idTagKey(request.idTag);
  const startTimestamp = new Date(request.timestamp);
  const existing = await em.findOne(ChargingTransaction, { chargePointId, connectorId: request.connectorId, idTagKey: key, startTimestamp });
  if (existing) return { transaction: existing, idTagInfo: await verdictFor(em, existing), created: false };
  const verdict = await authorizeIdTag(em, request.idTag, { startingAt: { chargePointId, connectorId: request.connectorId } });
  const reservationId = knownIdOrNull(request.reservationId);
  const idTagInfo = await applyReservations(em, chargePointId, verdict, request.idTag, { connectorId: request.connectorId, reservationId: reservationId ?? undefined });
  const transaction = em.create(ChargingTransaction, {
    tenantId,
    chargePointId,
    connectorId: request.connectorId,
    idTag: request.idTag,
    idTagKey: key,
    startStatus: idTagInfo.status,
    startTimestamp,
    meterStart: request.meterStart,
    reservationId,
    createdAt: clock.now(),
  });
  try {
    await em.persistAndFlush(transaction);
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    // The same start arrived twice at once: answer with the one that won.
    const winner = await em.fork().findOneOrFail(ChargingTransaction, { chargePointId, connectorId: request.connectorId, idTagKey: key, startTimestamp });
    return { transaction: winner, idTagInfo: await verdictFor(em, winner), created: false };
  }
  // The transaction names the reservation it used: the one it gave, if it may use it, or its group's own on
  // this connector; a reservationId it may not use is not kept.
  const used = idTagInfo.status === 'Accepted' ? await consumeReservation(em, chargePointId, transaction, idTagInfo.parentIdTag) : null;
  if ((used?.id ?? null) !== transaction.reservationId) {
    transaction.reservationId = used?.id ?? null;
    await em.flush();
  }
  return { transaction, idTagInfo, created: true };
}

async function verdictFor(em: TenantEm, transaction: ChargingTransaction): Promise<IdTagInfo> {
  const info = await authorizeIdTag(em, transaction.idTag);
  return { ...info, status: transaction.startStatus as IdTagInfo['status'] };
}

/**
 * Records a StopTransaction. It is always accepted: an unknown or foreign transactionId still has its
 * meter values stored (without a transaction link), and a repeated stop changes nothing.
 */
export async function stopTransaction(em: TenantEm, tenantId: string, chargePointId: string, request: StopRequest) {
  const idTagInfo = request.idTag !== undefined ? await authorizeIdTag(em, request.idTag) : undefined;
  const result = await em.transactional(async (tx) => {
    const transactionId = knownIdOrNull(request.transactionId);
    const transaction = transactionId === null ? null : await tx.findOne(ChargingTransaction, { id: transactionId, chargePointId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const linkedId = transaction ? transaction.id : null;
    const connectorId = transaction?.connectorId ?? 0;
    let stopped = false;
    if (transaction && !transaction.stopTimestamp) {
      transaction.stopTimestamp = new Date(request.timestamp);
      transaction.meterStop = request.meterStop;
      transaction.stopReason = request.reason ?? 'Local';
      transaction.stopIdTag = request.idTag ?? null;
      transaction.stoppedAt = clock.now();
      stopped = true;
      if (request.transactionData?.length) {
        await tx.insertMany(MeterValue, meterValueRows(tenantId, chargePointId, connectorId, linkedId, request.transactionData));
      }
    } else if (!transaction && request.transactionData?.length) {
      await tx.insertMany(MeterValue, meterValueRows(tenantId, chargePointId, connectorId, null, request.transactionData));
    }
    return { transaction, stopped };
  });
  return { ...result, idTagInfo };
}

/** The columns of a transaction the API and events show. */
export type TransactionFields = Pick<
  ChargingTransaction,
  'id' | 'chargePointId' | 'connectorId' | 'idTag' | 'startTimestamp' | 'stopTimestamp' | 'meterStart' | 'meterStop' | 'stopReason' | 'reservationId'
>;

/**
 * Stores a MeterValues request in one statement: all its meter values in one insert, linked to the
 * transaction only if it is this charge point's (in this tenant); returns that transaction, if any. The
 * values travel as one JSON parameter, so the statement's shape does not depend on how many there are.
 */
export async function recordMeterValues(
  orm: Orm,
  tenantId: string,
  chargePointId: string,
  request: { connectorId: number; transactionId?: number; meterValue: OcppMeterValue[] },
): Promise<TransactionFields | null> {
  const values = request.meterValue.map((mv) => ({ timestamp: new Date(mv.timestamp).toISOString(), sampledValue: mv.sampledValue.map(withSampledValueDefaults) }));
  const rows = await sqlRows<TransactionRow>(
    orm,
    `with linked as (
       select id, charge_point_id, connector_id, id_tag, start_timestamp, stop_timestamp, meter_start, meter_stop, stop_reason, reservation_id
         from charging_transaction
        where tenant_id = ? and charge_point_id = ? and id = ?::integer
     ), stored as (
       insert into meter_value (tenant_id, charge_point_id, connector_id, transaction_id, timestamp, sampled_value, received_at)
       select ?::uuid, ?::varchar, ?::integer, (select id from linked), (e.value->>'timestamp')::timestamptz, e.value->'sampledValue', ?::timestamptz
         from jsonb_array_elements(?::jsonb) with ordinality as e(value, position)
        order by e.position
     )
     select * from linked`,
    [tenantId, chargePointId, knownIdOrNull(request.transactionId), tenantId, chargePointId, request.connectorId, clock.now(), JSON.stringify(values)],
  );
  return rows[0] ? transactionFields(rows[0]) : null;
}

/** As the driver gives it: the ORM's pg setup leaves timestamps as PostgreSQL's text, and bigints as strings. */
interface TransactionRow {
  id: number;
  charge_point_id: string;
  connector_id: number;
  id_tag: string;
  start_timestamp: string;
  stop_timestamp: string | null;
  meter_start: string;
  meter_stop: string | null;
  stop_reason: string | null;
  reservation_id: number | null;
}

function transactionFields(row: TransactionRow): TransactionFields {
  return {
    id: row.id,
    chargePointId: row.charge_point_id,
    connectorId: row.connector_id,
    idTag: row.id_tag,
    startTimestamp: new Date(row.start_timestamp),
    stopTimestamp: row.stop_timestamp === null ? null : new Date(row.stop_timestamp),
    meterStart: Number(row.meter_start),
    meterStop: row.meter_stop === null ? null : Number(row.meter_stop),
    stopReason: row.stop_reason,
    reservationId: row.reservation_id,
  };
}

/** The transaction as the API and the transactionUpdated event show it. */
export function transactionView(t: TransactionFields) {
  return {
    id: t.id,
    chargePointId: t.chargePointId,
    connectorId: t.connectorId,
    idTag: t.idTag,
    startTimestamp: t.startTimestamp.toISOString(),
    stopTimestamp: t.stopTimestamp?.toISOString() ?? null,
    meterStart: t.meterStart,
    meterStop: t.meterStop ?? null,
    energyWh: t.meterStop != null ? t.meterStop - t.meterStart : null,
    stopReason: t.stopReason ?? null,
    reservationId: t.reservationId ?? null,
  };
}
