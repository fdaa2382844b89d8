import type { RunningServer } from '../src/server';
import { apiTenant } from './support/graphql-client';
import { startTestServer } from './support/harness';

/** Every list is a Relay connection: paging with first/after visits each row once, in order. */
let server: RunningServer;
let tenant: Awaited<ReturnType<typeof apiTenant>>;

beforeAll(async () => {
  server = await startTestServer();
  tenant = await apiTenant(server);
});

afterAll(async () => {
  await server.stop();
});

async function pageThrough(field: string, selection: string, first: number): Promise<{ nodes: any[]; pages: number; totalCount: number }> {
  const nodes: any[] = [];
  let after: string | null = null;
  let pages = 0;
  let totalCount = 0;
  for (;;) {
    const data: any = await tenant.owner.data(`query($first: Int, $after: String) { ${field}(first: $first, after: $after) { totalCount edges { cursor node { ${selection} } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`, {
      first,
      after,
    });
    const connection = data[field];
    pages++;
    totalCount = connection.totalCount;
    expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
    nodes.push(...connection.edges.map((e: any) => e.node));
    if (!connection.pageInfo.hasNextPage) return { nodes, pages, totalCount };
    expect(connection.pageInfo.endCursor).toBe(connection.edges[connection.edges.length - 1].cursor);
    after = connection.pageInfo.endCursor;
    if (pages > 20) throw new Error('paging does not end');
  }
}

it('pages through id tags in key order, each once', async () => {
  const tags = ['tag-e', 'TAG-A', 'tag-c', 'Tag-B', 'tag-d'];
  for (const idTag of tags) await tenant.owner.data(`mutation($idTag: String!) { upsertIdTag(input: { idTag: $idTag }) { idTag { idTag } } }`, { idTag });
  const { nodes, pages, totalCount } = await pageThrough('idTags', 'idTag', 2);
  expect(nodes.map((n) => n.idTag)).toEqual(['TAG-A', 'Tag-B', 'tag-c', 'tag-d', 'tag-e']);
  expect(pages).toBe(3);
  expect(totalCount).toBe(5);
});

it('pages through commands newest first, each once', async () => {
  await tenant.chargePoint('CP-OFFLINE');
  // Offline: each is recorded (and fails at once), which is all this needs.
  for (let i = 0; i < 5; i++) await tenant.owner.request(`mutation { clearCache(input: { chargePointId: "CP-OFFLINE" }) { status } }`);
  const all = (await tenant.owner.data(`{ commands(first: 100) { edges { node { id } } } }`)).commands.edges.map((e: any) => e.node.id);
  expect(all.length).toBeGreaterThanOrEqual(5);
  const { nodes, totalCount } = await pageThrough('commands', 'id', 2);
  expect(nodes.map((n) => n.id)).toEqual(all);
  expect(totalCount).toBe(all.length);
});

it('pages through a list read whole (api keys), and refuses a cursor it did not make', async () => {
  for (const role of ['VIEWER', 'OPERATOR', 'VIEWER']) await tenant.keyFor(role as 'VIEWER');
  const whole = (await tenant.owner.data(`{ apiKeys(first: 100) { edges { node { id } } } }`)).apiKeys.edges.map((e: any) => e.node.id);
  const { nodes, pages } = await pageThrough('apiKeys', 'id', 1);
  expect(nodes.map((n) => n.id)).toEqual(whole);
  expect(pages).toBe(whole.length);
  expect(await tenant.owner.errorCode(`{ apiKeys(after: "bm90LWEtY3Vyc29y") { totalCount } }`)).toBe('BAD_USER_INPUT');
  expect(await tenant.owner.errorCode(`{ commands(after: "eyJrIjoieCJ9") { totalCount } }`)).toBe('BAD_USER_INPUT');
});
