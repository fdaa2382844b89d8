import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

// Charge point passwords may be chosen by people, so they get a slow salted hash. A reconnect storm
// would then cost a scrypt per charger; a small cache of already verified (hash, password) pairs keeps
// reconnects cheap without ever storing the password itself.
const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const verifiedCache = new Map<string, Buffer>();
const VERIFIED_CACHE_MAX = 50_000;

export const MIN_PASSWORD_LENGTH = 16;
export const MAX_PASSWORD_LENGTH = 40;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/**
 * A password the CSMS generated (160 random bits) cannot be guessed, so a salted SHA-256 stores it safely
 * and keeps a reconnect storm of such charge points cheap even with a cold cache.
 */
export function hashGeneratedPassword(password: string): string {
  const salt = randomBytes(16);
  return `sha256$${salt.toString('base64')}$${saltedSha256(salt, password).toString('base64')}`;
}

function saltedSha256(salt: Buffer, password: string): Buffer {
  return createHash('sha256').update(salt).update(password).digest();
}

function fingerprint(password: string): Buffer {
  return createHash('sha256').update(password).digest();
}

/**
 * Verifications running now, by stored hash and password fingerprint: a cold-cache reconnect storm of
 * charge points sharing one password would otherwise run the same scrypt once per charge point.
 */
const inFlight = new Map<string, Promise<boolean>>();

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('sha256$')) {
    const [, saltB64, hashB64] = stored.split('$');
    const expected = Buffer.from(hashB64, 'base64');
    const actual = saltedSha256(Buffer.from(saltB64, 'base64'), password);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
  const cached = verifiedCache.get(stored);
  const candidate = fingerprint(password);
  if (cached) return timingSafeEqual(cached, candidate);
  const key = `${stored}\u0000${candidate.toString('base64')}`;
  let verification = inFlight.get(key);
  if (!verification) {
    verification = verifyWithScrypt(password, stored, candidate).finally(() => inFlight.delete(key));
    inFlight.set(key, verification);
  }
  return verification;
}

async function verifyWithScrypt(password: string, stored: string, candidate: Buffer): Promise<boolean> {
  const [scheme, n, r, p, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'scrypt') return false;
  const expected = Buffer.from(hashB64, 'base64');
  const actual = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  const ok = actual.length === expected.length && timingSafeEqual(actual, expected);
  if (ok) {
    if (verifiedCache.size >= VERIFIED_CACHE_MAX) verifiedCache.delete(verifiedCache.keys().next().value!);
    verifiedCache.set(stored, candidate);
  }
  return ok;
}

/** A generated password: 20 random bytes as 40 hex characters, the longest AuthorizationKey OCPP allows. */
export function generatePassword(): string {
  return randomBytes(20).toString('hex');
}
