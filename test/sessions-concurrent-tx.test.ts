import { randomBytes } from 'node:crypto';
import { RPCClient } from './support/rpc-client';
import { ChargingTransaction } from '../src/modules/transaction/transaction.entity';
import { tenantEm } from '../src/platform/db';
import type { RunningServer } from '../src/server';
import { startTestServer } from './support/harness';
import { killAllServers, spawnServer, type ServerProcess } from './support/process';
import { seedTenant } from './support/seed';

/** ConcurrentTx across nodes: one node in this process, one a separate process, one database. */
const REDIS_PREFIX = `${process.env.QCHARGE_TEST_REDIS_PREFIX}ctx${randomBytes(3).toString('hex')}:`;

let local: RunningServer;
let remote: ServerProcess;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
const clients: RPCClient[] = [];

async function station(port: number, identity: string): Promise<RPCClient> {
  await tenant.chargePoint(identity);
  const client = new RPCClient({ endpoint: `ws://127.0.0.1:${port}/ocpp/${tenant.slug}`, identity, protocols: ['ocpp1.6'], strictMode: true, reconnect: false, callTimeoutMs: 15000 });
  await client.connect();
  clients.push(client);
  await client.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Race-1' });
  return client;
}

beforeAll(async () => {
  [local, remote] = await Promise.all([
    startTestServer({ ROLES: 'ingress,api', REDIS_PREFIX }),
    spawnServer({ roles: 'ingress', redisPrefix: REDIS_PREFIX }),
  ]);
  tenant = await seedTenant(local);
}, 90_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close({ force: true }).catch(() => undefined)));
  await killAllServers();
  await local?.stop();
});

describe('ConcurrentTx is decided atomically per tenant and id tag', () => {
  it('accepts exactly one of simultaneous starts with one tag from chargers on two nodes', async () => {
    await tenant.idTag('RACE-TAG');
    const stations = await Promise.all(
      Array.from({ length: 8 }, (_, i) => station(i % 2 === 0 ? local.ocppPort! : remote.ocppPort!, `CP-RACE-${i}`)),
    );
    const timestamp = new Date().toISOString();
    const answers = await Promise.all(
      stations.map((cp) => cp.call('StartTransaction', { connectorId: 1, idTag: 'RACE-TAG', meterStart: 0, timestamp }) as Promise<any>),
    );
    const statuses = answers.map((a) => a.idTagInfo.status);
    expect(statuses.filter((s) => s === 'Accepted')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'ConcurrentTx')).toHaveLength(7);

    const stored = await tenantEm(local.app.orm, tenant.tenantId).find(ChargingTransaction, { idTag: 'RACE-TAG' });
    expect(stored).toHaveLength(8);
    expect(stored.filter((t) => t.startStatus === 'Accepted')).toHaveLength(1);
  }, 60_000);

  it('still accepts different tags at once', async () => {
    await Promise.all(['TAG-A', 'TAG-B', 'TAG-C', 'TAG-D'].map((tag) => tenant.idTag(tag)));
    const stations = await Promise.all(['A', 'B', 'C', 'D'].map((suffix, i) => station(i % 2 === 0 ? local.ocppPort! : remote.ocppPort!, `CP-FREE-${suffix}`)));
    const timestamp = new Date().toISOString();
    const answers = await Promise.all(
      stations.map((cp, i) => cp.call('StartTransaction', { connectorId: 1, idTag: `TAG-${'ABCD'[i]}`, meterStart: 0, timestamp }) as Promise<any>),
    );
    expect(answers.map((a) => a.idTagInfo.status)).toEqual(['Accepted', 'Accepted', 'Accepted', 'Accepted']);
  }, 30_000);
});
