import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { buildClientSchema, buildSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema, type GraphQLFormattedError } from 'graphql';
import { formatGraphQLError } from '../src/api/errors';
import { buildResolvers, permissionTable, rootFields } from '../src/api/resolvers';
import { createContext } from '../src/api/context';
import { readTypeDefs } from '../src/api/schema';
import { createLogger } from '../src/platform/logger';
import type { RunningServer } from '../src/server';
import { graphqlClient } from './support/graphql-client';
import { startTestServer } from './support/harness';
import { seedTenant } from './support/seed';

const ROOT = path.resolve(__dirname, '..');
let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.stop();
});

function canonical(schema: import('graphql').GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema));
}

describe('schema', () => {
  it('serves exactly schema.graphql', async () => {
    const result = await graphqlClient(server).data(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    const served = buildClientSchema(result);
    const file = buildSchema(readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8'));
    expect(canonical(served)).toBe(canonical(file));
  });

  it('has committed resolver types generated from the current schema', async () => {
    // codegen's programmatic API in a child process: jest cannot load its ESM dependencies.
    const generated = execFileSync(
      process.execPath,
      [
        '-e',
        `require('ts-node').register({ transpileOnly: true });
         const { generate } = require('@graphql-codegen/cli');
         generate({ ...require('./codegen.ts').default, silent: true }, false).then((files) => process.stdout.write(files[0].content));`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const committed = readFileSync(path.join(ROOT, 'src/api/generated/graphql.ts'), 'utf8');
    expect(generated.trim() === committed.trim() ? 'up to date' : 'stale: run npm run codegen').toBe('up to date');
  }, 60_000);

  it('declares a permission for every Query, Mutation and Subscription field', () => {
    const table = permissionTable();
    const missing = rootFields(readTypeDefs()).filter((field) => !table[field]);
    expect(missing).toEqual([]);
  });

  it('refuses a resolver that has no permission, whoever calls', async () => {
    const typeDefs = readTypeDefs();
    const queryMe = (built: Record<string, object>) => (built.Query as Record<string, (...args: unknown[]) => unknown>).me;
    const resolvers = buildResolvers(typeDefs, [{ permissions: {}, resolvers: { Query: { me: () => ({ id: 'x' }) as any } } }]);
    const owner = createContext(server.app, { kind: 'tenant', tenantId: '00000000-0000-0000-0000-000000000000', keyId: 'k', keyName: 'k', role: 'OWNER' });
    const admin = createContext(server.app, { kind: 'admin' });
    for (const ctx of [owner, admin]) {
      expect(() => queryMe(resolvers)({}, {}, ctx, {})).toThrow(/not open to any key/);
    }
    // A field with a permission but no resolver yet passes the gate and says so, instead of crashing.
    const pending = buildResolvers(typeDefs, [{ permissions: { 'Query.me': 'read' }, resolvers: {} }]);
    expect(() => queryMe(pending)({}, {}, owner, {})).toThrow(/Query.me is not available yet/);
  });
});

describe('limits and errors', () => {
  let viewer: ReturnType<typeof graphqlClient>;
  beforeAll(async () => {
    viewer = graphqlClient(server, (await seedTenant(server)).ownerKey);
  });

  it('answers BAD_USER_INPUT for parse and validation errors, caps aliases and cuts page sizes', async () => {
    expect(await viewer.errorCode(`{ chargePoints { `)).toBe('BAD_USER_INPUT');
    expect(await viewer.errorCode(`{ noSuchField }`)).toBe('BAD_USER_INPUT');
    expect(await viewer.errorCode(`query($id: Int!) { transaction(id: $id) { id } }`, { id: 'x' })).toBe('BAD_USER_INPUT');
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: me { id }`).join(' ');
    expect(await viewer.errorCode(`{ ${aliases} }`)).toBe('BAD_USER_INPUT');
    const nested = `{ chargePoints { edges { node { connectors { connectorId } } } } }`;
    expect((await viewer.request(nested)).errors).toBeUndefined();
    // Past the cap a page is cut, not refused; a negative size is refused.
    expect(await viewer.errorCode(`{ chargePoints(first: 201) { totalCount } }`)).toBeUndefined();
    expect(await viewer.errorCode(`{ commands(first: 501) { totalCount } }`)).toBeUndefined();
    expect(await viewer.errorCode(`{ commands(first: -1) { totalCount } }`)).toBe('BAD_USER_INPUT');
    expect(await viewer.errorCode(`{ chargePoints(after: "garbage") { totalCount } }`)).toBe('BAD_USER_INPUT');
  });

  it('parses DateTime as RFC 3339 and answers it in UTC', async () => {
    const upsert = `mutation($d: DateTime) { upsertIdTag(input: { idTag: "DT-TAG", expiryDate: $d }) { idTag { expiryDate } } }`;
    const { upsertIdTag } = await viewer.data(upsert, { d: '2030-01-02T03:04:05+02:00' });
    expect(upsertIdTag.idTag.expiryDate).toBe('2030-01-02T01:04:05.000Z');
    for (const bad of ['2030-01-02', 'tomorrow', '2030-02-31T00:00:00Z', '2030-01-02T03:04:05']) {
      expect(await viewer.errorCode(upsert, { d: bad })).toBe('BAD_USER_INPUT');
    }
    expect(await viewer.errorCode(`mutation { upsertIdTag(input: { idTag: "DT", expiryDate: "nope" }) { idTag { idTag } } }`)).toBe('BAD_USER_INPUT');
  });

  it('never sends internal details: unknown errors become a generic INTERNAL_SERVER_ERROR', () => {
    const formatted: GraphQLFormattedError = { message: 'select * from "tenant" failed', path: ['me'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } };
    const result = formatGraphQLError(formatted, new Error('select * from "tenant" failed'), createLogger('silent'));
    expect(result).toEqual({ message: 'Internal server error', path: ['me'], locations: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('turns introspection off with GRAPHQL_INTROSPECTION=false', async () => {
    const closed = await startTestServer({ GRAPHQL_INTROSPECTION: 'false' });
    try {
      const client = graphqlClient(closed, (await seedTenant(closed)).ownerKey);
      expect(await client.errorCode(`{ __schema { queryType { name } } }`)).toBe('BAD_USER_INPUT');
      expect((await client.data(`{ me { id } }`)).me.id).toBeDefined();
    } finally {
      await closed.stop();
    }
  });
});
