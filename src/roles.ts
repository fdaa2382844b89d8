import type { AppContext } from './app-context';
import type { Role } from './config';
import type { HttpServer } from './platform/http-server';
import { apiRole } from './api/api.role';
import { filesRole } from './files/files.role';
import { ingressRole } from './ingress/ingress.role';
import { workerRole } from './worker/worker.role';

/**
 * What a role adds to a process besides the health endpoints every process serves. The modules whose
 * `role` is named in ROLES start in the order of ROLE_MODULES, before the HTTP server listens.
 */
export interface RoleModule {
  /** What it is, in logs. */
  name: string;
  /** The ROLES entry that starts it. */
  role: Role;
  start(app: AppContext, http: HttpServer): Promise<RunningRole>;
}

/**
 * A started role. A shutdown goes in two phases: every role's `disconnect` (stop taking work from
 * outside: the ingress closes its sockets), then the HTTP server closes (in-flight requests finish), then
 * every role's `stop`, in reverse start order.
 */
export interface RunningRole {
  /** The ports of the listeners it opened itself (the ingress: OCPP, and OCPP over TLS when configured). */
  ports?: { ocpp?: number; ocppTls?: number };
  disconnect?(): Promise<void>;
  stop?(): Promise<void>;
}

export const ROLE_MODULES: RoleModule[] = [apiRole, filesRole, workerRole, ingressRole];
