import type { RoleModule } from '../../roles';
import { mountDiagnosticsRoutes } from './diagnostics.routes';

/** The api role's file endpoints: diagnostics uploads from charge points and downloads by the tenant. */
export const uploadsRole: RoleModule = {
  name: 'api',
  async start(app, http) {
    mountDiagnosticsRoutes(app, http);
  },
};
