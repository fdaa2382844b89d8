import { tenantSql, type Orm, type TenantEm } from '../../platform/db';
import { withEventsOf, type Appended, type EventOutbox } from '../event/event-outbox';
import { isDataError } from '../../platform/async';
import { GroupCommit } from '../../platform/group-commit';
import { clock } from '../../platform/clock';
import { authorizeIdTag, idTagInfoOf, type IdTagInfo, type IdTagRow } from '../authorization/authorization.service';
import { idTagKey } from '../authorization/id-tag.entity';
import { applyReservations, reservationToConsume } from '../reservation/reservation.service';
import { PENDING_TX_PROFILE_MS } from '../smart-charging/smart-charging.service';
import type { SampledValue } from './meter-value.entity';
import type { ChargingTransaction, TransactionState } from './transaction.entity';
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

/**
 * The transaction and reservation ids a charger sends back were assigned by the CSMS, so they fit a
 * PostgreSQL integer; one that does not is unknown, and must not reach a query on an integer column.
 */
function knownIdOrNull(id: number | undefined): number | null {
  return id !== undefined && Number.isSafeInteger(id) && id >= -(2 ** 31) && id < 2 ** 31 ? id : null;
}

/** What a StartTransaction or StopTransaction recorded, for its handler: the events to publish, the group to rebalance. */
interface Recorded {
  appended: Appended;
  /** The charge point's site-limit group, if it is in one. */
  groupId: string | null;
}

/** As the start's and stop's statements answer: rows as `to_jsonb` writes them. */
type StartRow = { started: (TransactionRow & { start_status: string }) | null; tag: IdTagRow | null; created: boolean; abandoned: number; group_id: string | null };
type StopRow = { tag: IdTagRow | null; stopped: TransactionRow | null; found: boolean; group_id: string | null };

/** The events a function of the change (CTE `change`, column `r`) answers in `r.events`, for withEventsOf. */
const FUNCTION_EVENTS = `new_events as (
       select (e->>'i')::integer as i, (e->>'tenant_id')::uuid as tenant_id, e->>'type' as type, e->>'charge_point_id' as charge_point_id, e->'payload' as payload
         from change cross join lateral jsonb_array_elements(change.r->'events') e
     )`;

/** What the function answers besides its events. */
const FUNCTION_RESULT = `(select r - 'events' from change) as r`;

/**
 * StartTransaction in one statement: the function qcharge_start_transaction (its migration,
 * Migration20261206230000_start_transaction_function, says what it does: the advisory lock per tenant and id
 * tag, a repeated start, the tag's verdict with ConcurrentTx, the start, what it supersedes on its connector,
 * a remote start's pending TxProfile), whose plan PostgreSQL keeps per connection, and the events it answers
 * stored by the same statement. Reservations are judged here (applyReservations): when some reservation of
 * the charge point could play a part, the function records nothing and says so (`started` null), and the
 * start is decided again in a transaction, the verdict and the reservation to consume handed in.
 */
const START_SQL = `change as materialized (
       select qcharge_start_transaction($tenant::uuid, ?, ?, ?, ?, ?::timestamptz, ?, ?::timestamptz, ?, ?, ?, ?, ?::timestamptz) as r
     ), ${FUNCTION_EVENTS}`;

/** One start per tenant and id tag at a time (until its transaction ends); the function takes the same lock. */
const LOCK = 'select pg_advisory_xact_lock(hashtext($tenant::uuid::text), hashtext(?))';

/**
 * Records a StartTransaction durably (with what it supersedes, its pending TxProfile and its events) and
 * returns its transaction. A transaction is recorded even when the id tag is not accepted (the charger then
 * stops it itself). A repeated StartTransaction (same charge point, connector, id tag and timestamp) gets
 * the first one's id and verdict.
 */
export async function startTransaction(em: TenantEm, chargePointId: string, request: StartTransactionRequest) {
  const key = idTagKey(request.idTag);
  const reservationId = knownIdOrNull(request.reservationId);
  const run = async (scope: TenantEm, decided: { status: IdTagInfo['status']; reservationId: number | null } | null) => {
    const startTimestamp = new Date(request.timestamp);
    const now = clock.now();
    const params = [
      chargePointId, request.connectorId, request.idTag, key, startTimestamp, request.meterStart, now, startTimestamp.toISOString(),
      reservationId, decided?.status ?? null, decided?.reservationId ?? null, new Date(now.getTime() - PENDING_TX_PROFILE_MS),
    ];
    const { row, appended } = await withEventsOf<{ r: StartRow }>(scope, START_SQL, params, FUNCTION_RESULT);
    return { row: row.r, appended };
  };
  let { row, appended } = await run(em, null);
  if (!row.started) {
    // Some reservation of this charge point may play a part: decided under the same lock, in a transaction.
    ({ row, appended } = await em.transactional(async (tx) => {
      await tenantSql(tx, LOCK, [key]);
      const verdict = await authorizeIdTag(tx, request.idTag, { startingAt: { chargePointId, connectorId: request.connectorId } });
      const info = await applyReservations(tx, chargePointId, verdict, request.idTag, { connectorId: request.connectorId, reservationId: reservationId ?? undefined });
      const used = info.status === 'Accepted' ? await reservationToConsume(tx, chargePointId, { connectorId: request.connectorId, idTag: request.idTag, reservationId }, info.parentIdTag) : null;
      return run(tx, { status: info.status, reservationId: used?.id ?? null });
    }));
  }
  const transaction = transactionFields(row.started!);
  const idTagInfo: IdTagInfo = { ...idTagInfoOf(row.tag), status: row.started!.start_status as IdTagInfo['status'] };
  const recorded: Recorded = { appended, groupId: row.group_id };
  return { transaction, idTagInfo, created: row.created, abandoned: row.abandoned, ...recorded };
}

