/**
 * The one place module resolvers meet the schema, and where every root field gets its access gate.
 *
 * To add a module's GraphQL fields (e.g. reservations):
 *  1. Write `src/modules/<x>/<x>.resolvers.ts` exporting an `ApiModule`:
 *       export const reservationApi: ApiModule = {
 *         resolvers: { Query: { reservations: async (_p, args, ctx) => { const { em } = tenantScope(ctx); ... } } },
 *         permissions: { 'Query.reservations': 'read' },
 *       };
 *     Read tenant data only through `tenantScope(ctx).em` (tenant-filtered); throw domain errors
 *     (NotFoundError, BadInputError, ...) and let the formatter map them.
 *  2. Add it to API_MODULES below.
 * Permissions (src/api/access.ts): 'read' (queries and subscriptions, every role), 'operate' (charge points,
 * id tags, commands: OPERATOR and OWNER), 'manageKeys' (OWNER), 'admin' (platform key only). A root field
 * without a permission is refused for everybody; a field listed twice stops the server from starting. Command mutations are not written here: they come from
 * the table in src/modules/command/ocpp-command.resolvers.ts and are completed by command hooks.
 */
import type { GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';
import { Kind, parse, type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode } from 'graphql';
import { idTagApi } from '../modules/authorization/id-tag.resolvers';
import { bulkImportApi } from '../modules/bulk/bulk-import.resolvers';
import { chargePointApi } from '../modules/charge-point/charge-point.resolvers';
import { commandApi } from '../modules/command/command.resolvers';
import { ocppCommandApi } from '../modules/command/ocpp-command.resolvers';
import { rotatePasswordApi } from '../modules/command/rotate-password.resolvers';
import { tenantApi } from '../modules/tenant/tenant.resolvers';
import { transactionApi } from '../modules/transaction/transaction.resolvers';
import { diagnosticsApi } from '../modules/diagnostics/diagnostics.resolvers';
import { firmwareApi } from '../modules/firmware/firmware.resolvers';
import { localListApi } from '../modules/local-list/local-list.resolvers';
import { reservationApi } from '../modules/reservation/reservation.resolvers';
import { smartChargingApi } from '../modules/smart-charging/smart-charging.resolvers';
import { chargingGroupApi } from '../modules/smart-charging/charging-group.resolvers';
import { securityApi } from '../modules/security/security.resolvers';
import { eventApi } from '../modules/event/event.resolvers';
import { webhookApi } from '../modules/webhook/webhook.resolvers';
import { requireAccess, type Permission, type PermissionTable, type RootField } from './access';
import type { ApiModule } from './api-module';
import type { GraphQLContext } from './context';
import { NotAvailableError } from './errors';
import { DateTimeScalar, JsonScalar } from './scalars';

const API_MODULES: ApiModule[] = [
  tenantApi,
  chargePointApi,
  idTagApi,
  transactionApi,
  commandApi,
  ocppCommandApi,
  rotatePasswordApi,
  reservationApi,
  smartChargingApi,
  chargingGroupApi,
  localListApi,
  firmwareApi,
  diagnosticsApi,
  bulkImportApi,
  securityApi,
  eventApi,
  webhookApi,
];

const ROOT_TYPES = ['Query', 'Mutation', 'Subscription'] as const;

type ResolverMap = Record<string, Record<string, unknown>>;

/** Every root field of the schema, e.g. `Query.chargePoint`. */
export function rootFields(typeDefs: string): RootField[] {
  const fields: RootField[] = [];
  for (const definition of parse(typeDefs).definitions) {
    // `extend type Query { ... }` blocks add root fields too, and get the same gate.
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const type = (definition as ObjectTypeDefinitionNode | ObjectTypeExtensionNode).name.value;
    if (!(ROOT_TYPES as readonly string[]).includes(type)) continue;
    for (const field of definition.fields ?? []) fields.push(`${type}.${field.name.value}` as RootField);
  }
  return fields;
}

/** All modules' permissions; a field declared twice is a startup error. */
export function permissionTable(modules: ApiModule[] = API_MODULES): PermissionTable {
  const table: PermissionTable = {};
  for (const source of modules.map((m) => m.permissions)) {
    for (const [field, permission] of Object.entries(source) as Array<[RootField, Permission]>) {
      if (table[field]) throw new Error(`GraphQL permission for ${field} is declared twice`);
      table[field] = permission;
    }
  }
  return table;
}

function mergeResolvers(modules: ApiModule[]): ResolverMap {
  const merged: ResolverMap = {};
  for (const module of modules) {
    for (const [type, fields] of Object.entries(module.resolvers as ResolverMap)) {
      const target = (merged[type] ??= {});
      for (const [field, resolver] of Object.entries(fields)) {
        if (field in target) throw new Error(`GraphQL resolver ${type}.${field} is defined twice`);
        target[field] = resolver;
      }
    }
  }
  return merged;
}

function notServed(field: string): never {
  throw new NotAvailableError(`${field} is not available yet on this server`);
}

function guardField(field: RootField, permission: Permission | undefined, resolver: unknown): unknown {
  if (field.startsWith('Subscription.')) {
    const { subscribe, resolve } = (resolver ?? {}) as { subscribe?: GraphQLFieldResolver<unknown, GraphQLContext>; resolve?: GraphQLFieldResolver<unknown, GraphQLContext> };
    return {
      subscribe(source: unknown, args: unknown, ctx: GraphQLContext, info: GraphQLResolveInfo) {
        requireAccess(ctx, permission);
        return subscribe ? subscribe(source, args, ctx, info) : notServed(field);
      },
      resolve(event: unknown, args: unknown, ctx: GraphQLContext, info: GraphQLResolveInfo) {
        // A subscription lives for hours: each event gets a fresh EntityManager and fresh loaders.
        ctx.tenant?.reset();
        return resolve ? resolve(event, args, ctx, info) : event;
      },
    };
  }
  const resolve = (typeof resolver === 'function' ? resolver : (resolver as { resolve?: unknown } | undefined)?.resolve) as GraphQLFieldResolver<unknown, GraphQLContext> | undefined;
  return (source: unknown, args: unknown, ctx: GraphQLContext, info: GraphQLResolveInfo) => {
    requireAccess(ctx, permission);
    return resolve ? resolve(source, args, ctx, info) : notServed(field);
  };
}

/**
 * The resolver map the server runs: modules merged, scalars added, and every root field of the schema,
 * served or not, wrapped in the access gate with its declared permission (none declared: refused).
 */
export function buildResolvers(typeDefs: string, modules: ApiModule[] = API_MODULES): Record<string, object> {
  const resolvers = mergeResolvers(modules);
  const permissions = permissionTable(modules);
  for (const field of rootFields(typeDefs)) {
    const [type, name] = field.split('.');
    const target = (resolvers[type] ??= {});
    target[name] = guardField(field, permissions[field], target[name]);
  }
  return { ...resolvers, DateTime: DateTimeScalar, JSON: JsonScalar };
}
