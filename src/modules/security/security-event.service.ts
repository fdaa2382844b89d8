import type { AppContext } from '../../app-context';
import type { TenantEm } from '../../platform/db';
import { tenantEm } from '../../platform/db';
import { clock } from '../../platform/clock';
import { SecurityEvent, type SecurityEventSource } from './security-event.entity';

/** The CSMS's own security events (the whitepaper's names where it has one). */
export type CsmsSecurityEventType =
  | 'FailedToAuthenticateAtCentralSystem'
  | 'InvalidChargePointCertificate'
  | 'SecurityProfileMismatch'
  | 'ChargePointCertificateExpiring'
  | 'ChargePointCertificateRevoked'
  | 'AuthorizationKeyRotated';

const TECH_INFO_MAX = 255;

/** Stores a security event and its SECURITY_EVENT in the event log, in one transaction. */
export async function storeSecurityEvent(
  app: AppContext,
  em: TenantEm,
  event: { tenantId: string; chargePointId: string; type: string; timestamp: Date; techInfo?: string | null; source: SecurityEventSource },
): Promise<void> {
  const techInfo = event.techInfo?.slice(0, TECH_INFO_MAX) ?? null;
  await app.outbox.transaction(em, async (tx, emit) => {
    await tx.insert(SecurityEvent, { ...event, techInfo, receivedAt: clock.now() });
    emit({
      type: 'SECURITY_EVENT',
      tenantId: event.tenantId,
      chargePointId: event.chargePointId,
      payload: { chargePointId: event.chargePointId, type: event.type, timestamp: event.timestamp.toISOString(), techInfo, source: event.source },
    });
  });
}

/**
 * A refused upgrade costs the client nothing, so the same event (charge point, type, techInfo) is kept at
 * most once a minute per process: a charger retrying in a loop cannot fill the table.
 */
const REPEAT_WINDOW_MS = 60_000;
const MAX_REMEMBERED = 10_000;
const lastRecorded = new Map<string, number>();
const FROM_REFUSED_UPGRADES = new Set<CsmsSecurityEventType>(['FailedToAuthenticateAtCentralSystem', 'InvalidChargePointCertificate', 'SecurityProfileMismatch']);

function isRepeat(key: string): boolean {
  const now = Date.now();
  const last = lastRecorded.get(key);
  if (last !== undefined && now - last < REPEAT_WINDOW_MS) return true;
  if (lastRecorded.size >= MAX_REMEMBERED) lastRecorded.clear();
  lastRecorded.set(key, now);
  return false;
}

/** Records one of the CSMS's own events; never fails the caller (a refused login stays refused either way). */
export async function recordCsmsSecurityEvent(app: AppContext, tenantId: string, chargePointId: string, type: CsmsSecurityEventType, techInfo?: string): Promise<void> {
  if (FROM_REFUSED_UPGRADES.has(type) && isRepeat(`${tenantId}\u0000${chargePointId}\u0000${type}\u0000${techInfo ?? ''}`)) return;
  app.log.warn({ tenantId, chargePointId, type, techInfo }, 'security event');
  await storeSecurityEvent(app, tenantEm(app.orm, tenantId), { tenantId, chargePointId, type, timestamp: clock.now(), techInfo, source: 'CSMS' }).catch((error) =>
    app.log.error({ err: error, tenantId, chargePointId, type }, 'storing a security event failed'),
  );
}
