// @peculiar/x509 resolves its ASN.1 and crypto services through tsyringe, which needs the Reflect API.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const EC_SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

export interface KeyPem {
  keys: webcrypto.CryptoKeyPair;
  keyPem: string;
}

export async function newKey(algorithm: 'ec' | 'rsa1024' = 'ec'): Promise<KeyPem> {
  const params = algorithm === 'ec' ? EC : { name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(params, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return { keys, keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY') };
}

/** A self-signed CA (certificate + key PEM). */
export async function makeCa(name: string) {
  const key = await newKey();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${name}`,
    keys: key.keys as any,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 365 * DAY),
    signingAlgorithm: EC_SIGN,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
  });
  return { ...key, certificate, certificatePem: certificate.toString('pem') };
}

export type TestCa = Awaited<ReturnType<typeof makeCa>>;

/** A leaf certificate signed by `ca` (client or server), with the given CN and validity. */
export async function issue(ca: TestCa, options: { cn: string; notBefore?: Date; notAfter?: Date; serverNames?: string[] }) {
  const key = await newKey();
  const extensions: x509.Extension[] = [new x509.BasicConstraintsExtension(false, undefined, true)];
  if (options.serverNames) {
    extensions.push(new x509.SubjectAlternativeNameExtension(options.serverNames.map((value) => ({ type: /^\d/.test(value) ? 'ip' : 'dns', value }))));
  }
  const certificate = await x509.X509CertificateGenerator.create({
    subject: `CN=${options.cn}`,
    issuer: ca.certificate.subject,
    notBefore: options.notBefore ?? new Date(Date.now() - DAY),
    notAfter: options.notAfter ?? new Date(Date.now() + 30 * DAY),
    publicKey: key.keys.publicKey as any,
    signingKey: ca.keys.privateKey as any,
    signingAlgorithm: EC_SIGN,
    extensions,
  });
  return { ...key, certificate, certificatePem: certificate.toString('pem') };
}

/** A PKCS#10 request as a charge point makes one for SignCertificate. */
export async function makeCsr(cn: string, algorithm: 'ec' | 'rsa1024' = 'ec') {
  const key = await newKey(algorithm);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: `CN=${cn}, O=Test CPO`,
    keys: key.keys as any,
    signingAlgorithm: algorithm === 'ec' ? EC_SIGN : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  });
  return { ...key, csrPem: csr.toString('pem') };
}

/** The first certificate of a PEM chain. */
export function firstPem(chain: string): string {
  const match = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(chain);
  if (!match) throw new Error('no certificate in chain');
  return match[0];
}

export { x509 };

/** A server certificate for localhost (and its CA, for the clients to trust) written into `dir`: the OCPP_TLS_* settings. */
export async function tlsServerSettings(dir: string) {
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const serverCa = await makeCa('Test server CA');
  const serverCert = await issue(serverCa, { cn: 'localhost', serverNames: ['localhost', '127.0.0.1'] });
  writeFileSync(join(dir, 'cert.pem'), serverCert.certificatePem);
  writeFileSync(join(dir, 'key.pem'), serverCert.keyPem);
  return { serverCa, env: { OCPP_TLS_CERT: join(dir, 'cert.pem'), OCPP_TLS_KEY: join(dir, 'key.pem') } };
}
