import type { AppContext } from '../app-context';
import type { Actor } from '../modules/command/command.service';
import { tenantEm, type TenantEm } from '../platform/db';
import type { Principal } from './auth';
import { createLoaders, type Loaders } from './loaders';

/** The tenant a request is about, fixed by its key: every resolver reads tenant data through `em`. */
export interface TenantScope {
  readonly tenantId: string;
  /** This request's EntityManager fork with the tenant filter on (tenancy point 2). */
  readonly em: TenantEm;
  /** Per-request batching (DataLoader), so lists never cost one query per row. */
  readonly loaders: Loaders;
  readonly actor: Actor;
  /** Drops the EntityManager and loaders, so a long-lived subscription does not grow them per event. */
  reset(): void;
}

export interface GraphQLContext {
  app: AppContext;
  /** null: no key, or an unknown or revoked one. */
  principal: Principal | null;
  /** Set for tenant keys only. */
  tenant?: TenantScope;
}

export function createContext(app: AppContext, principal: Principal | null): GraphQLContext {
  const ctx: GraphQLContext = { app, principal };
  if (principal?.kind === 'tenant') ctx.tenant = createTenantScope(app, principal.tenantId, { keyId: principal.keyId, name: principal.keyName });
  return ctx;
}

/** A scope whose EntityManager and loaders are made on first use (many requests never touch them). */
export function createTenantScope(app: AppContext, tenantId: string, actor: Actor): TenantScope {
  let em: TenantEm | undefined;
  let loaders: Loaders | undefined;
  const scope: TenantScope = {
    tenantId,
    actor,
    get em() {
      return (em ??= tenantEm(app.orm, tenantId));
    },
    get loaders() {
      return (loaders ??= createLoaders(app, tenantId, scope.em));
    },
    reset() {
      em = undefined;
      loaders = undefined;
    },
  };
  return scope;
}
