import { randomUUID } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../app-context';
import { clock } from '../../platform/clock';
import { platformEm, tenantEm, tenantSql, type TenantEm } from '../../platform/db';
import { NotFoundError } from '../../platform/errors';
import { hashUrlToken, newUrlToken, safeFileName, storedFilePath, streamToPartialFile } from '../../platform/file-store';
import { UUID_PATTERN } from '../../platform/http-replies';
import { FirmwareDownloadToken, FirmwareFile } from './firmware-file.entity';
import { FirmwareQuotaError, FirmwareQuotaReservation } from './firmware-quota';

/** Largest firmware image accepted. */
export const MAX_FIRMWARE_BYTES = 512 * 1024 * 1024;
/** A download URL outlives the update's retrieveDate by a week: the charge point may retry for a while. */
const DOWNLOAD_TTL_MS = 7 * 24 * 3600_000;

export const FIRMWARE_DOWNLOAD_PREFIX = '/downloads/firmware';

export { FirmwareQuotaError };

/**
 * Streams a tenant's upload to DATA_DIR/<tenantId>/firmware/<id> and records it with its size and SHA-256.
 * Quota (FIRMWARE_QUOTA_MB; images are deleted with deleteFirmwareFile) is reserved as the bytes arrive
 * (the declared length at once), so parallel uploads cannot pass it together; over it the upload is cut
 * off with FirmwareQuotaError. The file is moved into place only once its row is stored.
 */
export async function storeFirmwareFile(
  app: AppContext,
  tenantId: string,
  body: Readable,
  meta: { fileName: string; contentType?: string | null; declaredLength?: number },
): Promise<FirmwareFile> {
  const em = tenantEm(app.orm, tenantId);
  const quota = app.config.firmwareQuotaBytes;
  const reservation = new FirmwareQuotaReservation(em, quota);
  try {
    if (meta.declaredLength) await reservation.cover(meta.declaredLength);
    const id = randomUUID();
    const relative = path.join(tenantId, 'firmware', id);
    const target = path.join(app.config.dataDir, relative);
    const { partial, size, sha256 } = await streamToPartialFile(body, target, Math.min(MAX_FIRMWARE_BYTES, quota), (received) => reservation.cover(received));
    const file = em.create(FirmwareFile, {
      id,
      tenantId,
      fileName: safeFileName(meta.fileName, 'firmware.bin'),
      size,
      sha256,
      contentType: meta.contentType ?? null,
      storagePath: relative,
      uploadedAt: clock.now(),
    });
    try {
      await em.transactional(async (tx) => {
        tx.persist(file);
        await tx.flush();
        await reservation.releaseIn(tx);
      });
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    await rename(partial, target);
    return file;
  } finally {
    // Also after success: a no-op then. The reservation is gone once the file row holds its bytes.
    await reservation.release().catch((error) => app.log.warn({ err: error, tenantId }, 'firmware quota reservation not released (it expires)'));
  }
}

/** Deletes a hosted image (row, file and its download URLs). */
export async function deleteFirmwareFile(app: AppContext, em: TenantEm, id: string): Promise<void> {
  const file = UUID_PATTERN.test(id) ? await em.findOne(FirmwareFile, { id }) : null;
  if (!file) throw new NotFoundError('Firmware file not found');
  await em.nativeDelete(FirmwareDownloadToken, { tenantId: file.tenantId, fileId: file.id });
  await em.nativeDelete(FirmwareFile, { tenantId: file.tenantId, id: file.id });
  await rm(firmwareFilePath(app, file), { force: true });
}

/**
 * The location for an UpdateFirmware of a hosted image: a URL of its own for this charge point, ending in
 * the file's name (some charge points read the name from the URL).
 */
export async function createFirmwareLocation(app: AppContext, em: TenantEm, tenantId: string, chargePointId: string, fileId: string, retrieveDate: string | undefined): Promise<string> {
  const file = UUID_PATTERN.test(fileId) ? await em.findOne(FirmwareFile, { id: fileId }) : null;
  if (!file) throw new NotFoundError('Firmware file not found');
  const { token, hash } = newUrlToken();
  const from = Math.max(clock.now().getTime(), retrieveDate ? new Date(retrieveDate).getTime() || 0 : 0);
  em.persist(em.create(FirmwareDownloadToken, { tenantId, chargePointId, fileId, tokenHash: hash, expiresAt: new Date(from + DOWNLOAD_TTL_MS), createdAt: clock.now() }));
  await em.flush();
  return `${app.config.publicApiUrl}${FIRMWARE_DOWNLOAD_PREFIX}/${token}/${encodeURIComponent(file.fileName)}`;
}

/** The hosted file a live download token names, counting the download. Looked up across tenants: the token names the tenant. */
export async function findFirmwareDownload(app: AppContext, token: string): Promise<{ file: FirmwareFile; chargePointId: string } | null> {
  const row = await platformEm(app.orm).findOne(FirmwareDownloadToken, { tokenHash: hashUrlToken(token), expiresAt: { $gt: clock.now() } }, { filters: false });
  if (!row) return null;
  const em = tenantEm(app.orm, row.tenantId);
  const file = await em.findOne(FirmwareFile, { id: row.fileId });
  if (!file) return null;
  await tenantSql(em, `update "firmware_download_token" set "downloads" = "downloads" + 1 where "id" = ? and "tenant_id" = $tenant`, [row.id]);
  return { file, chargePointId: row.chargePointId };
}

export function firmwareFilePath(app: AppContext, file: FirmwareFile): string {
  return storedFilePath(app.config.dataDir, file);
}

export async function listFirmwareFiles(em: TenantEm): Promise<FirmwareFile[]> {
  return em.find(FirmwareFile, {}, { orderBy: { uploadedAt: 'desc' }, limit: 1000 });
}

export function firmwareFileView(f: FirmwareFile) {
  return { id: f.id, fileName: f.fileName, size: f.size, sha256: f.sha256, contentType: f.contentType ?? null, uploadedAt: f.uploadedAt.toISOString() };
}
