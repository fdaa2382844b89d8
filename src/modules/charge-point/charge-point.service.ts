import { tenantSql, type TenantEm } from '../../platform/db';
import { withEvents } from '../event/event-outbox';
import { clock } from '../../platform/clock';
import type { BootNotificationRequest, StatusNotificationRequest } from '../../ocpp/generated/ocpp16';
import type { RegistrationStatus } from './charge-point.entity';

/**
 * Stores what BootNotification says about the charge point and decides the registration answer, in one
 * statement: the update returns the registration status and interval it answers with.
 */
export async function recordBoot(em: TenantEm, chargePointId: string, boot: BootNotificationRequest, defaultIntervalS: number) {
  const now = clock.now();
  const [cp] = await tenantSql<{ registration_status: RegistrationStatus; heartbeat_interval_s: number | null }>(
    em,
    `update charge_point
        set vendor = ?, model = ?, serial_number = ?, charge_box_serial_number = ?, firmware_version = ?,
            iccid = ?, imsi = ?, meter_type = ?, meter_serial_number = ?, last_boot_at = ?, last_seen_at = ?
      where tenant_id = $tenant and identity = ?
  returning registration_status, heartbeat_interval_s`,
    [
      boot.chargePointVendor,
      boot.chargePointModel,
      boot.chargePointSerialNumber ?? null,
      boot.chargeBoxSerialNumber ?? null,
      boot.firmwareVersion ?? null,
      boot.iccid ?? null,
      boot.imsi ?? null,
      boot.meterType ?? null,
      boot.meterSerialNumber ?? null,
      now,
      now,
      chargePointId,
    ],
  );
  // Deleted while connected: the same failure the charge point got when this was a find.
  if (!cp) throw new Error(`Charge point ${chargePointId} not found`);
  return { status: cp.registration_status, currentTime: now.toISOString(), interval: cp.heartbeat_interval_s ?? defaultIntervalS };
}

/**
 * Keeps every StatusNotification as history and the newest per connector as its state. A notification
 * buffered offline that is older than the stored state goes to history only. One statement (a CTE) with its
 * CONNECTOR_STATUS_CHANGED event, so all three writes happen or none, without a transaction round trip.
 */
export async function recordStatus(em: TenantEm, tenantId: string, chargePointId: string, status: StatusNotificationRequest) {
  const now = clock.now();
  const timestamp = status.timestamp ? new Date(status.timestamp) : null;
  const row = {
    tenantId,
    chargePointId,
    connectorId: status.connectorId,
    status: status.status,
    errorCode: status.errorCode,
    info: status.info ?? null,
    vendorId: status.vendorId ?? null,
    vendorErrorCode: status.vendorErrorCode ?? null,
    timestamp,
  };
  const stored = { ...row, timestamp: timestamp?.toISOString() ?? null, updatedAt: now.toISOString() };
  const { tenantId: _tenant, ...payload } = stored;
  // The history row, the connector and the CONNECTOR_STATUS_CHANGED event: one statement, one commit.
  const appended = await withEvents(
    em,
    `v (tenant_id, charge_point_id, connector_id, status, error_code, info, vendor_id, vendor_error_code, timestamp, received_at) as (
       values ($tenant::uuid, ?::varchar, ?::integer, ?::varchar, ?::varchar, ?::varchar, ?::varchar, ?::varchar, ?::timestamptz, ?::timestamptz)
     ), history as (
       insert into status_notification (tenant_id, charge_point_id, connector_id, status, error_code, info, vendor_id, vendor_error_code, timestamp, received_at)
       select * from v
     ), latest as (
       insert into connector (pk, tenant_id, charge_point_id, connector_id, status, error_code, info, vendor_id, vendor_error_code, timestamp, updated_at)
       select gen_random_uuid(), v.* from v
       on conflict (tenant_id, charge_point_id, connector_id) do update
          set status = excluded.status, error_code = excluded.error_code, info = excluded.info, vendor_id = excluded.vendor_id,
              vendor_error_code = excluded.vendor_error_code, timestamp = excluded.timestamp, updated_at = excluded.updated_at
        where connector.timestamp is null or excluded.timestamp is null or excluded.timestamp >= connector.timestamp
     )`,
    [chargePointId, row.connectorId, row.status, row.errorCode, row.info, row.vendorId, row.vendorErrorCode, timestamp, now],
    [{ type: 'CONNECTOR_STATUS_CHANGED', tenantId, chargePointId, payload }],
  );
  return { stored, appended };
}
