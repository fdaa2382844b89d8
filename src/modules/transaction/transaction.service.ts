import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { platformEm, platformSql, tenantSql, type Orm, type TenantEm } from '../../platform/db';
import { withEvents, type EventOutbox } from '../event/event-outbox';
import type { NewEvent } from '../event/event-types';
import { isDataError } from '../../platform/async';
import { GroupCommit } from '../../platform/group-commit';
import { clock } from '../../platform/clock';
import { authorizeIdTag, type IdTagInfo } from '../authorization/authorization.service';
import { idTagKey } from '../authorization/id-tag.entity';
import { applyReservations, consumeReservation } from '../reservation/reservation.service';
import { MeterValue, type SampledValue } from './meter-value.entity';
import { ChargingTransaction, type TransactionState } from './transaction.entity';
import type { MeterValuesRequest, StartTransactionRequest, StopTransactionRequest } from '../../ocpp/generated/ocpp16';

/** One MeterValue as a charge point sends it (MeterValues, StopTransaction.transactionData). */
type OcppMeterValue = MeterValuesRequest['meterValue'][number];

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
export async function startTransaction(em: TenantEm, tenantId: string, chargePointId: string, request: StartTransactionRequest) {
  const key = idTagKey(request.idTag);
  const startTimestamp = new Date(request.timestamp);
  const sameStart = { chargePointId, connectorId: request.connectorId, idTagKey: key, startTimestamp };
  const existing = await em.findOne(ChargingTransaction, sameStart);
  if (existing) return { transaction: existing, idTagInfo: await verdictFor(em, existing), created: false };
  try {
    return await em.transactional(async (tx) => {
      // One start per tenant and id tag decides at a time, on every node: ConcurrentTx is checked and the
      // start recorded under the same lock, so of simultaneous starts with one tag at most one is Accepted.
      await tenantSql(tx, 'select pg_advisory_xact_lock(hashtext($tenant::text), hashtext(?))', [key]);
      const repeated = await tx.findOne(ChargingTransaction, sameStart);
      if (repeated) return { transaction: repeated, idTagInfo: await verdictFor(tx, repeated), created: false };
      return { ...(await recordStart(tx, tenantId, chargePointId, request, key)), created: true };
    });
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    // The same start arrived twice at once: answer with the one that won.
    const winner = await em.fork().findOneOrFail(ChargingTransaction, sameStart);
    return { transaction: winner, idTagInfo: await verdictFor(em, winner), created: false };
  }
}

async function recordStart(tx: TenantEm, tenantId: string, chargePointId: string, request: StartTransactionRequest, key: string) {
  const verdict = await authorizeIdTag(tx, request.idTag, { startingAt: { chargePointId, connectorId: request.connectorId } });
  const reservationId = knownIdOrNull(request.reservationId);
  const idTagInfo = await applyReservations(tx, chargePointId, verdict, request.idTag, { connectorId: request.connectorId, reservationId: reservationId ?? undefined });
  const transaction = tx.create(ChargingTransaction, {
    tenantId,
    chargePointId,
    connectorId: request.connectorId,
    idTag: request.idTag,
    idTagKey: key,
    startStatus: idTagInfo.status,
    state: idTagInfo.status === 'Accepted' ? 'ACTIVE' : 'REFUSED',
    startTimestamp: new Date(request.timestamp),
    meterStart: request.meterStart,
    reservationId,
    createdAt: clock.now(),
  });
  await tx.flush();
  // The transaction names the reservation it used: the one it gave, if it may use it, or its group's own on
  // this connector; a reservationId it may not use is not kept.
  const used = idTagInfo.status === 'Accepted' ? await consumeReservation(tx, chargePointId, transaction, idTagInfo.parentIdTag) : null;
  if ((used?.id ?? null) !== transaction.reservationId) {
    transaction.reservationId = used?.id ?? null;
    await tx.flush();
  }
  return { transaction, idTagInfo };
}

async function verdictFor(em: TenantEm, transaction: ChargingTransaction): Promise<IdTagInfo> {
  const info = await authorizeIdTag(em, transaction.idTag);
  return { ...info, status: transaction.startStatus as IdTagInfo['status'] };
}

/**
 * Records a StopTransaction. It is always accepted: an unknown or foreign transactionId still has its
 * meter values stored (without a transaction link), and a repeated stop changes nothing.
 */
export async function stopTransaction(em: TenantEm, tenantId: string, chargePointId: string, request: StopTransactionRequest) {
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
      // An abandoned transaction that stops after all is stopped, with its real meterStop; a refused one stays refused.
      if (transaction.state !== 'REFUSED') transaction.state = 'STOPPED';
      stopped = true;
      if (request.transactionData?.length) {
        await insertMeterValuesOnce(tx, meterValueRows(tenantId, chargePointId, connectorId, linkedId, request.transactionData));
      }
    } else if (!transaction && request.transactionData?.length) {
      await insertMeterValuesOnce(tx, meterValueRows(tenantId, chargePointId, connectorId, null, request.transactionData));
    }
    return { transaction, stopped };
  });
  return { ...result, idTagInfo };
}

/** Values already stored (the same request resent, or sent before by MeterValues) are skipped, not refused. */
async function insertMeterValuesOnce(em: TenantEm, rows: ReturnType<typeof meterValueRows>): Promise<void> {
  await em.createQueryBuilder(MeterValue).insert(rows).onConflict().ignore().execute();
}

