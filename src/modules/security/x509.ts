// @peculiar/x509 resolves its ASN.1 and crypto services through tsyringe, which needs the Reflect API.
import 'reflect-metadata';
import { createPublicKey, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

// @peculiar/x509 signs and verifies through WebCrypto: Node's own implementation.
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export { x509 };
export const subtle = webcrypto.subtle;

/** Serial numbers compared as lower-case hex without leading zeros (tools print them either way). */
export function normalizeSerial(serial: string): string {
  return serial.replace(/[^0-9a-f]/gi, '').toLowerCase().replace(/^0+(?=.)/, '');
}

export async function sha256Fingerprint(certificate: x509.X509Certificate): Promise<string> {
  return Buffer.from(await certificate.getThumbprint('SHA-256')).toString('hex');
}

export function commonNames(name: x509.Name): string[] {
  return name.getField('CN');
}

/**
 * The OCA whitepaper (like OCPP 2.0.1 A00.FR.3xx) asks for keys worth at least 112 bits of symmetric
 * security: RSA of 2048 bits or more, or an elliptic curve of 224 bits or more.
 */
const ACCEPTED_CURVES = new Set(['secp224r1', 'prime256v1', 'secp384r1', 'secp521r1', 'brainpoolP256r1', 'brainpoolP384r1', 'brainpoolP512r1']);

export function keyStrengthProblem(spki: ArrayBuffer): string | undefined {
  const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') {
    return (details.modulusLength ?? 0) >= 2048 ? undefined : `RSA key of ${details.modulusLength} bits (at least 2048 needed)`;
  }
  if (key.asymmetricKeyType === 'ec') {
    return ACCEPTED_CURVES.has(details.namedCurve ?? '') ? undefined : `elliptic curve ${details.namedCurve} is not accepted`;
  }
  return `key type ${key.asymmetricKeyType} is not accepted (RSA or EC only)`;
}

/** The WebCrypto algorithm that signs with a key of this kind (SHA-256 hashes, as the whitepaper asks). */
export function signingAlgorithmFor(key: { asymmetricKeyType?: string; asymmetricKeyDetails?: { namedCurve?: string } }): webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams {
  if (key.asymmetricKeyType === 'rsa') return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  if (key.asymmetricKeyType === 'ec') {
    const curve = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' }[key.asymmetricKeyDetails?.namedCurve ?? ''];
    if (curve) return { name: 'ECDSA', namedCurve: curve };
  }
  throw new Error(`unsupported CA key: ${key.asymmetricKeyType} ${key.asymmetricKeyDetails?.namedCurve ?? ''}`.trim());
}
