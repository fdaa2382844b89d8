import busboy from 'busboy';
import type http from 'node:http';
import type { AppContext } from '../../app-context';
import { tenantEm } from '../../platform/db';
import type { HttpServer } from '../../platform/http-server';
import { authenticate } from '../../api/auth';
import { DiagnosticsFile, type DiagnosticsUploadToken } from './diagnostics-file.entity';
import { FileTooLargeError } from '../../platform/file-store';
import { pathSegments, replyAndDrain, replyJson, sendStoredFile, UUID_PATTERN } from '../../platform/http-replies';
import { filePath, findUploadToken, MAX_UPLOAD_BYTES, storeUpload, UploadTokenError } from './diagnostics.service';

export const UPLOAD_PREFIX = '/uploads/diagnostics';
export const DOWNLOAD_PREFIX = '/files/diagnostics';

/**
 * The charge point's side: `PUT <location>[/<fileName>]` with the raw file, or `POST <location>` as
 * multipart/form-data (the first file part). The token in the URL is the only credential.
 */
export function uploadRoute(app: AppContext) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const [token, ...rest] = pathSegments(req, UPLOAD_PREFIX);
    if (req.method !== 'PUT' && req.method !== 'POST') return replyAndDrain(req, res, 405, { error: 'use PUT or POST' }, { allow: 'PUT, POST' });
    const live = token ? await findUploadToken(app, token) : null;
    if (!live) return replyAndDrain(req, res, 404, { error: 'unknown or expired upload URL' });
    if (Number(req.headers['content-length'] ?? 0) > MAX_UPLOAD_BYTES + 64 * 1024) {
      return replyAndDrain(req, res, 413, { error: `larger than ${MAX_UPLOAD_BYTES} bytes` }, { connection: 'close' });
    }
    try {
      const isMultipart = (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');
      const file = isMultipart
        ? await storeMultipart(app, live, req)
        : await storeUpload(app, live, req, { fileName: rest.join('/') || live.fileName || 'diagnostics', contentType: req.headers['content-type'] ?? null });
      replyJson(res, 201, { id: file.id, fileName: file.fileName, size: file.size });
    } catch (error) {
      if (error instanceof FileTooLargeError) return replyAndDrain(req, res, 413, { error: error.message }, { connection: 'close' });
      if (error instanceof UploadTokenError) return replyJson(res, 409, { error: error.message });
      if (error instanceof BadUpload) return replyAndDrain(req, res, 400, { error: error.message });
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
      stored = storeUpload(app, token, stream, { fileName: info.filename || token.fileName || 'diagnostics', contentType: info.mimeType });
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
    if (req.method !== 'GET') return replyJson(res, 405, { error: 'use GET' }, { allow: 'GET' });
    const key = await authenticate(app, req.headers.authorization);
    if (key?.kind !== 'tenant') return replyJson(res, 401, { error: 'a tenant API key is required' }, { 'www-authenticate': 'Bearer' });
    const [id] = pathSegments(req, DOWNLOAD_PREFIX);
    // Another tenant's file is NOT_FOUND, exactly like a missing one.
    const file = UUID_PATTERN.test(id ?? '') ? await tenantEm(app.orm, key.tenantId).findOne(DiagnosticsFile, { id }) : null;
    if (!file) return replyJson(res, 404, { error: 'not found' });
    sendStoredFile(req, res, file, filePath(app, file));
  };
}

export function mountDiagnosticsRoutes(app: AppContext, http: HttpServer): void {
  http.mount(UPLOAD_PREFIX, uploadRoute(app));
  http.mount(DOWNLOAD_PREFIX, downloadRoute(app));
}