/** The columns of a transaction the API and events show. */
export type TransactionFields = Pick<
  ChargingTransaction,
  | 'id'
  | 'chargePointId'
  | 'connectorId'
  | 'idTag'
  | 'startTimestamp'
  | 'stopTimestamp'
  | 'meterStart'
  | 'meterStop'
  | 'stopReason'
  | 'reservationId'
  | 'state'
  | 'abandonedBy'
  | 'abandonedAt'
>;

/** One MeterValues request, as the group-committed writer takes it. */
type MeterValuesWrite = MeterValuesRequest & { tenantId: string; chargePointId: string };

/**
 * Stores MeterValues requests durably before they are answered, group-committed: while a statement is in
 * flight, the requests that arrive meanwhile wait and go together in the next one (a few statements in
 * flight at most), so under load many chargers' meter values cost one INSERT instead of one each, and a
 * lone request is written at once. Each request's values are linked to its transaction only if that is
 * its charge point's, in its tenant (both bound per row); each gets that transaction back, if any. A
 * statement that fails on a value is split until the bad request fails alone. Values already stored (a
 * request resent after a crash) are skipped by the unique index meter_value_sample_unique.
 */
export class MeterValuesWriter {
  private readonly commits: GroupCommit<MeterValuesWrite, TransactionFields | null>;

  constructor(
    private readonly orm: Orm,
    private readonly outbox: EventOutbox,
  ) {
    this.commits = new GroupCommit((writes) => this.insert(writes), { maxInFlight: 4, maxBatch: 500, maxWaiting: 20_000, splitOn: isDataError });
  }

  record(write: MeterValuesWrite): Promise<TransactionFields | null> {
    return this.commits.submit(write);
  }

  /** Resolves once every request handed in so far is written (or failed): for shutdown. */
  drain(): Promise<void> {
    return this.commits.drain();
  }

  /**
   * The values and the TRANSACTION_UPDATED events of the linked ones commit together, in one statement.
   * The transactions are read first, and only when some request names one: a link depends only on columns
   * a transaction never changes (tenant, charge point, id), so the statement links the same ones.
   */
  private async insert(writes: MeterValuesWrite[]): Promise<Array<TransactionFields | null>> {
    const input = writes.map((w, i) => ({
      i,
      tenant_id: w.tenantId,
      charge_point_id: w.chargePointId,
      connector_id: w.connectorId,
      transaction_id: knownIdOrNull(w.transactionId),
      meter_value: w.meterValue.map((mv) => ({ timestamp: new Date(mv.timestamp).toISOString(), sampledValue: mv.sampledValue.map(withSampledValueDefaults) })),
    }));
    const json = JSON.stringify(input);
    const scope = platformEm(this.orm);
    // Deliberately across tenants (a group commit): each request's rows bind its own tenant_id.
    const rows = input.some((x) => x.transaction_id !== null) ? await platformSql<TransactionRow & { i: number }>(scope, `with ${INPUT_AND_LINKED} select * from linked`, [json]) : [];
    const linked = new Map(rows.map((row) => [row.i, transactionFields(row)]));
    const events: NewEvent[] = [];
    writes.forEach((write, i) => {
      const transaction = linked.get(i);
      if (!transaction) return;
      const payload = { ...transactionView(transaction), event: 'METER_VALUES' as const, meterValue: write.meterValue };
      events.push({ type: 'TRANSACTION_UPDATED', tenantId: write.tenantId, chargePointId: write.chargePointId, payload });
    });
    const stored = `${INPUT_AND_LINKED}, meter_rows as (
         insert into meter_value (tenant_id, charge_point_id, connector_id, transaction_id, timestamp, sampled_value, received_at)
         select x.tenant_id, x.charge_point_id, x.connector_id, l.id, (e.value->>'timestamp')::timestamptz, e.value->'sampledValue', ?::timestamptz
           from input x
           left join linked l on l.i = x.i
           cross join lateral jsonb_array_elements(x.meter_value) with ordinality as e(value, position)
          order by x.i, e.position
         on conflict do nothing
       )`;
    this.outbox.committed(await withEvents(scope, stored, [json, clock.now()], events));
    return writes.map((_, i) => linked.get(i) ?? null);
  }
}

/** The requests (one jsonb parameter) and the transactions they name, each only its charge point's, in its tenant. */
const INPUT_AND_LINKED = `input as (
         select * from jsonb_to_recordset(?::jsonb)
           as x(i integer, tenant_id uuid, charge_point_id varchar, connector_id integer, transaction_id integer, meter_value jsonb)
       ), linked as (
         select x.i, t.id, t.charge_point_id, t.connector_id, t.id_tag, t.start_timestamp, t.stop_timestamp, t.meter_start, t.meter_stop, t.stop_reason, t.reservation_id,
                t.state, t.abandoned_by, t.abandoned_at
           from input x join charging_transaction t
             on t.tenant_id = x.tenant_id and t.charge_point_id = x.charge_point_id and t.id = x.transaction_id
       )`;

/** As the driver gives it: the ORM's pg setup leaves timestamps as PostgreSQL's text, and bigints as strings. */
export interface TransactionRow {
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
  state: TransactionState;
  abandoned_by: string | null;
  abandoned_at: string | null;
}

export function transactionFields(row: TransactionRow): TransactionFields {
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
    state: row.state,
    abandonedBy: row.abandoned_by,
    abandonedAt: row.abandoned_at === null ? null : new Date(row.abandoned_at),
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
    state: t.state,
    abandonedBy: t.abandonedBy ?? null,
    abandonedAt: t.abandonedAt?.toISOString() ?? null,
  };
}

