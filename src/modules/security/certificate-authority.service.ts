import { createPrivateKey, createPublicKey, webcrypto, X509Certificate as NodeX509Certificate } from 'node:crypto';
import type { AppContext } from '../../app-context';
import { tenantSql, type TenantEm } from '../../platform/db';
import { clock } from '../../platform/clock';
import { BadInputError } from '../../platform/errors';
import { CertificateAuthority } from './certificate-authority.entity';
import { caKeyEncryptionKey, decryptSecret, encryptSecret } from './ca-key-encryption';
import { sha256Fingerprint, signingAlgorithmFor, subtle, x509 } from './x509';

const CA_VALIDITY_YEARS = 10;
const MAX_PEM_LENGTH = 20_000;

/** The tenant's CA, if it has one yet (verifying a client certificate never makes one). */
export function findAuthority(em: TenantEm): Promise<CertificateAuthority | null> {
  return em.findOne(CertificateAuthority, {});
}

/** The tenant's CA; made on first need: ECDSA P-256, self-signed, 10 years. */
export async function getOrCreateAuthority(app: AppContext, em: TenantEm, tenantId: string): Promise<CertificateAuthority> {
  const existing = await findAuthority(em);
  if (existing) return existing;
  const keys = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const now = clock.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=QCharge CA ${tenantId}, O=QCharge`,
    keys,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(Date.UTC(now.getUTCFullYear() + CA_VALIDITY_YEARS, now.getUTCMonth(), now.getUTCDate())),
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } as webcrypto.EcdsaParams,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = Buffer.from(await subtle.exportKey('pkcs8', keys.privateKey));
  await storeAuthority(app, em, certificate, pkcs8, true, 'keep');
  return (await em.findOne(CertificateAuthority, {}, { refresh: true }))!;
}

/** A tenant's own CA (OWNER): the certificate must be a CA certificate and the key must be its key. */
export async function setAuthority(app: AppContext, em: TenantEm, tenantId: string, input: { certificate: string; privateKey: string }): Promise<CertificateAuthority> {
  if (input.certificate.length > MAX_PEM_LENGTH || input.privateKey.length > MAX_PEM_LENGTH) throw new BadInputError('certificate and privateKey are PEM texts of at most 20000 characters');
  let certificate: x509.X509Certificate;
  let nodeCertificate: NodeX509Certificate;
  try {
    certificate = new x509.X509Certificate(input.certificate);
    nodeCertificate = new NodeX509Certificate(input.certificate);
  } catch {
    throw new BadInputError('certificate is not a PEM X.509 certificate', 'certificate');
  }
  if (!nodeCertificate.ca) throw new BadInputError('certificate is not a CA certificate (basicConstraints cA)', 'certificate');
  if (certificate.notAfter.getTime() <= clock.now().getTime()) throw new BadInputError('certificate has expired', 'certificate');
  let privateKey: ReturnType<typeof createPrivateKey>;
  try {
    privateKey = createPrivateKey(input.privateKey);
  } catch {
    throw new BadInputError('privateKey is not an unencrypted PEM private key', 'privateKey');
  }
  const matches = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).equals(nodeCertificate.publicKey.export({ format: 'der', type: 'spki' }));
  if (!matches) throw new BadInputError('privateKey does not belong to certificate', 'privateKey');
  try {
    signingAlgorithmFor(privateKey);
  } catch (error) {
    throw new BadInputError((error as Error).message, 'privateKey');
  }
  await storeAuthority(app, em, certificate, privateKey.export({ format: 'der', type: 'pkcs8' }), false, 'replace');
  return (await em.findOne(CertificateAuthority, {}, { refresh: true }))!;
}

async function storeAuthority(app: AppContext, em: TenantEm, certificate: x509.X509Certificate, pkcs8: Buffer, generated: boolean, onExisting: 'keep' | 'replace') {
  const row = {
    certificate_pem: certificate.toString('pem'),
    encrypted_private_key: encryptSecret(caKeyEncryptionKey(app), pkcs8),
    fingerprint_sha256: await sha256Fingerprint(certificate),
    not_after: certificate.notAfter,
    generated,
    created_at: clock.now(),
  };
  // Two first needs at once: the first insert wins and both use its CA.
  const conflict = onExisting === 'keep'
    ? 'do nothing'
    : 'do update set certificate_pem = excluded.certificate_pem, encrypted_private_key = excluded.encrypted_private_key, fingerprint_sha256 = excluded.fingerprint_sha256, not_after = excluded.not_after, generated = excluded.generated, created_at = excluded.created_at';
  await tenantSql(
    em,
    `insert into certificate_authority (tenant_id, certificate_pem, encrypted_private_key, fingerprint_sha256, not_after, generated, created_at)
     values ($tenant, ?, ?, ?, ?, ?, ?) on conflict (tenant_id) ${conflict}`,
    [row.certificate_pem, row.encrypted_private_key, row.fingerprint_sha256, row.not_after, row.generated, row.created_at],
  );
}

/** The CA's certificate and its private key as a WebCrypto signing key (decrypted only here, only in memory). */
export async function authoritySigner(app: AppContext, authority: CertificateAuthority): Promise<{ certificate: x509.X509Certificate; signingKey: webcrypto.CryptoKey; algorithm: webcrypto.Algorithm }> {
  const pkcs8 = decryptSecret(caKeyEncryptionKey(app), authority.encryptedPrivateKey);
  const algorithm = signingAlgorithmFor(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }));
  const signingKey = await subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']);
  const signature = algorithm.name === 'ECDSA' ? ({ name: 'ECDSA', hash: 'SHA-256' } as webcrypto.EcdsaParams) : algorithm;
  return { certificate: new x509.X509Certificate(authority.certificatePem), signingKey, algorithm: signature };
}

export function authorityView(authority: CertificateAuthority) {
  return { certificate: authority.certificatePem, fingerprintSha256: authority.fingerprintSha256, notAfter: authority.notAfter };
}
