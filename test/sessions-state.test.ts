import type { RPCClient } from './support/rpc-client';
import { Reservation } from '../src/modules/reservation/reservation.entity';
import { tenantEm } from '../src/platform/db';
import type { RunningServer } from '../src/server';
import { graphqlClient, type GraphQLClient } from './support/graphql-client';
import { startTestServer } from './support/harness';
import { seedTenant } from './support/seed';
import { bootedStation } from './support/station';

/** Transaction.state: ACTIVE, STOPPED, REFUSED; `active: true` means ACTIVE. */
let server: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let api: GraphQLClient;
const stations: RPCClient[] = [];

const LIST = `query($f: TransactionFilter) { transactions(filter: $f, first: 100) { totalCount edges { node { id state active startStatus stopTimestamp } } } }`;

async function station(id: string): Promise<RPCClient> {
  const { cp } = await bootedStation(server, tenant, id);
  stations.push(cp);
  return cp;
}

async function listed(filter: Record<string, unknown>): Promise<Array<{ id: number; state: string; active: boolean }>> {
  const data = await api.data(LIST, { f: filter });
  return data.transactions.edges.map((e: any) => e.node);
}

beforeAll(async () => {
  server = await startTestServer();
  tenant = await seedTenant(server);
  api = graphqlClient(server, tenant.ownerKey);
}, 30_000);

afterAll(async () => {
  await Promise.all(stations.map((cp) => cp.close({ force: true }).catch(() => undefined)));
  await server?.stop();
});

describe('transaction state', () => {
  it('records refused starts as REFUSED, never active, and accepted ones as ACTIVE until stopped', async () => {
    await tenant.idTag('STATE-OK');
    await tenant.idTag('STATE-BLOCKED', 'Blocked');
    const cp = await station('CP-STATE');
    const now = () => new Date().toISOString();
    const refused: any = await cp.call('StartTransaction', { connectorId: 1, idTag: 'STATE-UNKNOWN', meterStart: 0, timestamp: now() });
    const blocked: any = await cp.call('StartTransaction', { connectorId: 1, idTag: 'STATE-BLOCKED', meterStart: 0, timestamp: now() });
    const accepted: any = await cp.call('StartTransaction', { connectorId: 2, idTag: 'STATE-OK', meterStart: 100, timestamp: now() });
    expect([refused.idTagInfo.status, blocked.idTagInfo.status, accepted.idTagInfo.status]).toEqual(['Invalid', 'Blocked', 'Accepted']);

    const all = await listed({ chargePointId: 'CP-STATE' });
    const byId = new Map(all.map((t) => [t.id, t]));
    expect(byId.get(refused.transactionId)).toMatchObject({ state: 'REFUSED', active: false, startStatus: 'Invalid' });
    expect(byId.get(blocked.transactionId)).toMatchObject({ state: 'REFUSED', active: false, startStatus: 'Blocked' });
    expect(byId.get(accepted.transactionId)).toMatchObject({ state: 'ACTIVE', active: true, startStatus: 'Accepted' });
    expect((await listed({ chargePointId: 'CP-STATE', active: true })).map((t) => t.id)).toEqual([accepted.transactionId]);
    expect((await listed({ chargePointId: 'CP-STATE', active: false })).map((t) => t.id).sort()).toEqual([refused.transactionId, blocked.transactionId].sort());
    expect((await listed({ chargePointId: 'CP-STATE', state: 'REFUSED' })).length).toBe(2);
    expect(await listed({ chargePointId: 'CP-STATE', state: 'ACTIVE', active: false })).toEqual([]);

    // The charger stops the refused one itself: it stays REFUSED.
    await cp.call('StopTransaction', { transactionId: refused.transactionId, meterStop: 0, timestamp: now() });
    await cp.call('StopTransaction', { transactionId: accepted.transactionId, meterStop: 900, timestamp: now() });
    const after = new Map((await listed({ chargePointId: 'CP-STATE' })).map((t) => [t.id, t]));
    expect(after.get(refused.transactionId)).toMatchObject({ state: 'REFUSED', active: false });
    expect(after.get(accepted.transactionId)).toMatchObject({ state: 'STOPPED', active: false });
    expect(await listed({ chargePointId: 'CP-STATE', active: true })).toEqual([]);
  });

  it('lets a refused start of a tag not count as running for ConcurrentTx', async () => {
    await tenant.idTag('STATE-RES');
    const first = await station('CP-STATE-A');
    const second = await station('CP-STATE-B');
    // Refused by a reservation of another tag on that connector: recorded, REFUSED.
    await tenant.idTag('STATE-OTHER');
    const em = tenantEm(server.app.orm, tenant.tenantId);
    await em.persistAndFlush(
      em.create(Reservation, {
        tenantId: tenant.tenantId,
        chargePointId: 'CP-STATE-A',
        connectorId: 1,
        idTag: 'STATE-OTHER',
        expiryDate: new Date(Date.now() + 3_600_000),
        status: 'ACTIVE',
      }),
    );
    const refused: any = await first.call('StartTransaction', { connectorId: 1, idTag: 'STATE-RES', meterStart: 0, timestamp: new Date().toISOString() });
    expect(refused.idTagInfo.status).toBe('Invalid');
    const elsewhere: any = await second.call('StartTransaction', { connectorId: 1, idTag: 'STATE-RES', meterStart: 0, timestamp: new Date().toISOString() });
    expect(elsewhere.idTagInfo.status).toBe('Accepted');
    const again: any = await first.call('StartTransaction', { connectorId: 2, idTag: 'STATE-RES', meterStart: 0, timestamp: new Date().toISOString() });
    expect(again.idTagInfo.status).toBe('ConcurrentTx');
  });
});
