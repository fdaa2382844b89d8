import type { RoleModule } from '../../roles';
import { mountBulkRoutes } from '../bulk/bulk.routes';
import { mountFirmwareRoutes } from '../firmware/firmware-files.routes';
import { mountDiagnosticsRoutes } from './diagnostics.routes';
import { startFtpUploads } from './ftp-uploads';

/** The api role's file endpoints: diagnostics uploads from charge points (http and FTP), firmware images from tenants, and their downloads. */
export const uploadsRole: RoleModule = {
  name: 'api',
  async start(app, http) {
    mountDiagnosticsRoutes(app, http);
    mountFirmwareRoutes(app, http);
    mountBulkRoutes(app, http);
    return startFtpUploads(app);
  },
};
