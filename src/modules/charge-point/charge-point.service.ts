import { tenantSql, type TenantEm } from '../../platform/db';
import { clock } from '../../platform/clock';
import type { BootNotificationRequest } from '../../ocpp/generated/ocpp16';
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
