import type { RoleModule } from '../roles';
import { mountBulkRoutes } from '../modules/bulk/bulk.routes';
import { mountDiagnosticsRoutes } from '../modules/diagnostics/diagnostics.routes';
import { startFtpUploads } from '../modules/diagnostics/ftp-uploads';
import { mountFirmwareRoutes } from '../modules/firmware/firmware-files.routes';

/**
 * The file endpoints, served wherever the api role runs: diagnostics uploads from charge points (HTTP and
 * FTP), firmware images from tenants and their downloads, bulk import and export.
 */
export const filesRole: RoleModule = {
  name: 'files',
  role: 'api',
  async start(app, http) {
    mountDiagnosticsRoutes(app, http);
    mountFirmwareRoutes(app, http);
    mountBulkRoutes(app, http);
    return { stop: await startFtpUploads(app) };
  },
};
