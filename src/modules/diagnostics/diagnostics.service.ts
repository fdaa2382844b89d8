import { randomUUID } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../app-context';
import { clock } from '../../platform/clock';
import { platformEm, tenantEm, type TenantEm } from '../../platform/db';
import { hashUrlToken, newUrlToken, safeFileName, storedFilePath, streamToPartialFile } from '../../platform/file-store';
import { ChargePoint } from '../charge-point/charge-point.entity';
import { DiagnosticsFile, DiagnosticsUploadToken } from './diagnostics-file.entity';

/** Largest diagnostics upload accepted. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** A charge point may wait for startTime/stopTime and retry, so the URL stays valid for a day. */
const UPLOAD_TOKEN_TTL_MS = 24 * 3600_000;

export class UploadTokenError extends Error {}

/**
 * A one-time upload URL for GetDiagnostics without a location, of the scheme the charge point is set to:
 * http(s) under PUBLIC_API_URL, or ftp with a user and password that work for this one upload.
 */
export async function createUploadLocation(app: AppContext, em: TenantEm, tenantId: string, chargePointId: string): Promise<string> {
  const { token, hash } = newUrlToken();
  const row = em.create(DiagnosticsUploadToken, { tenantId, chargePointId, tokenHash: hash, expiresAt: new Date(clock.now().getTime() + UPLOAD_TOKEN_TTL_MS), createdAt: clock.now() });
  em.persist(row);
  await em.flush();
  const chargePoint = await em.findOne(ChargePoint, { identity: chargePointId }, { fields: ['uploadProtocol'] });
  if (chargePoint?.uploadProtocol !== 'FTP') return `${app.config.publicApiUrl}/uploads/diagnostics/${token}`;
  return `ftp://${ftpUserFor(row)}:${token}@${urlHost(app.config.publicFtpHost)}:${app.config.ftpPort}/`;
}

/** The FTP user of an upload token: random per upload, like its password (the token). */
export function ftpUserFor(token: DiagnosticsUploadToken): string {
  return `u${token.id.replace(/-/g, '').slice(0, 12)}`;
}

function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** The token in an upload URL the CSMS handed out, or null for anyone else's location. */
function tokenOfLocation(app: AppContext, location: string): string | null {
  const prefix = `${app.config.publicApiUrl}/uploads/diagnostics/`;
  if (location.startsWith(prefix)) return location.slice(prefix.length).split('/')[0] || null;
  if (!location.startsWith('ftp://')) return null;
  try {
    const url = new URL(location);
    return url.hostname === new URL(`ftp://${urlHost(app.config.publicFtpHost)}`).hostname && url.password ? decodeURIComponent(url.password) : null;
  } catch {
    return null;
  }
}

/**
 * The charge point answered GetDiagnostics with the name of the file it will upload: kept on the upload URL
 * (when it is ours), for an upload that names no file itself.
 */
export async function recordExpectedFileName(app: AppContext, em: TenantEm, location: string, fileName: string): Promise<void> {
  const token = tokenOfLocation(app, location);
  if (!token) return;
  await em.nativeUpdate(DiagnosticsUploadToken, { tokenHash: hashUrlToken(token) }, { fileName: safeFileName(fileName, 'diagnostics') });
}

/** The live token for an upload. Looked up across tenants: the token is what names the tenant. */
export async function findUploadToken(app: AppContext, token: string): Promise<DiagnosticsUploadToken | null> {
  const row = await platformEm(app.orm).findOne(DiagnosticsUploadToken, { tokenHash: hashUrlToken(token) }, { filters: false });
  if (!row || row.usedAt || row.expiresAt.getTime() <= clock.now().getTime()) return null;
  return row;
}

/**
 * Streams one upload to DATA_DIR/<tenantId>/diagnostics/, then claims the token; the token is spent only
 * by a complete upload, so a charge point whose upload broke off can retry with the same URL.
 */
export async function storeUpload(
  app: AppContext,
  token: DiagnosticsUploadToken,
  body: Readable,
  meta: { fileName: string; contentType?: string | null },
): Promise<DiagnosticsFile> {
  const fileId = randomUUID();
  const relative = path.join(token.tenantId, 'diagnostics', fileId);
  const target = path.join(app.config.dataDir, relative);
  const { partial, size } = await streamToPartialFile(body, target, MAX_UPLOAD_BYTES);
  const em = tenantEm(app.orm, token.tenantId);
  const claimed = await em.nativeUpdate(DiagnosticsUploadToken, { id: token.id, usedAt: null, expiresAt: { $gt: clock.now() } }, { usedAt: clock.now(), fileId });
  if (claimed === 0) {
    await rm(partial, { force: true });
    throw new UploadTokenError('upload URL already used or expired');
  }
  await rename(partial, target);
  const file = em.create(DiagnosticsFile, {
    id: fileId,
    tenantId: token.tenantId,
    chargePointId: token.chargePointId,
    fileName: safeFileName(meta.fileName, 'diagnostics'),
    size,
    contentType: meta.contentType ?? null,
    storagePath: relative,
    uploadedAt: clock.now(),
  });
  await em.persistAndFlush(file);
  return file;
}

export function filePath(app: AppContext, file: DiagnosticsFile): string {
  return storedFilePath(app.config.dataDir, file);
}

export async function listDiagnosticsFiles(em: TenantEm, chargePointId: string) {
  return em.find(DiagnosticsFile, { chargePointId }, { orderBy: { uploadedAt: 'desc' }, limit: 1000 });
}

export function diagnosticsFileView(app: AppContext, f: DiagnosticsFile) {
  return {
    id: f.id,
    chargePointId: f.chargePointId,
    fileName: f.fileName,
    size: f.size,
    contentType: f.contentType ?? null,
    uploadedAt: f.uploadedAt.toISOString(),
    downloadUrl: `${app.config.publicApiUrl}/files/diagnostics/${f.id}`,
  };
}
