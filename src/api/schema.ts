import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { buildResolvers } from './resolvers';

// schema.graphql sits at the repo root: two levels up from src/api, three from dist/src/api.
const CANDIDATES = [path.resolve(__dirname, '../../schema.graphql'), path.resolve(__dirname, '../../../schema.graphql')];

export function schemaPath(): string {
  const found = CANDIDATES.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`schema.graphql not found (looked at ${CANDIDATES.join(', ')})`);
  return found;
}

export function readTypeDefs(): string {
  return readFileSync(schemaPath(), 'utf8');
}

/** The served schema: exactly schema.graphql, with the module resolvers behind the access gate. */
export function buildApiSchema(typeDefs: string = readTypeDefs()): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs,
    resolvers: buildResolvers(typeDefs),
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
}
