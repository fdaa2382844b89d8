import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class FileTooLargeError extends Error {}

export interface PartialFile {
  /** Where the bytes are now; the caller renames it into place once it commits to keeping them. */
  partial: string;
  size: number;
  sha256: string;
}

/**
 * Streams a body to `<target>.part`, counting and hashing as it goes. Over `maxBytes` the stream is cut
 * off with FileTooLargeError and nothing is left on disk. `beforeWrite(total)`, if given, runs before each
 * chunk is written with the bytes received so far; when it throws, the stream is cut off with its error.
 */
export async function streamToPartialFile(body: Readable, target: string, maxBytes: number, beforeWrite?: (total: number) => Promise<void>): Promise<PartialFile> {
  const partial = `${target}.part`;
  await mkdir(path.dirname(target), { recursive: true });
  const hash = createHash('sha256');
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) return callback(new FileTooLargeError(`upload exceeds ${maxBytes} bytes`));
      hash.update(chunk);
      if (!beforeWrite) return callback(null, chunk);
      beforeWrite(size).then(() => callback(null, chunk), callback);
    },
  });
  try {
    await pipeline(body, limit, createWriteStream(partial));
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { partial, size, sha256: hash.digest('hex') };
}

/** Keeps a client-given file name for display, never as a path. */
export function safeFileName(name: string, fallback: string): string {
  const base = path.basename(name || '').replace(/[^\w.-]+/g, '_').slice(0, 200);
  return base && base !== '.' && base !== '..' ? base : fallback;
}

/** Where a stored file's bytes are: its path under DATA_DIR. */
export function storedFilePath(dataDir: string, file: { storagePath: string }): string {
  return path.join(dataDir, file.storagePath);
}

/** A URL token handed to a charge point (192 random bits) and the SHA-256 under which it is stored and looked up. */
export function newUrlToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString('base64url');
  return { token, hash: hashUrlToken(token) };
}

export function hashUrlToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
