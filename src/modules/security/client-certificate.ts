import { X509Certificate } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { TenantEm } from '../../platform/db';
import { clock } from '../../platform/clock';
import { findAuthority } from './certificate-authority.service';
import { ChargePointCertificate } from './charge-point-certificate.entity';
import { commonNames, normalizeSerial, x509 } from './x509';

const MAX_FORWARDED_CERT_LENGTH = 16_384;

/**
 * The client certificate of an OCPP upgrade: the one the TLS handshake proved (the client signed with its
 * key), or, behind a TLS-terminating proxy that is trusted, the one it forwards in X-Forwarded-Client-Cert
 * (nginx's URL-encoded PEM, or Envoy's `...;Cert="<URL-encoded PEM>";...`).
 */
export function presentedCertificate(req: IncomingMessage, trustProxy: boolean): X509Certificate | undefined {
  const socket = req.socket as Partial<TLSSocket>;
  if (socket.encrypted && typeof socket.getPeerX509Certificate === 'function') {
    const peer = socket.getPeerX509Certificate();
    if (peer) return peer;
  }
  if (!trustProxy) return undefined;
  const header = req.headers['x-forwarded-client-cert'];
  const value = Array.isArray(header) ? header[0] : header;
  if (!value || value.length > MAX_FORWARDED_CERT_LENGTH) return undefined;
  try {
    return new X509Certificate(forwardedPem(value));
  } catch {
    return undefined;
  }
}

function forwardedPem(header: string): string {
  const envoy = /(?:^|[;,])\s*Cert="([^"]*)"/i.exec(header);
  return decodeURIComponent(envoy ? envoy[1] : header);
}

/** TLS reached the CSMS: directly, or (trusted proxy) it ended at the proxy that says so. */
export function arrivedOverTls(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as Partial<TLSSocket>).encrypted) return true;
  if (!trustProxy) return false;
  const proto = req.headers['x-forwarded-proto'];
  return /^(https|wss)$/i.test((Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim() ?? '');
}

/**
 * Why a client certificate does not authenticate this charge point, or undefined when it does: issued by
 * (and signed with the key of) the tenant's CA, within its validity, not revoked, subject CN = charge point id.
 */
export async function clientCertificateProblem(em: TenantEm, chargePointId: string, certificate: X509Certificate): Promise<string | undefined> {
  const authority = await findAuthority(em);
  if (!authority) return 'the tenant has no certificate authority';
  const caCertificate = new X509Certificate(authority.certificatePem);
  if (!certificate.checkIssued(caCertificate) || !certificate.verify(caCertificate.publicKey)) return 'not issued by the tenant certificate authority';
  const now = clock.now().getTime();
  if (now < Date.parse(certificate.validFrom) || now > Date.parse(certificate.validTo)) return 'outside its validity period';
  const names = commonNames(new x509.X509Certificate(certificate.raw).subjectName);
  if (names.length !== 1 || names[0] !== chargePointId) return `subject CN ${names.join(',') || '(none)'} is not the charge point id`;
  const revoked = await em.count(ChargePointCertificate, { serialNumber: normalizeSerial(certificate.serialNumber), revokedAt: { $ne: null } });
  if (revoked) return 'revoked';
  return undefined;
}
