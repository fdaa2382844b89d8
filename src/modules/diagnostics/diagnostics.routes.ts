import busboy from 'busboy';
import { createReadStream } from 'node:fs';
import type http from 'node:http';
import type { AppContext } from '../../app-context';
import { tenantEm } from '../../platform/db';
import type { HttpServer } from '../../platform/http-server';
import { findApiKeyBySecret } from '../tenant/tenant.service';
import { DiagnosticsFile, type DiagnosticsUploadToken } from './diagnostics-file.entity';
import { filePath, findUploadToken, MAX_UPLOAD_BYTES, storeUpload, UploadTokenError, UploadTooLargeError } from './diagnostics.service';

export const UPLOAD_PREFIX = '/uploads/diagnostics';
export const DOWNLOAD_PREFIX = '/files/diagnostics';

/**
 * The charge point's side: `PUT <location>[/<fileName>]` with the raw file, or `POST <location>` as
 * multipart/form-data (the first file part). The token in the URL is the only credential.
 */
export function uploadRoute(app: AppContext) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const [token, ...rest] = segments(req, UPLOAD_PREFIX);
    if (req.method !== 'PUT' && req.method !== 'POST') return reply(res, 405, { error: 'use PUT or POST' }, { allow: 'PUT, POST' });
    const live = token ? await findUploadToken(app, token) : null;
    if (!live) return drainAnd(req, () => reply(res, 404, { error: 'unknown or expired upload URL' }));
    if (Number(req.headers['content-length'] ?? 0) > MAX_UPLOAD_BYTES + 64 * 1024) {
      return drainAnd(req, () => reply(res, 413, { error: `larger than ${MAX_UPLOAD_BYTES} bytes` }, { connection: 'close' }));
    }
    try {
      const isMultipart = (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');
      const file = isMultipart
        ? await storeMultipart(app, live, req)
        : await storeUpload(app, live, req, { fileName: rest.join('/') || 'diagnostics', contentType: req.headers['content-type'] ?? null });
      reply(res, 201, { id: file.id, fileName: file.fileName, size: file.size });
    } catch (error) {
      if (error instanceof UploadTooLargeError) return drainAnd(req, () => reply(res, 413, { error: error.message }, { connection: 'close' }));
      if (error instanceof UploadTokenError) return reply(res, 409, { error: error.message });
      if (error instanceof BadUpload) return drainAnd(req, () => reply(res, 400, { error: error.message }));
      throw error;
    }
  };
}

class BadUpload extends Error {}

function storeMultipart(app: AppContext, token: DiagnosticsUploadToken, req: http.IncomingMessage) {
  return new Promise<DiagnosticsFile>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // One byte over the limit, so the size check in storeUpload sees an oversized file.
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: MAX_UPLOAD_BYTES + 1 } });
    } catch (error) {
      return reject(new BadUpload((error as Error).message));
    }
    let stored: Promise<DiagnosticsFile> | undefined;
    parser.on('file', (_field, stream, info) => {
      stored = storeUpload(app, token, stream, { fileName: info.filename || 'diagnostics', contentType: info.mimeType });
      stored.catch(() => stream.resume());
    });
    parser.on('error', (error) => reject(new BadUpload((error as Error).message)));
    parser.on('close', () => {
      if (!stored) return reject(new BadUpload('no file part in the multipart body'));
      stored.then(resolve, reject);
    });
    req.pipe(parser);
  });
}

/** The tenant's side: `GET /files/diagnostics/<id>` with the tenant's Bearer key. */
export function downloadRoute(app: AppContext) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (req.method !== 'GET') return reply(res, 405, { error: 'use GET' }, { allow: 'GET' });
    const secret = /^\s*Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    const key = secret ? await findApiKeyBySecret(app.orm, secret) : null;
    if (!key) return reply(res, 401, { error: 'a tenant API key is required' }, { 'www-authenticate': 'Bearer' });
    const [id] = segments(req, DOWNLOAD_PREFIX);
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id ?? '');
    // Another tenant's file is NOT_FOUND, exactly like a missing one.
    const file = uuid ? await tenantEm(app.orm, key.tenantId).findOne(DiagnosticsFile, { id }) : null;
    if (!file) return reply(res, 404, { error: 'not found' });
    res.writeHead(200, {
      'content-type': file.contentType || 'application/octet-stream',
      'content-length': String(file.size),
      'content-disposition': `attachment; filename="${file.fileName}"`,
    });
    createReadStream(filePath(app, file))
      .on('error', () => res.destroy())
      .pipe(res);
  };
}

export function mountDiagnosticsRoutes(app: AppContext, http: HttpServer): void {
  http.mount(UPLOAD_PREFIX, uploadRoute(app));
  http.mount(DOWNLOAD_PREFIX, downloadRoute(app));
}

function segments(req: http.IncomingMessage, prefix: string): string[] {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname.slice(prefix.length);
  return path.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
}

function drainAnd(req: http.IncomingMessage, respond: () => void): void {
  respond();
  req.resume();
}

function reply(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
