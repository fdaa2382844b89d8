import type { AppContext } from './app-context';
import type { Role } from './config';
import type { HttpServer } from './platform/http-server';
import { apiRole } from './api/api.role';
import { filesRole } from './files/files.role';
import { workerRole } from './worker/worker.role';

/**
 * What each role adds to a process besides the OCPP listener (ingress) and the health endpoints every
 * process serves. `start` returns how to stop it.
 */
export interface RoleModule {
  /** What it is, in logs. */
  name: string;
  /** The ROLES entry that starts it. */
  role: Role;
  start(app: AppContext, http: HttpServer): Promise<(() => Promise<void>) | void>;
}

export const ROLE_MODULES: RoleModule[] = [apiRole, filesRole, workerRole];
