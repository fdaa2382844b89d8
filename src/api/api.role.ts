import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { RoleModule } from '../roles';
import type { GraphQLContext } from './context';
import { formatGraphQLError } from './errors';
import { graphqlHttpHandler } from './graphql-http';
import { withGraphqlIde } from './graphql-ide';
import { mountGraphqlWs } from './graphql-ws';
import { memoizeApolloMediaTypes } from './media-type-memo';
import { PARSE_OPTIONS, validationRules } from './limits';
import { nulRefusalPlugin } from './nul-refusal';
import { operationMetricsPlugin } from './operation-metrics.plugin';
import { operationTracingPlugin } from './operation-tracing.plugin';
import { buildApiSchema } from './schema';

/** The api role: GraphQL over HTTP (Apollo Server) and WebSocket (graphql-ws) at /graphql on API_PORT. */
export const apiRole: RoleModule = {
  name: 'api',
  role: 'api',
  async start(app, http) {
    const introspection = app.config.graphqlIntrospection;
    const schema = buildApiSchema();
    memoizeApolloMediaTypes();
    const apollo = new ApolloServer<GraphQLContext>({
      schema,
      introspection,
      includeStacktraceInErrorResponses: false,
      parseOptions: PARSE_OPTIONS,
      validationRules: validationRules({ introspection: true }),
      formatError: (formatted, error) => formatGraphQLError(formatted, error, app.log),
      // No cache hints in the schema: the cache-control plugin would only wrap every field resolver to work out
      // `no-store`, which graphql-http.ts sets itself. The schema is no federation subgraph: Apollo's implicit
      // inline-trace plugin would only be asked, per request, whether it is.
      plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), ApolloServerPluginInlineTraceDisabled(), operationMetricsPlugin(), nulRefusalPlugin<GraphQLContext>(), operationTracingPlugin()],
    });
    await apollo.start();
    const graphqlHttp = graphqlHttpHandler(app, apollo);
    http.mount('/graphql', app.config.graphqlIde ? withGraphqlIde(graphqlHttp) : graphqlHttp);
    const stopWs = mountGraphqlWs(app, http, schema, { introspection });
    return {
      async stop() {
        await stopWs();
        await apollo.stop();
      },
    };
  },
};