/**
 * StopTransaction in one statement: the function qcharge_stop_transaction (its migration,
 * Migration20261206233000_stop_transaction_function, says what it does: the tag's verdict for the answer,
 * the stop, its transactionData, its TxProfiles removed), whose plan PostgreSQL keeps per connection, and the
 * TRANSACTION_STOPPED event it answers stored by the same statement.
 */
const STOP_SQL = `change as materialized (
       select qcharge_stop_transaction($tenant::uuid, ?, ?, ?, ?::timestamptz, ?, ?, ?, ?::timestamptz, ?::jsonb) as r
     ), ${FUNCTION_EVENTS}`;

/**
 * Records a StopTransaction. It is always accepted: an unknown or foreign transactionId still has its
 * meter values stored (without a transaction link), and a repeated stop changes nothing.
 */
export async function stopTransaction(em: TenantEm, chargePointId: string, request: StopTransactionRequest) {
  const values = (request.transactionData ?? []).map((mv) => ({ timestamp: new Date(mv.timestamp).toISOString(), sampledValue: mv.sampledValue.map(withSampledValueDefaults) }));
  const params = [
    knownIdOrNull(request.transactionId), chargePointId, request.idTag === undefined ? null : idTagKey(request.idTag), new Date(request.timestamp),
    request.meterStop, request.reason ?? 'Local', request.idTag ?? null, clock.now(), JSON.stringify(values),
  ];
  const { row: { r: row }, appended } = await withEventsOf<{ r: StopRow }>(em, STOP_SQL, params, FUNCTION_RESULT);
  const idTagInfo = request.idTag !== undefined ? idTagInfoOf(row.tag) : undefined;
  const recorded: Recorded = { appended, groupId: row.group_id };
  return { stopped: row.stopped ? transactionFields(row.stopped) : null, idTagInfo, ...recorded };
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
    // One batch in flight: the MeterValues that arrive meanwhile go together in the next. With four, a
    // 10,000-charger steady state sent 2-4x as many statements, each locking the tenant's event counter
    // row until commit, and StartTransaction/StopTransaction queued behind them (PostgreSQL 80% vs 60% CPU).
    this.commits = new GroupCommit((writes) => this.insert(writes), { maxInFlight: 1, maxBatch: 500, maxWaiting: 20_000, splitOn: isDataError });
  }

  record(write: MeterValuesWrite): Promise<TransactionFields | null> {
    return this.commits.submit(write);
  }

  /** Resolves once every request handed in so far is written (or failed): for shutdown. */
  drain(): Promise<void> {
    return this.commits.drain();
  }

  /**
   * The values and the TRANSACTION_UPDATED events of the linked ones commit together, in one statement
   * that also answers the linked transactions. A link depends only on columns a transaction never changes
   * (tenant, charge point, id); the events show each transaction as that statement read it.
   */
  private async insert(writes: MeterValuesWrite[]): Promise<Array<TransactionFields | null>> {
    const input = writes.map((w, i) => {
      const transactionId = knownIdOrNull(w.transactionId);
      return {
        i,
        tenant_id: w.tenantId,
        charge_point_id: w.chargePointId,
        connector_id: w.connectorId,
        transaction_id: transactionId,
        meter_value: w.meterValue.map((mv) => ({ timestamp: new Date(mv.timestamp).toISOString(), sampledValue: mv.sampledValue.map(withSampledValueDefaults) })),
        // The values as the charger sent them, for the event of a request that names a transaction.
        sent: transactionId === null ? null : w.meterValue,
      };
    });
    // Deliberately across tenants (a group commit): each request's rows bind its own tenant_id.
    const { row: { r: row }, appended } = await withEventsOf<{ r: { linked: Array<TransactionRow & { i: number }> } }>(
      this.orm,
      METER_VALUES_SQL,
      [JSON.stringify(input), clock.now()],
      FUNCTION_RESULT,
    );
    this.outbox.committed(appended);
    const linked = new Map(row.linked.map((l) => [l.i, transactionFields(l)]));
    return writes.map((_, i) => linked.get(i) ?? null);
  }
}

/**
 * The function qcharge_store_meter_values (its migration, Migration20261206234000_meter_values_function, says
 * what it does: the links, the values, a TRANSACTION_UPDATED event per linked request), whose plan PostgreSQL
 * keeps per connection, and the events it answers stored by the same statement.
 */
const METER_VALUES_SQL = `change as materialized (
         select qcharge_store_meter_values(?::jsonb, ?::timestamptz) as r
       ), ${FUNCTION_EVENTS}`;

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

/**
 * The transaction as the API and the transactionUpdated event show it. The functions qcharge_start_transaction,
 * qcharge_stop_transaction and qcharge_store_meter_values (migrations) write the same payload in SQL.
 */
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

