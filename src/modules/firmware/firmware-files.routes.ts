import type http from 'node:http';
import type { AppContext } from '../../app-context';
import { FileTooLargeError } from '../../platform/file-store';
import type { HttpServer } from '../../platform/http-server';
import { pathSegments, replyAndDrain, replyJson, sendStoredFile } from '../../platform/http-replies';
import { authenticate } from '../../api/auth';
import { FIRMWARE_DOWNLOAD_PREFIX, FirmwareQuotaError, MAX_FIRMWARE_BYTES, findFirmwareDownload, firmwareFilePath, firmwareFileView, storeFirmwareFile } from './firmware-files.service';

export const FIRMWARE_UPLOAD_PREFIX = '/files/firmware';

/** The tenant's side: `PUT /files/firmware/<fileName>` with the raw image and an OWNER or OPERATOR key. */
export function firmwareUploadRoute(app: AppContext) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (req.method !== 'PUT') return replyAndDrain(req, res, 405, { error: 'use PUT /files/firmware/<fileName>' }, { allow: 'PUT' });
    const key = await authenticate(app, req.headers.authorization);
    if (key?.kind !== 'tenant') return replyAndDrain(req, res, 401, { error: 'a tenant API key is required' }, { 'www-authenticate': 'Bearer' });
    if (key.role === 'VIEWER') return replyAndDrain(req, res, 403, { error: 'a VIEWER key may not upload firmware' });
    const fileName = pathSegments(req, FIRMWARE_UPLOAD_PREFIX).join('/');
    if (!fileName) return replyAndDrain(req, res, 400, { error: 'name the file: PUT /files/firmware/<fileName>' });
    if (Number(req.headers['content-length'] ?? 0) > MAX_FIRMWARE_BYTES) {
      return replyAndDrain(req, res, 413, { error: `larger than ${MAX_FIRMWARE_BYTES} bytes` }, { connection: 'close' });
    }
    try {
      const declaredLength = Number(req.headers['content-length'] ?? 0) || undefined;
      const file = await storeFirmwareFile(app, key.tenantId, req, { fileName, contentType: req.headers['content-type'] ?? null, declaredLength });
      app.log.info({ tenantId: key.tenantId, fileId: file.id, size: file.size }, 'firmware file uploaded');
      replyJson(res, 201, firmwareFileView(file));
    } catch (error) {
      if (error instanceof FileTooLargeError || error instanceof FirmwareQuotaError) {
        return replyAndDrain(req, res, 413, { error: error.message }, { connection: 'close' });
      }
      throw error;
    }
  };
}

/** The charge point's side: `GET /downloads/firmware/<token>/<fileName>`; the token is the only credential. */
export function firmwareDownloadRoute(app: AppContext) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return replyJson(res, 405, { error: 'use GET' }, { allow: 'GET, HEAD' });
    const [token] = pathSegments(req, FIRMWARE_DOWNLOAD_PREFIX);
    const found = token ? await findFirmwareDownload(app, token) : null;
    if (!found) return replyJson(res, 404, { error: 'unknown or expired download URL' });
    const { file, chargePointId } = found;
    app.log.info({ tenantId: file.tenantId, chargePointId, fileId: file.id, method: req.method }, 'firmware download');
    sendStoredFile(req, res, file, firmwareFilePath(app, file));
  };
}

export function mountFirmwareRoutes(app: AppContext, http: HttpServer): void {
  http.mount(FIRMWARE_UPLOAD_PREFIX, firmwareUploadRoute(app));
  http.mount(FIRMWARE_DOWNLOAD_PREFIX, firmwareDownloadRoute(app));
}
