import { ChargingTransaction } from '../src/modules/transaction/transaction.entity';
import { MeterValue } from '../src/modules/transaction/meter-value.entity';
import { tenantEm } from '../src/platform/db';
import type { RunningServer } from '../src/server';
import { chargerIds, DEFAULT_OPTIONS, runSimulator } from '../src/sim/simulator';
import { graphqlClient } from './support/graphql-client';
import { eventually, startTestServer, waitFor } from './support/harness';
import { seedTenant } from './support/seed';

let server: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;

beforeAll(async () => {
  server = await startTestServer();
  // The API port is only known once listening (tests use port 0); PUBLIC_API_URL defaults to API_PORT.
  server.app.config.publicApiUrl = `http://127.0.0.1:${server.apiPort}`;
  tenant = await seedTenant(server);
});

afterAll(async () => {
  await server.stop();
});

it('runs charge points through sessions with meter values, answers CSMS commands and exits 0', async () => {
  const ids = chargerIds('SIMT', 2);
  for (const id of ids) await tenant.chargePoint(id);
  await tenant.idTag('SIMT-TAG');
  const run = runSimulator({
    ...DEFAULT_OPTIONS,
    tenant: tenant.slug,
    chargers: 2,
    prefix: 'SIMT',
    ocppUrl: `ws://127.0.0.1:${server.ocppPort}`,
    durationS: 6,
    idTags: ['SIMT-TAG'],
    idleS: [0.1, 0.3],
    sessionS: [2, 2.5],
    meterIntervalS: 1,
    progress: null,
  });

  let connected = false;
  await waitFor(() => {
    void server.app.cluster.isConnected(tenant.tenantId, [ids[0]]).then(([yes]) => (connected = yes));
    return connected;
  });
  const config = (await server.app.cluster.call(tenant.tenantId, ids[0], 'GetConfiguration', {}, 3000)) as { configurationKey: unknown[]; unknownKey: unknown[] };
  expect(config.configurationKey).toHaveLength(28);
  expect(config.unknownKey).toEqual([]);
  expect(await server.app.cluster.call(tenant.tenantId, ids[0], 'ChangeConfiguration', { key: 'NoSuchKey', value: '1' }, 3000)).toEqual({ status: 'NotSupported' });
  expect(await server.app.cluster.call(tenant.tenantId, ids[0], 'TriggerMessage', { requestedMessage: 'Heartbeat' }, 3000)).toEqual({ status: 'Accepted' });
  // A firmware image the CSMS hosts: the simulated charger downloads it before it reports Downloaded.
  const image = await fetch(`http://127.0.0.1:${server.apiPort}/files/firmware/sim-2.0.bin`, { method: 'PUT', body: 'SIM-IMAGE', headers: { authorization: `Bearer ${tenant.ownerKey}` } });
  const { id: firmwareFileId } = (await image.json()) as { id: string };
  const api = graphqlClient(server, tenant.ownerKey);
  await api.data(`mutation($input: UpdateFirmwareInput!) { updateFirmware(input: $input) { command { status } } }`, {
    input: { chargePointId: ids[1], firmwareFileId, retrieveDate: new Date().toISOString() },
  });
  const statuses = async () => (await api.data(`query($id: ID!) { firmwareStatusHistory(chargePointId: $id) { edges { node { status } } } }`, { id: ids[1] })).firmwareStatusHistory.edges.map((e: any) => e.node).map((e: any) => e.status);
  await eventually(async () => (await statuses()).includes('Installed'), 10_000);
  expect(await statuses()).toEqual(['Downloading', 'Downloaded', 'Installing', 'Installed']);

  expect(await run).toBe(0);

  const em = tenantEm(server.app.orm, tenant.tenantId);
  const transactions = await em.find(ChargingTransaction, { chargePointId: { $in: ids } });
  expect(transactions.length).toBeGreaterThan(0);
  // The simulator stops open sessions before it exits, so every transaction is complete.
  expect(transactions.every((t) => t.stopTimestamp && t.meterStop! >= t.meterStart)).toBe(true);
  // One id tag for four connectors: the simulator never starts it twice at once, so no start is refused (ConcurrentTx).
  expect(transactions.map((t) => t.startStatus).filter((s) => s !== 'Accepted')).toEqual([]);
  const meterValues = await em.find(MeterValue, { transactionId: { $in: transactions.map((t) => t.id) } });
  expect(meterValues.length).toBeGreaterThan(0);
  expect(meterValues[0].sampledValue.map((s) => s.measurand)).toEqual(expect.arrayContaining(['Energy.Active.Import.Register', 'Power.Active.Import', 'Current.Import']));
});
