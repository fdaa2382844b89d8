import type { RPCClient } from './support/rpc-client';
import type { RunningServer } from '../src/server';
import { apiTenant, graphqlClient, type GraphQLClient } from './support/graphql-client';
import { connectChargePoint, startTestServer } from './support/harness';

const BOOT = { chargePointVendor: 'QCharge', chargePointModel: 'Sim-1', chargePointSerialNumber: 'SN-9', firmwareVersion: '2.0' };

let server: RunningServer;
let tenant: Awaited<ReturnType<typeof apiTenant>>;
let viewer: GraphQLClient;
const clients: RPCClient[] = [];
const transactionIds: number[] = [];

beforeAll(async () => {
  server = await startTestServer();
  tenant = await apiTenant(server);
  viewer = graphqlClient(server, await tenant.keyFor('VIEWER'));
  for (const id of ['CP-A', 'CP-B', 'CP-C', 'CP-D', 'CP-E']) await tenant.chargePoint(id);
  await tenant.owner.data(`mutation { upsertIdTag(input: { idTag: "Tag-One", parentIdTag: "PARENT" }) { idTag { idTag } } }`);
  await tenant.owner.data(`mutation { upsertIdTag(input: { idTag: "TAG-TWO", status: Blocked }) { idTag { idTag } } }`);
  for (const id of ['CP-A', 'CP-B']) {
    const cp = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: id });
    clients.push(cp);
    await cp.call('BootNotification', BOOT);
    await cp.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError' });
    await cp.call('StatusNotification', { connectorId: 2, status: 'Charging', errorCode: 'NoError' });
  }
  // Five transactions: three on CP-A (two stopped), two on CP-B.
  const [a, b] = clients;
  let minute = 0;
  const at = () => new Date(Date.UTC(2030, 0, 1, 10, minute++)).toISOString();
  for (const [cp, idTag, stop] of [[a, 'TAG-ONE', true], [a, 'tag-one', true], [b, 'TAG-TWO', false], [a, 'Tag-One', false], [b, 'OTHER', false]] as const) {
    const { transactionId } = await cp.call('StartTransaction', { connectorId: 1, idTag, meterStart: 1000, timestamp: at() });
    transactionIds.push(transactionId);
    await cp.call('MeterValues', { connectorId: 1, transactionId, meterValue: [{ timestamp: at(), sampledValue: [{ value: '1100', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] }] });
    if (stop) await cp.call('StopTransaction', { transactionId, meterStop: 1500, timestamp: at(), reason: 'Local' });
  }
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close({ force: true }).catch(() => undefined)));
  await server.stop();
});

