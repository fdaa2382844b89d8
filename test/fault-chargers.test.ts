import { randomBytes } from 'node:crypto';
import { RPCClient, type OcppPayload } from './support/rpc-client';
import { ChargingTransaction } from '../src/modules/transaction/transaction.entity';
import { tenantEm } from '../src/platform/db';
import type { RunningServer } from '../src/server';
import { graphqlClient, type GraphQLClient } from './support/graphql-client';
import { startTestServer } from './support/harness';
import { killAllServers, spawnServer, type ServerProcess } from './support/process';
import { seedTenant } from './support/seed';

/**
 * Chargers misbehaving or losing their node: a charger that never answers (or answers late) a CSMS call,
 * and a node SIGKILLed while a StartTransaction is in flight. test/cluster-nodes.test.ts already covers a
 * killed node's presence expiring and a stop on the other node; here the charger resends what it never got
 * an answer for, and the transaction must exist once.
 */
const BOOT = { chargePointVendor: 'QCharge', chargePointModel: 'Fault-CP' };
const REDIS_PREFIX = `${process.env.QCHARGE_TEST_REDIS_PREFIX}faultcp${randomBytes(3).toString('hex')}:`;
const CALL_TIMEOUT_MS = 1500;

let node1: ServerProcess;
let server: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let owner: GraphQLClient;
const clients: RPCClient[] = [];

async function connect(port: number, identity: string, handlers: Record<string, (params: OcppPayload) => OcppPayload | Promise<OcppPayload>> = {}): Promise<RPCClient> {
  const client = new RPCClient({
    endpoint: `ws://127.0.0.1:${port}/ocpp/${tenant.slug}`,
    identity,
    protocols: ['ocpp1.6'],
    strictMode: true,
    reconnect: false,
    callTimeoutMs: 10000,
  });
  for (const [action, handler] of Object.entries(handlers)) client.handle(action, ({ params }) => handler(params));
  await client.connect();
  await client.call('BootNotification', BOOT);
  clients.push(client);
  return client;
}

const em = () => tenantEm(server.app.orm, tenant.tenantId);
const CLEAR_CACHE = `mutation($id: ID!) { clearCache(input: { chargePointId: $id }) { status } }`;
const RESET = `mutation($id: ID!) { reset(input: { chargePointId: $id, type: Soft }) { status } }`;

beforeAll(async () => {
  [node1, server] = await Promise.all([
    spawnServer({ roles: 'ingress', redisPrefix: REDIS_PREFIX, env: { OCPP_CALL_TIMEOUT_MS: String(CALL_TIMEOUT_MS) } }),
    startTestServer({ REDIS_PREFIX, OCPP_CALL_TIMEOUT_MS: String(CALL_TIMEOUT_MS) }),
  ]);
  tenant = await seedTenant(server);
  owner = graphqlClient(server, tenant.ownerKey);
}, 90_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close({ force: true }).catch(() => undefined)));
  await killAllServers();
  await server?.stop();
});

it('a charger that never answers gets CHARGE_POINT_TIMEOUT; others are unaffected and its next command works', async () => {
  await tenant.chargePoint('CP-SLOW');
  await tenant.chargePoint('CP-FAST');
  let lateResets = 0;
  await connect(server.ocppPort!, 'CP-SLOW', {
    GetConfiguration: () => new Promise(() => undefined),
    // Answers, but only after the CSMS stopped waiting: the late CALLRESULT must be ignored.
    Reset: () => new Promise((resolve) => setTimeout(() => (lateResets++, resolve({ status: 'Accepted' })), CALL_TIMEOUT_MS + 500)),
    ClearCache: () => ({ status: 'Accepted' }),
  });
  await connect(server.ocppPort!, 'CP-FAST', { ClearCache: () => ({ status: 'Accepted' }), Reset: () => ({ status: 'Accepted' }) });

  const slow = owner.request(`mutation { getConfiguration(input: { chargePointId: "CP-SLOW" }) { configurationKey { key } } }`);
  // While CP-SLOW's call waits, CP-FAST's commands go through.
  for (let i = 0; i < 3; i++) expect((await owner.data(CLEAR_CACHE, { id: 'CP-FAST' })).clearCache.status).toBe('Accepted');
  expect((await slow).errors?.[0].extensions?.code).toBe('CHARGE_POINT_TIMEOUT');

  expect(await owner.errorCode(RESET, { id: 'CP-SLOW' })).toBe('CHARGE_POINT_TIMEOUT');
  await new Promise((resolve) => setTimeout(resolve, 700));
  expect(lateResets).toBe(1);
  // The next command after a timeout and after a late answer works on the same socket.
  expect((await owner.data(CLEAR_CACHE, { id: 'CP-SLOW' })).clearCache.status).toBe('Accepted');
  expect((await owner.data(RESET, { id: 'CP-FAST' })).reset.status).toBe('Accepted');
});

it('a node SIGKILLed with a StartTransaction in flight: the charger resends on another node and the transaction exists once', async () => {
  await tenant.chargePoint('CP-KILLED');
  await tenant.idTag('KILL-TAG');
  const first = await connect(node1.ocppPort!, 'CP-KILLED');
  const start = { connectorId: 1, idTag: 'KILL-TAG', meterStart: 1000, timestamp: new Date().toISOString() };
  const inFlight = first.call('StartTransaction', start).then(
    () => 'answered',
    () => 'lost',
  );
  await node1.kill();
  console.log(`fault-chargers: StartTransaction in flight when node 1 was SIGKILLed: ${await inFlight}`);

  // The charger reconnects to the other node (the same id replaces the stale presence) and resends.
  const again = await connect(server.ocppPort!, 'CP-KILLED');
  const resent = await again.call('StartTransaction', start);
  expect(resent.idTagInfo.status).toBe('Accepted');
  const meter = { connectorId: 1, transactionId: resent.transactionId, meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: '1500' }] }] };
  await again.call('MeterValues', meter);
  const stop = { transactionId: resent.transactionId, meterStop: 2000, timestamp: new Date().toISOString(), idTag: 'KILL-TAG', reason: 'Local' };
  expect((await again.call('StopTransaction', stop)).idTagInfo.status).toBe('Accepted');
  // A second StopTransaction (the charger missed the answer) changes nothing.
  await again.call('StopTransaction', { ...stop, meterStop: 9999 });

  const transactions = await em().find(ChargingTransaction, { chargePointId: 'CP-KILLED' });
  expect(transactions).toHaveLength(1);
  expect(transactions[0]).toMatchObject({ id: resent.transactionId, meterStart: 1000, meterStop: 2000, stopReason: 'Local' });
  expect(transactions[0].stopTimestamp).toBeInstanceOf(Date);
  // A command reaches it on its new node.
  again.handle('ClearCache', () => ({ status: 'Accepted' }));
  expect((await owner.data(CLEAR_CACHE, { id: 'CP-KILLED' })).clearCache.status).toBe('Accepted');
}, 30_000);
