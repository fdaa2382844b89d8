import type { ApolloServerPlugin } from '@apollo/server';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { isTracing } from '../platform/tracing';
import type { GraphQLContext } from './context';

/**
 * Names and annotates the span graphql-http.ts opens around each GraphQL request over HTTP (the active
 * span while Apollo runs it, so what resolvers start, commands say, are its children): operation type and
 * name, the tenant, and an error status when the answer carries errors. A no-op when not tracing.
 */
export function operationTracingPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      // Not exporting: no span records anything (and looking it up costs a context lookup per request).
      if (!isTracing()) return {};
      const span = trace.getActiveSpan();
      if (!span?.isRecording()) return {};
      return {
        async didResolveOperation({ operation, operationName, contextValue }) {
          if (!operation) return;
          const name = operationName ?? operation.name?.value;
          span.updateName(name ? `${operation.operation} ${name}` : operation.operation);
          span.setAttributes({
            'graphql.operation.type': operation.operation,
            ...(name ? { 'graphql.operation.name': name } : {}),
          });
          const principal = contextValue.principal;
          if (principal?.kind === 'tenant') span.setAttribute('qcharge.tenant_id', principal.tenantId);
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          if (errors.length === 0) return;
          const codes = errors.map((e) => String(e.extensions?.code ?? 'ERROR'));
          span.setAttribute('graphql.error.codes', codes);
          span.setStatus({
            code: SpanStatusCode.ERROR,
            message: errors[0].message,
          });
        },
      };
    },
  };
}
