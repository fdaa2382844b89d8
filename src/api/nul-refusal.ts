import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type ValidationRule } from 'graphql';
import { BadInputError } from '../platform/errors';

/**
 * No text a client sends may hold U+0000: PostgreSQL cannot take it in a text parameter (08P01), so it would
 * fail as an internal error counted as a database outage. It is the client's error (BAD_USER_INPUT), refused
 * before any resolver runs: in the document's string literals (a validation rule, both transports) and in
 * the variables (the plugin below over HTTP, `nulInVariables` in graphql-ws's onSubscribe).
 */
const MESSAGE = 'Text must not contain U+0000';

function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (typeof value === 'object' && value !== null) return Object.entries(value).some(([key, item]) => holdsNul(key) || holdsNul(item));
  return false;
}

export const NoNulInStringsRule: ValidationRule = (context) => ({
  StringValue(node) {
    if (node.value.includes('\u0000')) context.reportError(new GraphQLError(MESSAGE, { nodes: node }));
  },
});

/** The refusal for variables holding a NUL, or null when they hold none. */
export function nulInVariables(variables: unknown): GraphQLError | null {
  if (!holdsNul(variables)) return null;
  const refusal = new BadInputError(MESSAGE);
  return new GraphQLError(refusal.message, { originalError: refusal, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

export function nulRefusalPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          const refused = nulInVariables(request.variables);
          if (refused) throw refused;
        },
      };
    },
  };
}
