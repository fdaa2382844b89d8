import type { RPCClient } from './rpc-client';
import type { RunningServer } from '../../src/server';
import { connectChargePoint } from './harness';
import type { seedTenant } from './seed';

type Tenant = Awaited<ReturnType<typeof seedTenant>>;

/**
 * A booted charge point (ocpp-rpc, strict mode) with connectors 0..2 Available. `answers` maps each
 * CSMS-initiated action to the reply the station gives; `received` records what it was sent.
 */
export async function bootedStation(server: RunningServer, tenant: Tenant, id: string, answers: Record<string, (params: any) => any> = {}) {
  await tenant.chargePoint(id);
  const cp: RPCClient = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: id });
  const received: Record<string, any[]> = {};
  for (const [action, answer] of Object.entries(answers)) {
    cp.handle(action, ({ params }: { params: any }) => {
      (received[action] ??= []).push(params);
      return answer(params);
    });
  }
  await cp.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Sim-1' });
  for (const connectorId of [0, 1, 2]) await cp.call('StatusNotification', { connectorId, status: 'Available', errorCode: 'NoError' });
  return { cp, received };
}
