import type { TenantEm } from '../../platform/db';
import { clock } from '../../platform/clock';
import { ChargePoint } from '../charge-point/charge-point.entity';
import { DiagnosticsStatusEvent } from './diagnostics-status-event.entity';

/** How many of the latest events the history query returns. */
const HISTORY_LIMIT = 1000;

/** Keeps every DiagnosticsStatusNotification as history and the latest on the charge point. */
export async function recordDiagnosticsStatus(em: TenantEm, tenantId: string, chargePointId: string, status: string) {
  const now = clock.now();
  await em.insert(DiagnosticsStatusEvent, { tenantId, chargePointId, status, receivedAt: now });
  await em.nativeUpdate(ChargePoint, { tenantId, identity: chargePointId }, { diagnosticsStatus: status, diagnosticsStatusAt: now });
  return now;
}

export async function diagnosticsStatusHistory(em: TenantEm, chargePointId: string) {
  const rows = await em.find(DiagnosticsStatusEvent, { chargePointId }, { orderBy: { id: 'desc' }, limit: HISTORY_LIMIT });
  return rows.reverse().map((r) => ({ id: r.id, status: r.status, receivedAt: r.receivedAt.toISOString() }));
}
