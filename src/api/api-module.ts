import type { Resolvers } from './generated/graphql';
import type { PermissionTable } from './access';

/**
 * What a module contributes to the GraphQL API: resolvers for its fields (typed from schema.graphql) and
 * the permission each of its root fields needs. Listed in src/api/resolvers.ts.
 */
export interface ApiModule {
  resolvers: Resolvers;
  permissions: PermissionTable;
}
