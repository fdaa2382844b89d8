import { createReadStream } from 'node:fs';
import type http from 'node:http';

/**
 * The request's path; undefined when its request target is one the URL parser refuses (`//[`): the
 * caller answers 400 instead of letting the TypeError escape a listener and end the process.
 */
export function requestPath(req: http.IncomingMessage): string | undefined {
  try {
    return new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

/** The decoded path segments after a mounted prefix. */
export function pathSegments(req: http.IncomingMessage, prefix: string): string[] {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname.slice(prefix.length);
  return path.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
}

/** Answers at once and drops whatever body the client is still sending. */
export function replyAndDrain(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  replyJson(res, status, body, headers);
  req.resume();
}

export function replyJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Streams a stored file as an attachment (headers only for HEAD). */
export function sendStoredFile(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  file: { fileName: string; size: number; contentType?: string | null },
  path: string,
): void {
  res.writeHead(200, {
    'content-type': file.contentType || 'application/octet-stream',
    'content-length': String(file.size),
    'content-disposition': `attachment; filename="${file.fileName}"`,
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(path)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** A request body over the caller's limit. */
export class BodyTooLargeError extends Error {}

/** Reads a whole request body as UTF-8, refusing it (BodyTooLargeError) past maxBytes. */
export function readBody(req: http.IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new BodyTooLargeError());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
