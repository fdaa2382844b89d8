import type { RPCClient } from './support/rpc-client';
import type { RunningServer } from '../src/server';
import { apiTenant, type GraphQLClient } from './support/graphql-client';
import { connectChargePoint, eventually, startTestServer } from './support/harness';

const BOOT = { chargePointVendor: 'QCharge', chargePointModel: 'Sim-1' };

let server: RunningServer;
let tenant: Awaited<ReturnType<typeof apiTenant>>;
let api: GraphQLClient;
const clients: RPCClient[] = [];

async function times(id: string): Promise<{ lastHeartbeatAt: string | null; lastSeenAt: string | null }> {
  return (await api.data(`query($id: ID!) { chargePoint(id: $id) { lastHeartbeatAt lastSeenAt } }`, { id })).chargePoint;
}

beforeAll(async () => {
  server = await startTestServer();
  tenant = await apiTenant(server);
  api = tenant.owner;
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close({ force: true }).catch(() => undefined)));
  await server.stop();
});

describe('lastHeartbeatAt and lastSeenAt', () => {
  it('a Heartbeat is answered without waiting for its write, and visible through GraphQL within the next flush', async () => {
    await tenant.chargePoint('CP-HB-NOW');
    const cp = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'CP-HB-NOW' });
    clients.push(cp);
    await cp.call('BootNotification', BOOT);

    for (let beat = 0; beat < 3; beat++) {
      const sent = Date.now();
      const { currentTime } = await cp.call('Heartbeat', {});
      // Flushed with the other last-seen times (every second): polled, never a fixed wait.
      const { lastHeartbeatAt, lastSeenAt } = await eventually(async () => {
        const read = await times('CP-HB-NOW');
        return Date.parse(read.lastHeartbeatAt ?? '') === Date.parse(currentTime) && read;
      });
      expect(Date.parse(lastHeartbeatAt!)).toBeGreaterThanOrEqual(sent);
      expect(Date.parse(lastSeenAt!)).toBeGreaterThanOrEqual(Date.parse(currentTime));
    }
  });

  it('a Heartbeat held in memory is written by flush (as on shutdown)', async () => {
    await tenant.chargePoint('CP-HB-FLUSH');
    const cp = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'CP-HB-FLUSH' });
    clients.push(cp);
    await cp.call('BootNotification', BOOT);
    const { currentTime } = await cp.call('Heartbeat', {});
    await server.app.lastSeen.flush();
    expect(Date.parse((await times('CP-HB-FLUSH')).lastHeartbeatAt!)).toBe(Date.parse(currentTime));
  });

  it('the batched write of an earlier sign of life does not move lastSeenAt back', async () => {
    await tenant.chargePoint('CP-HB-ORDER');
    const cp = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'CP-HB-ORDER' });
    clients.push(cp);
    await cp.call('BootNotification', BOOT);
    const { currentTime } = await cp.call('Heartbeat', {});
    await server.app.lastSeen.flush();
    // A frame seen before the heartbeat, still in the tracker's memory, lands after the heartbeat's write.
    server.app.lastSeen.seen(tenant.tenantId, 'CP-HB-ORDER', new Date(Date.parse(currentTime) - 60_000));
    await server.app.lastSeen.flush();
    const after = await times('CP-HB-ORDER');
    expect(Date.parse(after.lastSeenAt!)).toBeGreaterThanOrEqual(Date.parse(currentTime));
    expect(Date.parse(after.lastHeartbeatAt!)).toBe(Date.parse(currentTime));
  });
});
