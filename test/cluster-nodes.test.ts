import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { RPCClient } from './support/rpc-client';
import { ChargePoint } from '../src/modules/charge-point/charge-point.entity';
import { CommandFailed } from '../src/modules/command/command.service';
import { ChargingTransaction } from '../src/modules/transaction/transaction.entity';
import { tenantEm } from '../src/platform/db';
import { isLiveEventOf, LIVE_EVENT_TYPES, type LiveEvent, type LiveEventOf, type LiveEventType } from '../src/modules/event/event-types';
import type { RunningServer } from '../src/server';
import { startTestServer, waitFor, eventually } from './support/harness';
import { killAllServers, spawnServer, type ServerProcess } from './support/process';
import { seedTenant } from './support/seed';

/**
 * Three nodes sharing PostgreSQL and Redis: node 1 (ingress) and node 2 (ingress + worker) are real
 * processes; node 3 (api only) runs in this process, issues commands and subscribes to events.
 */
const BOOT = { chargePointVendor: 'QCharge', chargePointModel: 'Cluster-1' };
const REDIS_PREFIX = `${process.env.QCHARGE_TEST_REDIS_PREFIX}cluster${randomBytes(3).toString('hex')}:`;
const CLUSTER_ENV = { PRESENCE_TTL_S: '3', MAINTENANCE_INTERVAL_S: '1' };

let node1: ServerProcess;
let node2: ServerProcess;
let node3: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
const events: LiveEvent[] = [];

/** The events received of one subscription type, typed by it. */
function eventsOf<L extends LiveEventType>(type: L): Array<LiveEventOf<L>> {
  return events.filter((e): e is LiveEventOf<L> => isLiveEventOf(e, type));
}
let unsubscribe: () => void;
const clients: RPCClient[] = [];

async function connect(port: number, identity: string): Promise<RPCClient> {
  const client = new RPCClient({
    endpoint: `ws://127.0.0.1:${port}/ocpp/${tenant.slug}`,
    identity,
    protocols: ['ocpp1.6'],
    strictMode: true,
    reconnect: false,
    callTimeoutMs: 10000,
  });
  client.handle('GetConfiguration', () => ({ configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }] }));
  await client.connect();
  clients.push(client);
  return client;
}


