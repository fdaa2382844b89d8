import type { StatusNotificationRequest } from '../../ocpp/generated/ocpp16';
import { isDataError } from '../../platform/async';
import { clock } from '../../platform/clock';
import type { Orm } from '../../platform/db';
import { GroupCommit } from '../../platform/group-commit';
import { withEvents, type EventOutbox } from '../event/event-outbox';
import type { NewEvent } from '../event/event-types';

interface StatusWrite {
  tenantId: string;
  chargePointId: string;
  status: StatusNotificationRequest;
}

/**
 * Each notification's history row, its connector's state (a notification buffered offline that is older
 * than the stored state goes to history only) and its CONNECTOR_STATUS_CHANGED event: one statement for a
 * whole batch, from one jsonb parameter. Rows name their tenant, so a batch may span tenants. ON CONFLICT
 * DO UPDATE cannot touch a connector twice in one statement: of two notifications for one connector in a
 * batch (a charge point sends one call at a time, so only one connected twice at once can), the later.
 */
const STATUS_CTES = `v as (
       select i, tenant_id, charge_point_id, connector_id, status, error_code, info, vendor_id, vendor_error_code, timestamp, received_at
         from jsonb_to_recordset(?::jsonb) as x(i integer, tenant_id uuid, charge_point_id varchar, connector_id integer, status varchar, error_code varchar,
              info varchar, vendor_id varchar, vendor_error_code varchar, timestamp timestamptz, received_at timestamptz)
     ), history as (
       insert into status_notification (tenant_id, charge_point_id, connector_id, status, error_code, info, vendor_id, vendor_error_code, timestamp, received_at)
       select tenant_id, charge_point_id, connector_id, status, error_code, info, vendor_id, vendor_error_code, timestamp, received_at from v order by i
     ), latest as (
       insert into connector (pk, tenant_id, charge_point_id, connector_id, status, error_code, info, vendor_id, vendor_error_code, timestamp, updated_at)
       select distinct on (tenant_id, charge_point_id, connector_id)
              gen_random_uuid(), tenant_id, charge_point_id, connector_id, status, error_code, info, vendor_id, vendor_error_code, timestamp, received_at
         from v order by tenant_id, charge_point_id, connector_id, i desc
       on conflict (tenant_id, charge_point_id, connector_id) do update
          set status = excluded.status, error_code = excluded.error_code, info = excluded.info, vendor_id = excluded.vendor_id,
              vendor_error_code = excluded.vendor_error_code, timestamp = excluded.timestamp, updated_at = excluded.updated_at
        where connector.timestamp is null or excluded.timestamp is null or excluded.timestamp >= connector.timestamp
     )`;

/**
 * StatusNotifications, stored before each is answered and group-committed (as MeterValues are): while a
 * statement is in flight, those that arrive meanwhile go together in the next one. Every event takes its
 * tenant's sequence counter row until its commit, so one statement per notification made a tenant's
 * reconnect storm queue on that row (and hold pool connections meanwhile); a batch takes it once. A
 * statement that fails on a value is split until the bad notification fails alone.
 */
export class StatusNotificationWriter {
  private readonly commits = new GroupCommit<StatusWrite, void>((writes) => this.write(writes), {
    maxInFlight: 2,
    maxBatch: 500,
    maxWaiting: 20_000,
    splitOn: isDataError,
  });

  constructor(
    private readonly orm: Orm,
    private readonly outbox: EventOutbox,
  ) {}

  record(tenantId: string, chargePointId: string, status: StatusNotificationRequest): Promise<void> {
    return this.commits.submit({ tenantId, chargePointId, status });
  }

  /** Resolves once every notification handed in so far is written (or failed): for shutdown. */
  drain(): Promise<void> {
    return this.commits.drain();
  }

  private async write(writes: StatusWrite[]): Promise<void[]> {
    const now = clock.now();
    const rows = writes.map(({ tenantId, chargePointId, status }, i) => ({
      i,
      tenant_id: tenantId,
      charge_point_id: chargePointId,
      connector_id: status.connectorId,
      status: status.status,
      error_code: status.errorCode,
      info: status.info ?? null,
      vendor_id: status.vendorId ?? null,
      vendor_error_code: status.vendorErrorCode ?? null,
      timestamp: status.timestamp ? new Date(status.timestamp).toISOString() : null,
      received_at: now.toISOString(),
    }));
    const events: NewEvent[] = rows.map((row) => ({
      type: 'CONNECTOR_STATUS_CHANGED',
      tenantId: row.tenant_id,
      chargePointId: row.charge_point_id,
      payload: {
        chargePointId: row.charge_point_id,
        connectorId: row.connector_id,
        status: row.status,
        errorCode: row.error_code,
        info: row.info,
        vendorId: row.vendor_id,
        vendorErrorCode: row.vendor_error_code,
        timestamp: row.timestamp,
        updatedAt: row.received_at,
      },
    }));
    this.outbox.committed(await withEvents(this.orm, STATUS_CTES, [JSON.stringify(rows)], events));
    return writes.map(() => undefined);
  }
}
