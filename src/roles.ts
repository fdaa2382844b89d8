import type { AppContext } from './app-context';
import type { HttpServer } from './platform/http-server';
import { apiRole } from './api/api.role';
import { workerRole } from './worker/worker.role';
import { uploadsRole } from './modules/diagnostics/uploads.role';

/**
 * What each role adds to a process besides the OCPP listener (ingress) and the health endpoints every
 * process serves. `start` returns how to stop it.
 */
export interface RoleModule {
  name: string;
  /** Started in every process, whatever ROLES says (e.g. the command scheduler's producer side). */
  always?: boolean;
  start(app: AppContext, http: HttpServer): Promise<(() => Promise<void>) | void>;
}

export const ROLE_MODULES: RoleModule[] = [apiRole, uploadsRole, workerRole];
