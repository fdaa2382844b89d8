import type { RunningServer } from '../src/server';
import { graphqlClient, type GraphQLClient } from './support/graphql-client';
import { connectChargePoint, eventually, startTestServer } from './support/harness';
import { seedTenant } from './support/seed';
import { bootedStation } from './support/station';

/** A disconnected or rebooted charger's connectors show their last known status as stale, with its age. */
let server: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let api: GraphQLClient;

const CONNECTORS = `query($id: ID!, $fresh: Boolean) {
  chargePoint(id: $id) { connected connectors(freshOnly: $fresh) { connectorId status stale statusAgeSeconds updatedAt } }
}`;

async function connectors(fresh?: boolean) {
  return (await api.data(CONNECTORS, { id: 'CP-STALE', fresh })).chargePoint;
}

beforeAll(async () => {
  server = await startTestServer();
  tenant = await seedTenant(server);
  api = graphqlClient(server, tenant.ownerKey);
}, 30_000);

afterAll(async () => {
  await server?.stop();
});

describe('stale connector status', () => {
  it('marks statuses stale when the charger disconnects or reboots, and lists only fresh ones on request', async () => {
    const { cp } = await bootedStation(server, tenant, 'CP-STALE');
    await cp.call('StatusNotification', { connectorId: 1, status: 'Charging', errorCode: 'NoError' });
    const live = await connectors();
    expect(live.connected).toBe(true);
    expect(live.connectors.map((c: any) => [c.connectorId, c.status, c.stale])).toEqual([
      [0, 'Available', false],
      [1, 'Charging', false],
      [2, 'Available', false],
    ]);
    for (const c of live.connectors) expect(c.statusAgeSeconds).toBeGreaterThanOrEqual(0);
    expect((await connectors(true)).connectors).toHaveLength(3);

    await cp.close({ force: true });
    const gone = await eventually(async () => {
      const state = await connectors();
      return !state.connected && state;
    });
    // Still shown, as last known.
    expect(gone.connectors.map((c: any) => [c.connectorId, c.status, c.stale])).toEqual([
      [0, 'Available', true],
      [1, 'Charging', true],
      [2, 'Available', true],
    ]);
    expect((await connectors(true)).connectors).toEqual([]);

    // Back after a reboot: what it reported before the boot stays stale until it reports again.
    const again = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'CP-STALE' });
    try {
      await again.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Sim-1' });
      await again.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError' });
      const fresh = await eventually(async () => {
        const state = await connectors(true);
        return state.connected && state;
      });
      expect(fresh.connectors.map((c: any) => [c.connectorId, c.status, c.stale])).toEqual([[1, 'Available', false]]);
      const all = await connectors();
      expect(all.connectors.map((c: any) => c.stale)).toEqual([true, false, true]);
    } finally {
      await again.close({ force: true });
    }
  });
});
