import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../app-context';
import type { TenantEm } from '../../platform/db';
import { clock } from '../../platform/clock';
import { NotFoundError } from '../../platform/errors';
import { ChargePoint } from '../charge-point/charge-point.entity';
import { authoritySigner, getOrCreateAuthority } from './certificate-authority.service';
import { ChargePointCertificate } from './charge-point-certificate.entity';
import { recordCsmsSecurityEvent } from './security-event.service';
import { commonNames, keyStrengthProblem, normalizeSerial, sha256Fingerprint, x509 } from './x509';

/** How long an issued charge point certificate is valid (capped by the CA's own validity). */
const CERTIFICATE_VALIDITY_DAYS = 365;
const DAY_MS = 86_400_000;

export type CsrOutcome = { accepted: true; certificate: ChargePointCertificate; chain: string } | { accepted: false; reason: string };

/**
 * SignCertificate: the CSR must be well-formed, self-signed by the key it carries, name the charge point
 * as its CN, and carry a key the whitepaper allows. The tenant's CA (made now if it has none) signs it.
 */
export async function signChargePointCsr(app: AppContext, em: TenantEm, tenantId: string, chargePointId: string, csrPem: string): Promise<CsrOutcome> {
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(csrPem.trim());
  } catch {
    return { accepted: false, reason: 'CSR is not a PEM PKCS#10 request' };
  }
  if (!(await csr.verify().catch(() => false))) return { accepted: false, reason: 'CSR signature does not verify' };
  const names = commonNames(csr.subjectName);
  if (names.length !== 1 || names[0] !== chargePointId) return { accepted: false, reason: `CSR subject CN is ${names.join(',') || 'missing'}, not ${chargePointId}` };
  const weakness = keyStrengthProblem(csr.publicKey.rawData);
  if (weakness) return { accepted: false, reason: weakness };

  const authority = await getOrCreateAuthority(app, em, tenantId);
  const signer = await authoritySigner(app, authority);
  const now = clock.now();
  const notAfter = new Date(Math.min(now.getTime() + CERTIFICATE_VALIDITY_DAYS * DAY_MS, signer.certificate.notAfter.getTime()));
  // 16 random bytes, the top bit clear so the DER integer stays positive.
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  const issued = await x509.X509CertificateGenerator.create({
    serialNumber: serial.toString('hex'),
    subject: csr.subject,
    issuer: signer.certificate.subject,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter,
    publicKey: csr.publicKey,
    signingKey: signer.signingKey,
    signingAlgorithm: signer.algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.keyAgreement, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      await x509.AuthorityKeyIdentifierExtension.create(signer.certificate.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(csr.publicKey),
    ],
  });
  const certificate = em.create(ChargePointCertificate, {
    tenantId,
    chargePointId,
    serialNumber: normalizeSerial(issued.serialNumber),
    fingerprintSha256: await sha256Fingerprint(issued),
    certificatePem: issued.toString('pem'),
    notBefore: issued.notBefore,
    notAfter: issued.notAfter,
    createdAt: now,
  });
  await em.persistAndFlush(certificate);
  return { accepted: true, certificate, chain: `${issued.toString('pem')}\n${authority.certificatePem}\n` };
}

/** In a stable order (by row id, which is also the cursor). */
export function listChargePointCertificates(em: TenantEm, chargePointId: string, limit: number, afterId?: string) {
  return em.find(ChargePointCertificate, { chargePointId, ...(afterId ? { id: { $gt: afterId } } : {}) }, { orderBy: { id: 'asc' }, limit });
}

export async function revokeChargePointCertificate(app: AppContext, em: TenantEm, tenantId: string, chargePointId: string, serialNumber: string): Promise<ChargePointCertificate> {
  if (!(await em.count(ChargePoint, { identity: chargePointId }))) throw new NotFoundError(`Charge point ${chargePointId} not found`);
  const certificate = await em.findOne(ChargePointCertificate, { chargePointId, serialNumber: normalizeSerial(serialNumber) });
  if (!certificate) throw new NotFoundError(`Certificate ${serialNumber} of ${chargePointId} not found`);
  if (!certificate.revokedAt) {
    certificate.revokedAt = clock.now();
    await em.flush();
    await recordCsmsSecurityEvent(app, tenantId, chargePointId, 'ChargePointCertificateRevoked', `serial ${certificate.serialNumber}`);
  }
  return certificate;
}

export function chargePointCertificateView(c: ChargePointCertificate) {
  return { serialNumber: c.serialNumber, fingerprintSha256: c.fingerprintSha256, notBefore: c.notBefore, notAfter: c.notAfter, revokedAt: c.revokedAt ?? null };
}
