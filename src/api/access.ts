import type { ApiKeyRole } from '../modules/tenant/api-key.entity';
import { ForbiddenError, UnauthenticatedError } from '../platform/errors';
import type { MutationResolvers, QueryResolvers, SubscriptionResolvers } from './generated/graphql';
import type { GraphQLContext, TenantScope } from './context';

/**
 * What a root field needs. `admin` is the platform key's only permission; tenant roles get the others:
 * - read: queries and subscriptions (every role);
 * - operate: charge points, id tags and commands (OPERATOR, OWNER);
 * - manageKeys: API keys and webhooks (OWNER).
 */
export type Permission = 'admin' | 'read' | 'operate' | 'manageKeys';

const ROLE_PERMISSIONS: Record<ApiKeyRole, ReadonlySet<Permission>> = {
  OWNER: new Set(['read', 'operate', 'manageKeys']),
  OPERATOR: new Set(['read', 'operate']),
  VIEWER: new Set(['read']),
};

/** Every root field by name, e.g. `Mutation.reset`; the compiler checks permission tables against the schema. */
export type RootField =
  | `Query.${keyof QueryResolvers & string}`
  | `Mutation.${keyof MutationResolvers & string}`
  | `Subscription.${keyof SubscriptionResolvers & string}`;

export type PermissionTable = Partial<Record<RootField, Permission>>;

/**
 * THE access gate. Every root resolver passes through it (resolvers.ts wraps them); a field without an
 * entry in a permission table never reaches its resolver.
 */
export function requireAccess(ctx: GraphQLContext, permission: Permission | undefined): void {
  const principal = ctx.principal;
  if (!principal) throw new UnauthenticatedError('A valid API key is required (Authorization: Bearer <key>)');
  if (permission === undefined) throw new ForbiddenError('This operation is not open to any key');
  if (principal.kind === 'admin') {
    if (permission !== 'admin') throw new ForbiddenError('The platform admin key may only call admin operations');
    return;
  }
  if (permission === 'admin') throw new ForbiddenError('Only the platform admin key may call this operation');
  if (!ROLE_PERMISSIONS[principal.role].has(permission)) {
    throw new ForbiddenError(`A ${principal.role} key may not call this operation`);
  }
}

/** The caller's tenant scope; only reachable after the gate let a tenant key through. */
export function tenantScope(ctx: GraphQLContext): TenantScope {
  if (!ctx.tenant) throw new ForbiddenError('This operation needs a tenant API key');
  return ctx.tenant;
}
