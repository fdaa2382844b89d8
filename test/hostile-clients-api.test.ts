import type { RPCClient } from 'ocpp-rpc';
import type { RunningServer } from '../src/server';
import { apiTenant } from './support/graphql-client';
import { connectChargePoint, startTestServer, uniqueName } from './support/harness';

let server: RunningServer;
const clients: RPCClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close({ force: true }).catch(() => undefined)));
  await server.stop();
});

async function chargePoint(tenant: Awaited<ReturnType<typeof apiTenant>>, id: string): Promise<RPCClient> {
  await tenant.chargePoint(id);
  const cp = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: id });
  clients.push(cp);
  await cp.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Sim-1' });
  return cp;
}

describe('a MeterValues resent after a crash', () => {
  it('is stored once; different values at the same timestamp are both kept', async () => {
    const tenant = await apiTenant(server);
    const id = uniqueName('CP-MV');
    const cp = await chargePoint(tenant, id);
    const { transactionId } = await cp.call('StartTransaction', { connectorId: 1, idTag: 'TAG-MV', meterStart: 0, timestamp: '2030-01-01T10:00:00.000Z' });
    const sample = (value: string) => ({ connectorId: 1, transactionId, meterValue: [{ timestamp: '2030-01-01T10:05:00.000Z', sampledValue: [{ value, measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] }] });
    await cp.call('MeterValues', sample('500'));
    await cp.call('MeterValues', sample('500'));
    await Promise.all([cp.call('MeterValues', sample('500')), cp.call('MeterValues', sample('500'))]);
    await cp.call('MeterValues', sample('501'));
    // A StopTransaction resent with the same transactionData, for a transaction this charger does not know.
    const stop = { transactionId: 999_999, meterStop: 700, timestamp: '2030-01-01T10:09:00.000Z', transactionData: [sample('700').meterValue[0]] };
    await cp.call('StopTransaction', stop);
    await cp.call('StopTransaction', stop);
    const { transaction } = await tenant.owner.data(`query($id: Int!) { transaction(id: $id) { meterValues { timestamp sampledValue { value } } } }`, { id: transactionId });
    expect(transaction.meterValues).toEqual([
      { timestamp: '2030-01-01T10:05:00.000Z', sampledValue: [{ value: '500' }] },
      { timestamp: '2030-01-01T10:05:00.000Z', sampledValue: [{ value: '501' }] },
    ]);
    const unlinked = await server.app.orm.em.fork().getConnection().execute(`select count(*)::int as n from meter_value where charge_point_id = ? and transaction_id is null`, [id]);
    expect(unlinked[0].n).toBe(1);
  });
});
