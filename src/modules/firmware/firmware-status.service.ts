import type { TenantEm } from '../../platform/db';
import { clock } from '../../platform/clock';
import { ChargePoint } from '../charge-point/charge-point.entity';

/** Keeps the latest FirmwareStatusNotification / DiagnosticsStatusNotification status on the charge point. */
export async function recordFirmwareStatus(em: TenantEm, tenantId: string, chargePointId: string, status: string) {
  await em.nativeUpdate(ChargePoint, { tenantId, identity: chargePointId }, { firmwareStatus: status, firmwareStatusAt: clock.now() });
}

export async function recordDiagnosticsStatus(em: TenantEm, tenantId: string, chargePointId: string, status: string) {
  await em.nativeUpdate(ChargePoint, { tenantId, identity: chargePointId }, { diagnosticsStatus: status, diagnosticsStatusAt: clock.now() });
}
