import type { IncomingMessage } from 'node:http';
import type { AppContext } from '../app-context';
import { tenantEm } from '../platform/db';
import { arrivedOverTls, clientCertificateProblem, presentedCertificate } from '../modules/security/client-certificate';
import { recordCsmsSecurityEvent } from '../modules/security/security-event.service';
import { UpgradeRefused, type UpgradeSecurityHooks } from './upgrade-auth';

export interface SecurityProfileSubject {
  tenantId: string;
  chargePointId: string;
  securityProfile: number;
}

/**
 * OCPP 1.6 security profiles at the upgrade: the charge point's `securityProfile` is the lowest the CSMS
 * accepts (never downgraded). 1: Basic over ws or wss; 2: Basic over TLS only; 3: TLS with a client
 * certificate from the tenant's CA, which authenticates it (no Basic needed). Below it: 401 and a security
 * event. Resolves true when the client certificate authenticated the charge point.
 */
export async function checkSecurityProfile(app: AppContext, req: IncomingMessage, subject: SecurityProfileSubject): Promise<boolean> {
  const { tenantId, chargePointId, securityProfile } = subject;
  if (securityProfile <= 1) return false;
  const { trustProxy } = app.config;
  if (!arrivedOverTls(req, trustProxy)) {
    await recordCsmsSecurityEvent(app, tenantId, chargePointId, 'SecurityProfileMismatch', `profile ${securityProfile} needs TLS; connected without`);
    throw new UpgradeRefused(401, `Security profile ${securityProfile} requires TLS`);
  }
  if (securityProfile === 2) return false;
  const certificate = presentedCertificate(req, trustProxy);
  if (!certificate) {
    await recordCsmsSecurityEvent(app, tenantId, chargePointId, 'SecurityProfileMismatch', 'profile 3 needs a client certificate; none presented');
    throw new UpgradeRefused(401, 'Security profile 3 requires a client certificate');
  }
  const problem = await clientCertificateProblem(tenantEm(app.orm, tenantId), chargePointId, certificate);
  if (problem) {
    await recordCsmsSecurityEvent(app, tenantId, chargePointId, 'InvalidChargePointCertificate', `serial ${certificate.serialNumber}: ${problem}`);
    await recordCsmsSecurityEvent(app, tenantId, chargePointId, 'FailedToAuthenticateAtCentralSystem', `client certificate refused: ${problem}`);
    throw new UpgradeRefused(401, `Client certificate refused: ${problem}`);
  }
  return true;
}

/** What authenticateUpgrade calls for the security extension: the profile check and refused-login events. */
export function securityHooks(app: AppContext): UpgradeSecurityHooks {
  return {
    checkSecurityProfile: (req, subject) => checkSecurityProfile(app, req, subject),
    onLoginRefused: (tenantId, chargePointId) =>
      void recordCsmsSecurityEvent(app, tenantId, chargePointId, 'FailedToAuthenticateAtCentralSystem', 'wrong Basic credentials'),
  };
}
