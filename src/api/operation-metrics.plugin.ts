import type { ApolloServerPlugin } from '@apollo/server';
import { logScope } from '../platform/logger';
import { graphqlOperationSeconds, operationNameLabel } from '../platform/metrics';
import type { GraphQLContext } from './context';

/**
 * Times every GraphQL operation over HTTP into qcharge_graphql_operation_seconds (by type and name) and
 * names the operation in the request's log scope, so every line logged while it runs says which it was.
 * Requests that never resolve to an operation (parse or validation errors) are not timed.
 */
export function operationMetricsPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      let type: string | undefined;
      let name = '';
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!operation) return;
          const resolvedName = operationName ?? operation.name?.value ?? null;
          type = operation.operation;
          name = operationNameLabel(resolvedName);
          const scope = logScope.getStore();
          if (scope) {
            scope.operationType = type;
            scope.operationName = resolvedName;
          }
        },
        async willSendResponse({ contextValue, response }) {
          const seconds = (performance.now() - started) / 1000;
          if (type) graphqlOperationSeconds.observe({ type, name }, seconds);
          if (!contextValue.app.log.isLevelEnabled('debug')) return;
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors?.length ?? 0) : 0;
          contextValue.app.log.debug({ durationMs: Math.round(seconds * 1000 * 10) / 10, errors }, 'graphql operation');
        },
      };
    },
  };
}
