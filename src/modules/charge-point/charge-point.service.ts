import type { TenantEm } from '../../platform/db';
import { clock } from '../../platform/clock';
import { ChargePoint } from './charge-point.entity';
import { StatusNotification } from './status-notification.entity';

export interface BootInfo {
  chargePointVendor: string;
  chargePointModel: string;
  chargePointSerialNumber?: string;
  chargeBoxSerialNumber?: string;
  firmwareVersion?: string;
  iccid?: string;
  imsi?: string;
  meterType?: string;
  meterSerialNumber?: string;
}

/** Stores what BootNotification says about the charge point and decides the registration answer. */
export async function recordBoot(em: TenantEm, tenantId: string, chargePointId: string, boot: BootInfo, defaultIntervalS: number) {
  const now = clock.now();
  const cp = await em.findOneOrFail(ChargePoint, { identity: chargePointId });
  await em.nativeUpdate(
    ChargePoint,
    { tenantId, identity: chargePointId },
    {
      vendor: boot.chargePointVendor,
      model: boot.chargePointModel,
      serialNumber: boot.chargePointSerialNumber ?? null,
      chargeBoxSerialNumber: boot.chargeBoxSerialNumber ?? null,
      firmwareVersion: boot.firmwareVersion ?? null,
      iccid: boot.iccid ?? null,
      imsi: boot.imsi ?? null,
      meterType: boot.meterType ?? null,
      meterSerialNumber: boot.meterSerialNumber ?? null,
      lastBootAt: now,
      lastSeenAt: now,
    },
  );
  return { status: cp.registrationStatus, currentTime: now.toISOString(), interval: cp.heartbeatIntervalS ?? defaultIntervalS };
}

export interface StatusInfo {
  connectorId: number;
  status: string;
  errorCode: string;
  info?: string;
  vendorId?: string;
  vendorErrorCode?: string;
  timestamp?: string;
}

/**
 * Keeps every StatusNotification as history and the newest per connector as its state. A notification
 * buffered offline that is older than the stored state goes to history only.
 */
export async function recordStatus(em: TenantEm, tenantId: string, chargePointId: string, status: StatusInfo) {
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
  await em.transactional(async (tx) => {
    await tx.insert(StatusNotification, { ...row, receivedAt: now });
    await tx.getConnection().execute(
      `insert into connector (pk, tenant_id, charge_point_id, connector_id, status, error_code, info, vendor_id, vendor_error_code, timestamp, updated_at)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (tenant_id, charge_point_id, connector_id) do update
          set status = excluded.status, error_code = excluded.error_code, info = excluded.info, vendor_id = excluded.vendor_id,
              vendor_error_code = excluded.vendor_error_code, timestamp = excluded.timestamp, updated_at = excluded.updated_at
        where connector.timestamp is null or excluded.timestamp is null or excluded.timestamp >= connector.timestamp`,
      [tenantId, chargePointId, row.connectorId, row.status, row.errorCode, row.info, row.vendorId, row.vendorErrorCode, timestamp, now],
      'run',
      tx.getTransactionContext(),
    );
  });
  return { ...row, timestamp: timestamp?.toISOString() ?? null, updatedAt: now.toISOString() };
}
