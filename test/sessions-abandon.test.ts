import type { RPCClient } from './support/rpc-client';
import type { RunningServer } from '../src/server';
import { graphqlClient, type GraphQLClient } from './support/graphql-client';
import { startTestServer } from './support/harness';
import { seedTenant } from './support/seed';
import { bootedStation } from './support/station';

/** Orphaned sessions are closed as ABANDONED by rule, with evidence; a late StopTransaction still stops them. */
let server: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let api: GraphQLClient;
const stations: RPCClient[] = [];

const ONE = `query($id: Int!) { transaction(id: $id) { id state active stopTimestamp meterStop energyWh abandonedBy abandonedAt } }`;

async function station(id: string): Promise<RPCClient> {
  const { cp } = await bootedStation(server, tenant, id);
  stations.push(cp);
  return cp;
}

async function transaction(id: number): Promise<any> {
  return (await api.data(ONE, { id })).transaction;
}

async function start(cp: RPCClient, connectorId: number, idTag: string, meterStart: number, at: Date): Promise<number> {
  const answer: any = await cp.call('StartTransaction', { connectorId, idTag, meterStart, timestamp: at.toISOString() });
  expect(answer.idTagInfo.status).toBe('Accepted');
  return answer.transactionId;
}

const energy = (transactionId: number, wh: string, at: Date, unit = 'Wh') => ({
  connectorId: 1,
  transactionId,
  meterValue: [{ timestamp: at.toISOString(), sampledValue: [{ value: wh, measurand: 'Energy.Active.Import.Register', unit }, { value: '16', measurand: 'Current.Import', unit: 'A' }] }],
});

beforeAll(async () => {
  server = await startTestServer();
  tenant = await seedTenant(server);
  api = graphqlClient(server, tenant.ownerKey);
  for (const tag of ['AB-1', 'AB-2', 'AB-3', 'AB-4', 'AB-5', 'AB-6']) await tenant.idTag(tag);
}, 30_000);

afterAll(async () => {
  await Promise.all(stations.map((cp) => cp.close({ force: true }).catch(() => undefined)));
  await server?.stop();
});

describe('orphaned sessions', () => {
  it('closes the older open transaction when a new one starts on its connector, and a late stop still completes it', async () => {
    const cp = await station('CP-AB-NEW');
    const t0 = Date.now() - 600_000;
    const older = await start(cp, 1, 'AB-1', 1000, new Date(t0));
    await cp.call('MeterValues', energy(older, '1.5', new Date(t0 + 60_000), 'kWh'));
    await cp.call('MeterValues', energy(older, '2250', new Date(t0 + 120_000)));
    const newer = await start(cp, 1, 'AB-2', 2300, new Date(t0 + 300_000));

    const abandoned = await transaction(older);
    expect(abandoned).toMatchObject({ state: 'ABANDONED', active: false, stopTimestamp: null, meterStop: 2250, energyWh: 1250 });
    expect(abandoned.abandonedBy).toContain(`StartTransaction of transaction ${newer}`);
    expect(abandoned.abandonedAt).not.toBeNull();
    expect((await transaction(newer)).state).toBe('ACTIVE');

    // Its tag runs nowhere now: accepted on another charger.
    const other = await station('CP-AB-OTHER');
    await start(other, 1, 'AB-1', 0, new Date());

    // The charger's own StopTransaction comes late (buffered): it completes the transaction.
    await cp.call('StopTransaction', { transactionId: older, meterStop: 2290, timestamp: new Date(t0 + 290_000).toISOString(), reason: 'PowerLoss' });
    expect(await transaction(older)).toMatchObject({ state: 'STOPPED', meterStop: 2290, stopTimestamp: new Date(t0 + 290_000).toISOString() });
  });

  it('leaves the newer open transaction alone when an older start arrives late (buffered offline)', async () => {
    const cp = await station('CP-AB-BUF');
    const now = Date.now();
    const current = await start(cp, 1, 'AB-3', 5000, new Date(now));
    const buffered = await start(cp, 1, 'AB-4', 4000, new Date(now - 3_600_000));
    expect((await transaction(current)).state).toBe('ACTIVE');
    expect((await transaction(buffered)).state).toBe('ACTIVE');
    // Its stop follows, as the charger empties its queue: nothing was abandoned on the way.
    await cp.call('StopTransaction', { transactionId: buffered, meterStop: 4800, timestamp: new Date(now - 1_800_000).toISOString() });
    expect((await transaction(buffered)).state).toBe('STOPPED');
    expect((await transaction(current)).state).toBe('ACTIVE');
  });

  it('closes a transaction of a connector reported free after a reboot, and only then', async () => {
    const cp = await station('CP-AB-BOOT');
    const running = await start(cp, 1, 'AB-5', 100, new Date(Date.now() - 60_000));
    const finishing = await start(cp, 2, 'AB-6', 200, new Date(Date.now() - 60_000));
    await cp.call('MeterValues', energy(running, '700', new Date(Date.now() - 30_000)));

    // Without a reboot, a status says nothing about a transaction the CSMS knows of.
    await cp.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError' });
    expect((await transaction(running)).state).toBe('ACTIVE');

    await cp.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Sim-1' });
    // Finishing may come before the StopTransaction: not evidence.
    await cp.call('StatusNotification', { connectorId: 2, status: 'Finishing', errorCode: 'NoError' });
    expect((await transaction(finishing)).state).toBe('ACTIVE');
    const reportedAt = new Date();
    await cp.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError', timestamp: reportedAt.toISOString() });

    const abandoned = await transaction(running);
    expect(abandoned).toMatchObject({ state: 'ABANDONED', meterStop: 700, stopTimestamp: null });
    expect(abandoned.abandonedBy).toBe(`StatusNotification Available on connector 1 (${reportedAt.toISOString()}) after a BootNotification`);
    expect((await transaction(finishing)).state).toBe('ACTIVE');

    const { transactions } = await api.data(`{ transactions(filter: { chargePointId: "CP-AB-BOOT", active: true }) { edges { node { id } } } }`);
    expect(transactions.edges.map((e: any) => e.node.id)).toEqual([finishing]);
  });
});