/** The api-only node's GraphQL endpoint, as an integrator calls it. */
async function graphql(query: string, variables: Record<string, unknown>): Promise<any> {
  const response = await fetch(`http://127.0.0.1:${node3.apiPort}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.ownerKey}` },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

function em() {
  return tenantEm(node3.app.orm, tenant.tenantId);
}

function connectionEvents(chargePointId: string) {
  return eventsOf('chargePointConnectionChanged').filter((e) => e.chargePointId === chargePointId).map((e) => e.payload.connected);
}

beforeAll(async () => {
  [node1, node2] = await Promise.all([
    spawnServer({ roles: 'ingress', redisPrefix: REDIS_PREFIX, env: CLUSTER_ENV }),
    spawnServer({ roles: 'ingress,worker', redisPrefix: REDIS_PREFIX, env: CLUSTER_ENV }),
  ]);
  node3 = await startTestServer({ ROLES: 'api', REDIS_PREFIX, ...CLUSTER_ENV });
  tenant = await seedTenant(node3);
  unsubscribe = await node3.app.events.subscribe(tenant.tenantId, LIVE_EVENT_TYPES, (event) => events.push(event));
}, 90_000);

afterAll(async () => {
  unsubscribe?.();
  await Promise.all(clients.map((c) => c.close({ force: true }).catch(() => undefined)));
  if (process.env.DUMP_NODE_LOGS) fs.writeFileSync("/tmp/node-logs.txt", [node1, node2].map((n) => n?.output.join("\n")).join("\n-----\n"));
  await killAllServers();
  await node3?.stop();
});

describe('roles apart, cooperating through PostgreSQL and Redis', () => {
  it('serves health, readiness and metrics on every node, ingress or not', async () => {
    for (const port of [node1.apiPort, node2.apiPort, node3.apiPort]) {
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      expect(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).toContain('process_cpu');
    }
    expect(node3.ocppPort).toBeUndefined();
  });

  it('answers CHARGE_POINT_OFFLINE for a charge point connected nowhere', async () => {
    await tenant.chargePoint('CP-NOWHERE');
    const result = await graphql('mutation { clearCache(input: { chargePointId: "CP-NOWHERE" }) { status command { status } } }', {});
    expect(result.errors[0].extensions.code).toBe('CHARGE_POINT_OFFLINE');
  });

  it('routes a command from the api-only node to the charge point on node 1, and the answer comes back', async () => {
    await tenant.chargePoint('CP-ROUTE');
    const cp = await connect(node1.ocppPort!, 'CP-ROUTE');
    await cp.call('BootNotification', BOOT);
    await eventually(async () => (await node3.app.cluster.isConnected(tenant.tenantId, ['CP-ROUTE']))[0]);

    const result = await graphql(
      `mutation ($input: GetConfigurationInput!) {
        getConfiguration(input: $input) { messageId configurationKey { key value readonly } command { id status } }
      }`,
      { input: { chargePointId: 'CP-ROUTE', key: ['HeartbeatInterval'] } },
    );
    expect(result.errors).toBeUndefined();
    const payload = result.data.getConfiguration;
    expect(payload.configurationKey).toEqual([{ key: 'HeartbeatInterval', readonly: false, value: '300' }]);
    expect(payload.command.status).toBe('COMPLETED');
    expect(payload.messageId).toBe(payload.command.id);
    expect(eventsOf('ocppMessage').filter((e) => e.chargePointId === 'CP-ROUTE' && e.payload.direction === 'OUT' && e.payload.action === 'GetConfiguration')).toHaveLength(1);
  });

  it('delivers events published on node 1 to a subscriber on node 3', async () => {
    await tenant.chargePoint('CP-EVENTS');
    const cp = await connect(node1.ocppPort!, 'CP-EVENTS');
    await cp.call('BootNotification', BOOT);
    await cp.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError' });
    await waitFor(() => events.find((e) => e.type === 'connectorStatusChanged' && e.chargePointId === 'CP-EVENTS'), 10000);
    const frames = eventsOf('ocppMessage').filter((e) => e.chargePointId === 'CP-EVENTS');
    expect(frames.map((e) => [e.payload.direction, e.payload.action])).toEqual(
      expect.arrayContaining([
        ['IN', 'BootNotification'],
        ['OUT', 'BootNotification'],
      ]),
    );
    // The connection event comes from the presence write, which may commit after the status write.
    await waitFor(() => connectionEvents('CP-EVENTS').length > 0, 10000);
    expect(connectionEvents('CP-EVENTS')).toEqual([true]);
  });

  it('a reconnect to node 2 closes the socket on node 1 and leaves the charge point connected', async () => {
    await tenant.chargePoint('CP-MOVE');
    const first = await connect(node1.ocppPort!, 'CP-MOVE');
    await first.call('BootNotification', BOOT);
    await waitFor(() => connectionEvents('CP-MOVE').length === 1, 10000);
    const firstClosed = new Promise<{ code: number }>((resolve) => first.once('close', resolve));

    const second = await connect(node2.ocppPort!, 'CP-MOVE');
    expect((await firstClosed).code).toBe(1000);
    await second.call('BootNotification', BOOT);
    const presence = await node3.app.redis.get(node3.app.keys.presence(tenant.tenantId, 'CP-MOVE'));
    expect(presence?.startsWith(`${node2.nodeId}|`)).toBe(true);

    // The api node reaches it on its new node.
    const { response } = await node3.app.commands.create(em(), { tenantId: tenant.tenantId, chargePointId: 'CP-MOVE', action: 'GetConfiguration', request: {} });
    expect(response?.configurationKey).toHaveLength(1);
    // Node 1 has seen its socket close by now (the close handshake finished before `firstClosed`); its late
    // disconnect must not contradict node 2.
    await new Promise((r) => setTimeout(r, 500));
    expect(connectionEvents('CP-MOVE')).toEqual([true, true]);
    const stored = await em().findOneOrFail(ChargePoint, { identity: 'CP-MOVE' });
    expect(stored.lastDisconnectedAt ?? null).toBeNull();
  });

  it('a SIGKILLed node: presence expires, the charge point is marked disconnected, reconnects to node 2 and stops its transaction', async () => {
    await tenant.chargePoint('CP-CRASH');
    await tenant.idTag('CRASH-TAG');
    const cp = await connect(node1.ocppPort!, 'CP-CRASH');
    await cp.call('BootNotification', BOOT);
    const start = await cp.call('StartTransaction', { connectorId: 1, idTag: 'CRASH-TAG', meterStart: 100, timestamp: new Date().toISOString() });
    expect(start.idTagInfo.status).toBe('Accepted');
    await tenant.chargePoint('CP-CALLED');
    const called = await connect(node1.ocppPort!, 'CP-CALLED');
    await called.call('BootNotification', BOOT);
    await waitFor(() => connectionEvents('CP-CRASH').length === 1 && connectionEvents('CP-CALLED').length === 1, 10000);

    await node1.kill();
    // Before its record expires, a call finds the holder gone and answers offline at once instead of waiting.
    expect((await node3.app.cluster.isConnected(tenant.tenantId, ['CP-CALLED']))[0]).toBe(true);
    await expect(
      node3.app.commands.create(em(), { tenantId: tenant.tenantId, chargePointId: 'CP-CALLED', action: 'GetConfiguration', request: {} }),
    ).rejects.toMatchObject({ code: 'CHARGE_POINT_OFFLINE' } satisfies Partial<CommandFailed>);
    // CP-CRASH's record simply expires (PRESENCE_TTL_S=3).
    await eventually(async () => !(await node3.app.cluster.isConnected(tenant.tenantId, ['CP-CRASH']))[0]);
    // The worker on node 2 notices the lost presence.
    await waitFor(() => connectionEvents('CP-CRASH').join() === 'true,false', 15000);
    expect((await em().findOneOrFail(ChargePoint, { identity: 'CP-CRASH' })).lastDisconnectedAt).toBeInstanceOf(Date);

    const again = await connect(node2.ocppPort!, 'CP-CRASH');
    await again.call('BootNotification', BOOT);
    const stop = await again.call('StopTransaction', { transactionId: start.transactionId, meterStop: 2100, timestamp: new Date().toISOString(), idTag: 'CRASH-TAG', reason: 'Local' });
    expect(stop.idTagInfo.status).toBe('Accepted');
    const transaction = await em().findOneOrFail(ChargingTransaction, { id: start.transactionId });
    expect(transaction.meterStop).toBe(2100);
    expect(transaction.stopTimestamp).toBeInstanceOf(Date);
    await waitFor(() => connectionEvents('CP-CRASH').join() === 'true,false,true', 10000);
  });
});