describe('queries', () => {
  it('pages through charge points by id with opaque cursors', async () => {
    const page = `query($after: String) { chargePoints(first: 2, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 3; i++) {
      const { chargePoints }: any = await viewer.data(page, { after });
      expect(chargePoints.totalCount).toBe(5);
      seen.push(...chargePoints.edges.map((e: any) => e.node.id));
      expect(chargePoints.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(chargePoints.pageInfo.endCursor).toBe(chargePoints.edges.at(-1).cursor);
      expect(chargePoints.pageInfo.hasNextPage).toBe(i < 2);
      after = chargePoints.pageInfo.endCursor;
    }
    expect(seen).toEqual(['CP-A', 'CP-B', 'CP-C', 'CP-D', 'CP-E']);
  });

  it('shows a charge point with connection, boot data and connectors (batched across the list)', async () => {
    const { chargePoints } = await viewer.data(`{ chargePoints(first: 3) { edges { node { id connected vendor model serialNumber firmwareVersion lastBootAt connectors { connectorId status errorCode } } } } }`);
    const nodes = chargePoints.edges.map((e: any) => e.node);
    expect(nodes.map((n: any) => [n.id, n.connected])).toEqual([['CP-A', true], ['CP-B', true], ['CP-C', false]]);
    expect(nodes[0]).toMatchObject({ vendor: 'QCharge', model: 'Sim-1', serialNumber: 'SN-9', firmwareVersion: '2.0' });
    expect(nodes[0].lastBootAt).toMatch(/Z$/);
    expect(nodes[1].connectors).toEqual([
      { connectorId: 1, status: 'Available', errorCode: 'NoError' },
      { connectorId: 2, status: 'Charging', errorCode: 'NoError' },
    ]);
    expect(nodes[2].connectors).toEqual([]);
  });

  it('pages through transactions newest first, with filters', async () => {
    const page = `query($after: String, $filter: TransactionFilter) { transactions(first: 2, after: $after, filter: $filter) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    const ids: number[] = [];
    let after: string | null = null;
    do {
      const { transactions }: any = await viewer.data(page, { after });
      ids.push(...transactions.edges.map((e: any) => e.node.id));
      after = transactions.pageInfo.hasNextPage ? transactions.pageInfo.endCursor : null;
    } while (after);
    expect(ids).toEqual([...transactionIds].reverse());
    const count = async (filter: object) => (await viewer.data(page, { filter })).transactions.totalCount;
    expect(await count({ chargePointId: 'CP-A' })).toBe(3);
    // Active means ACTIVE: the starts refused (TAG-TWO blocked, OTHER unknown) never ran.
    expect(await count({ active: true })).toBe(1);
    expect(await count({ active: false })).toBe(4);
    expect(await count({ idTag: 'tag-ONE' })).toBe(3);
    expect(await count({ chargePointId: 'CP-A', active: true, idTag: 'TAG-ONE' })).toBe(1);
  });

  it('shows a transaction with its meter values', async () => {
    const { transaction } = await viewer.data(`query($id: Int!) { transaction(id: $id) { id chargePointId connectorId idTag startStatus startTimestamp stopTimestamp meterStart meterStop energyWh stopReason active meterValues { timestamp sampledValue { value measurand unit context format location phase } } } }`, { id: transactionIds[0] });
    expect(transaction).toMatchObject({ id: transactionIds[0], chargePointId: 'CP-A', connectorId: 1, idTag: 'TAG-ONE', startStatus: 'Accepted', startTimestamp: '2030-01-01T10:00:00.000Z', stopTimestamp: '2030-01-01T10:02:00.000Z', meterStart: 1000, meterStop: 1500, energyWh: 500, stopReason: 'Local', active: false });
    expect(transaction.meterValues).toEqual([
      { timestamp: '2030-01-01T10:01:00.000Z', sampledValue: [{ value: '1100', measurand: 'Energy.Active.Import.Register', unit: 'Wh', context: 'Sample.Periodic', format: 'Raw', location: 'Outlet', phase: null }] },
    ]);
    const blocked = (await viewer.data(`query($id: Int!) { transaction(id: $id) { startStatus } }`, { id: transactionIds[2] })).transaction;
    expect(blocked.startStatus).toBe('Blocked');
    expect(await viewer.errorCode(`{ transaction(id: 2147483000) { id } }`)).toBe('NOT_FOUND');
    const stranger = (await apiTenant(server)).owner;
    expect(await stranger.errorCode(`query($id: Int!) { transaction(id: $id) { id } }`, { id: transactionIds[0] })).toBe('NOT_FOUND');
    expect((await stranger.data(`{ transactions { totalCount } }`)).transactions.totalCount).toBe(0);
  });

  it('lists id tags case-insensitively keyed, and deletes them', async () => {
    const { idTags } = await viewer.data(`{ idTags { edges { node { idTag status parentIdTag expiryDate updatedAt } } } }`);
    expect(idTags.edges.map((e: any) => e.node).map((t: any) => [t.idTag, t.status, t.parentIdTag])).toEqual([
      ['Tag-One', 'Accepted', 'PARENT'],
      ['TAG-TWO', 'Blocked', null],
    ]);
    await tenant.owner.data(`mutation { upsertIdTag(input: { idTag: "tag-two", status: Accepted }) { idTag { idTag } } }`);
    expect((await viewer.data(`{ idTags { edges { node { idTag status } } } }`)).idTags.edges.map((e: any) => e.node)).toEqual([
      { idTag: 'Tag-One', status: 'Accepted' },
      { idTag: 'tag-two', status: 'Accepted' },
    ]);
    // An update changes only what it names: a Blocked tag given an expiry stays Blocked; null clears.
    await tenant.owner.data(`mutation { upsertIdTag(input: { idTag: "Tag-One", status: Blocked }) { idTag { idTag } } }`);
    const expiry = await tenant.owner.data(`mutation { upsertIdTag(input: { idTag: "TAG-ONE", expiryDate: "2099-01-01T00:00:00Z" }) { idTag { idTag status expiryDate parentIdTag } } }`);
    expect(expiry.upsertIdTag.idTag).toEqual({ idTag: 'TAG-ONE', status: 'Blocked', expiryDate: '2099-01-01T00:00:00.000Z', parentIdTag: 'PARENT' });
    const cleared = await tenant.owner.data(`mutation { upsertIdTag(input: { idTag: "Tag-One", status: Accepted, parentIdTag: null, expiryDate: null }) { idTag { idTag status expiryDate parentIdTag } } }`);
    expect(cleared.upsertIdTag.idTag).toEqual({ idTag: 'Tag-One', status: 'Accepted', expiryDate: null, parentIdTag: null });
    await tenant.owner.data(`mutation { upsertIdTag(input: { idTag: "Tag-One", parentIdTag: "PARENT" }) { idTag { idTag } } }`);
    expect(await tenant.owner.errorCode(`mutation { upsertIdTag(input: { idTag: "123456789012345678901" }) { idTag { idTag } } }`)).toBe('BAD_USER_INPUT');
    expect(await tenant.owner.errorCode(`mutation { upsertIdTag(input: { idTag: "X", parentIdTag: "123456789012345678901" }) { idTag { idTag } } }`)).toBe('BAD_USER_INPUT');
    expect((await tenant.owner.data(`mutation { deleteIdTag(input: { idTag: "TAG-two" }) { deleted } }`)).deleteIdTag.deleted).toBe(true);
    expect(await tenant.owner.errorCode(`mutation { deleteIdTag(input: { idTag: "TAG-two" }) { deleted } }`)).toBe('NOT_FOUND');
  });

  it('answers me', async () => {
    expect((await viewer.data(`{ me { id slug } }`)).me).toEqual({ id: tenant.tenantId, slug: tenant.slug });
  });
});
