import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../app-context';

const VERSION = 'v1';
const KEY_FILE = 'ca-key-encryption.key';
const cachedKeys = new WeakMap<object, Buffer>();

/**
 * The key that encrypts the tenants' CA private keys at rest: SHA-256 of CA_KEY_ENCRYPTION_KEY, or, when
 * that is unset (development), 32 random bytes kept in DATA_DIR/ca-key-encryption.key (made on first need,
 * mode 0600). Every node of a cluster must see the same key: production sets CA_KEY_ENCRYPTION_KEY.
 */
export function caKeyEncryptionKey(app: AppContext): Buffer {
  const cached = cachedKeys.get(app.config);
  if (cached) return cached;
  let key: Buffer;
  if (app.config.caKeyEncryptionKey) {
    key = createHash('sha256').update(app.config.caKeyEncryptionKey, 'utf8').digest();
  } else {
    const file = path.join(app.config.dataDir, KEY_FILE);
    fs.mkdirSync(app.config.dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
      app.log.warn({ file }, 'CA_KEY_ENCRYPTION_KEY is not set: CA private keys are encrypted with a key generated in DATA_DIR; set CA_KEY_ENCRYPTION_KEY in production');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    key = createHash('sha256').update(fs.readFileSync(file, 'utf8').trim(), 'utf8').digest();
  }
  cachedKeys.set(app.config, key);
  return key;
}

/** AES-256-GCM: "v1:" + base64(iv | tag | ciphertext). */
export function encryptSecret(key: Buffer, plaintext: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
}

export function decryptSecret(key: Buffer, stored: string): Buffer {
  const [version, body] = stored.split(':');
  if (version !== VERSION || !body) throw new Error('unknown encrypted key format');
  const raw = Buffer.from(body, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}
