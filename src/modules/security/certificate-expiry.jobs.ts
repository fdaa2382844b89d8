import type { JobProcessor } from '../../platform/queues';
import { clock } from '../../platform/clock';
import { ChargePointCertificate } from './charge-point-certificate.entity';
import { recordCsmsSecurityEvent } from './security-event.service';

export const CERTIFICATE_EXPIRY_JOB = 'certificates.expiry';

/** How long before a client certificate expires the CSMS warns and asks the charge point to renew it. */
export const EXPIRY_WARNING_DAYS = 30;

/**
 * Each client certificate within 30 days of expiry (not revoked, not yet warned about): a CSMS security
 * event `ChargePointCertificateExpiring`, and an ExtendedTriggerMessage `SignChargePointCertificate`
 * (scheduled, retried until the certificate expires) so the charge point sends a new CSR.
 */
export const warnExpiringCertificates: JobProcessor = async ({ app, em, tenantId }) => {
  const now = clock.now();
  const horizon = new Date(now.getTime() + EXPIRY_WARNING_DAYS * 86_400_000);
  const expiring = await em.find(ChargePointCertificate, { notAfter: { $gt: now, $lte: horizon }, revokedAt: null, expiryWarnedAt: null }, { limit: 1000 });
  for (const certificate of expiring) {
    certificate.expiryWarnedAt = now;
    await em.flush();
    await recordCsmsSecurityEvent(app, tenantId, certificate.chargePointId, 'ChargePointCertificateExpiring', `serial ${certificate.serialNumber} expires ${certificate.notAfter.toISOString()}`);
    await app.commands
      .create(em, {
        tenantId,
        chargePointId: certificate.chargePointId,
        action: 'ExtendedTriggerMessage',
        request: { requestedMessage: 'SignChargePointCertificate' },
        schedule: { at: now, retryUntil: certificate.notAfter },
      })
      .catch((error) => app.log.warn({ err: error, tenantId, chargePointId: certificate.chargePointId }, 'certificate renewal trigger not queued'));
  }
};
