import WebSocket from 'ws';
import { RPCClient } from './support/rpc-client';
import { ChargingTransaction } from '../src/modules/transaction/transaction.entity';
import { MeterValue } from '../src/modules/transaction/meter-value.entity';
import { ChargePoint } from '../src/modules/charge-point/charge-point.entity';
import { Connector } from '../src/modules/charge-point/connector.entity';
import { HANDLERS } from '../src/ingress/handlers';
import { platformSql, tenantEm } from '../src/platform/db';
import type { RunningServer } from '../src/server';
import { graphqlClient } from './support/graphql-client';
import { connectChargePoint, startTestServer, waitFor } from './support/harness';
import { seedTenant } from './support/seed';
import { bootedStation } from './support/station';

const BOOT = { chargePointVendor: 'QCharge', chargePointModel: 'Sim-1', chargePointSerialNumber: 'SN-1', firmwareVersion: '1.2.3', iccid: 'ICC', imsi: 'IMSI', meterType: 'MT', meterSerialNumber: 'MSN' };

let server: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
const clients: RPCClient[] = [];

async function connect(identity: string, password?: string, slug = tenant.slug): Promise<RPCClient> {
  const client = await connectChargePoint({ server, tenantSlug: slug, identity, password });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  server = await startTestServer();
  tenant = await seedTenant(server);
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close({ force: true }).catch(() => undefined)));
});

afterAll(async () => {
  await server.stop();
});

describe('Core profile, charge point initiated', () => {
  it('boots, stores identity, answers heartbeat and status notifications', async () => {
    await tenant.chargePoint('CP-BOOT');
    const cp = await connect('CP-BOOT');
    const boot = await cp.call('BootNotification', BOOT);
    expect(boot.status).toBe('Accepted');
    expect(boot.interval).toBe(300);
    expect(Math.abs(Date.parse(boot.currentTime) - Date.now())).toBeLessThan(5000);
    const hb = await cp.call('Heartbeat', {});
    expect(typeof hb.currentTime).toBe('string');
    for (const connectorId of [0, 1, 2]) {
      expect(await cp.call('StatusNotification', { connectorId, status: 'Available', errorCode: 'NoError' })).toEqual({});
    }
    await cp.call('StatusNotification', { connectorId: 1, status: 'Faulted', errorCode: 'ConnectorLockFailure', info: 'lock', vendorErrorCode: 'E42', timestamp: new Date().toISOString() });
    const em = tenantEm(server.app.orm, tenant.tenantId);
    const stored = await em.findOneOrFail(ChargePoint, { identity: 'CP-BOOT' });
    expect(stored).toMatchObject({ vendor: 'QCharge', model: 'Sim-1', serialNumber: 'SN-1', firmwareVersion: '1.2.3', iccid: 'ICC', imsi: 'IMSI', meterType: 'MT', meterSerialNumber: 'MSN' });
    const connectors = await em.find(Connector, { chargePointId: 'CP-BOOT' }, { orderBy: { connectorId: 'asc' } });
    expect(connectors.map((c) => [c.connectorId, c.status, c.errorCode])).toEqual([
      [0, 'Available', 'NoError'],
      [1, 'Faulted', 'ConnectorLockFailure'],
      [2, 'Available', 'NoError'],
    ]);
    expect(connectors[1].vendorErrorCode).toBe('E42');
  });

  it('answers Authorize with each outcome', async () => {
    await tenant.chargePoint('CP-AUTH');
    await tenant.idTag('GOOD-TAG', 'Accepted', { parentIdTag: 'PARENT' });
    await tenant.idTag('BLOCKED-TAG', 'Blocked');
    await tenant.idTag('OLD-TAG', 'Accepted', { expiryDate: new Date(Date.now() - 60_000) });
    await tenant.idTag('INVALID-TAG', 'Invalid');
    const cp = await connect('CP-AUTH');
    await cp.call('BootNotification', BOOT);
    expect((await cp.call('Authorize', { idTag: 'GOOD-TAG' })).idTagInfo).toEqual({ status: 'Accepted', parentIdTag: 'PARENT' });
    expect((await cp.call('Authorize', { idTag: 'good-tag' })).idTagInfo.status).toBe('Accepted');
    expect((await cp.call('Authorize', { idTag: 'UNKNOWN' })).idTagInfo.status).toBe('Invalid');
    expect((await cp.call('Authorize', { idTag: 'BLOCKED-TAG' })).idTagInfo.status).toBe('Blocked');
    expect((await cp.call('Authorize', { idTag: 'OLD-TAG' })).idTagInfo.status).toBe('Expired');
    expect((await cp.call('Authorize', { idTag: 'INVALID-TAG' })).idTagInfo.status).toBe('Invalid');
  });

  it('runs a full charging session with meter values, ConcurrentTx and duplicate start', async () => {
    await tenant.chargePoint('CP-TX');
    await tenant.idTag('TX-TAG');
    const cp = await connect('CP-TX');
    await cp.call('BootNotification', BOOT);
    const timestamp = new Date().toISOString();
    const start = await cp.call('StartTransaction', { connectorId: 1, idTag: 'TX-TAG', meterStart: 1000, timestamp });
    expect(start.transactionId).toBeGreaterThan(0);
    expect(start.idTagInfo.status).toBe('Accepted');
    const again = await cp.call('StartTransaction', { connectorId: 1, idTag: 'TX-TAG', meterStart: 1000, timestamp });
    expect(again.transactionId).toBe(start.transactionId);
    const concurrent = await cp.call('StartTransaction', { connectorId: 2, idTag: 'tx-tag', meterStart: 0, timestamp: new Date().toISOString() });
    expect(concurrent.idTagInfo.status).toBe('ConcurrentTx');
    expect(concurrent.transactionId).toBeGreaterThan(start.transactionId);
    await cp.call('MeterValues', {
      connectorId: 1,
      transactionId: start.transactionId,
      meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: '1500' }, { value: '16.0', measurand: 'Current.Import', unit: 'A', phase: 'L1' }] }],
    });
    const stop = await cp.call('StopTransaction', {
      transactionId: start.transactionId,
      idTag: 'TX-TAG',
      meterStop: 2500,
      timestamp: new Date().toISOString(),
      reason: 'EVDisconnected',
      transactionData: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: '2500', context: 'Transaction.End' }] }],
    });
    expect(stop.idTagInfo.status).toBe('Accepted');
    const em = tenantEm(server.app.orm, tenant.tenantId);
    const tx = await em.findOneOrFail(ChargingTransaction, { id: start.transactionId });
    expect(tx).toMatchObject({ meterStart: 1000, meterStop: 2500, stopReason: 'EVDisconnected' });
    const values = await em.find(MeterValue, { transactionId: start.transactionId }, { orderBy: { id: 'asc' } });
    expect(values).toHaveLength(2);
    expect(values[0].sampledValue[0]).toEqual({ value: '1500', context: 'Sample.Periodic', format: 'Raw', measurand: 'Energy.Active.Import.Register', phase: null, location: 'Outlet', unit: 'Wh' });
    expect(values[0].sampledValue[1]).toMatchObject({ measurand: 'Current.Import', unit: 'A', phase: 'L1' });
    expect(values[1].sampledValue[0].context).toBe('Transaction.End');
    // A repeated stop and a stop for an unknown transaction are answered without error.
    expect(await cp.call('StopTransaction', { transactionId: start.transactionId, meterStop: 9999, timestamp: new Date().toISOString() })).toEqual({});
    expect(await cp.call('StopTransaction', { transactionId: 999999999, meterStop: 1, timestamp: new Date().toISOString(), idTag: 'NOPE' })).toEqual({ idTagInfo: { status: 'Invalid' } });
    const unchanged = await tenantEm(server.app.orm, tenant.tenantId).findOneOrFail(ChargingTransaction, { id: start.transactionId });
    expect(unchanged.meterStop).toBe(2500);
  });

  it('accepts an offline-buffered session with old timestamps and an unknown tag', async () => {
    await tenant.chargePoint('CP-OFFLINE');
    await tenant.idTag('OFF-TAG');
    const cp = await connect('CP-OFFLINE');
    await cp.call('BootNotification', BOOT);
    const fourHoursAgo = new Date(Date.now() - 4 * 3600_000).toISOString();
    const threeHoursAgo = new Date(Date.now() - 3 * 3600_000).toISOString();
    const start = await cp.call('StartTransaction', { connectorId: 1, idTag: 'OFF-TAG', meterStart: 0, timestamp: fourHoursAgo });
    expect(start.idTagInfo.status).toBe('Accepted');
    await cp.call('StopTransaction', { transactionId: start.transactionId, meterStop: 700, timestamp: threeHoursAgo, reason: 'Local', idTag: 'OFF-TAG' });
    const invalid = await cp.call('StartTransaction', { connectorId: 2, idTag: 'NOT-KNOWN', meterStart: 0, timestamp: fourHoursAgo });
    expect(invalid.transactionId).toBeGreaterThan(0);
    expect(invalid.idTagInfo.status).toBe('Invalid');
    const tx = await tenantEm(server.app.orm, tenant.tenantId).findOneOrFail(ChargingTransaction, { id: start.transactionId });
    expect(tx.startTimestamp.toISOString()).toBe(fourHoursAgo);
    expect(tx.stopTimestamp!.toISOString()).toBe(threeHoursAgo);
  });

  it('stores meter values sent at once by many chargers of two tenants, each linked only to its own transaction', async () => {
    const other = await seedTenant(server);
    const sides = [
      { t: tenant, slug: tenant.slug },
      { t: other, slug: other.slug },
    ];
    const chargers: Array<{ cp: RPCClient; transactionId: number; tenantId: string }> = [];
    for (const { t, slug } of sides) {
      await t.idTag('MV-BATCH');
      for (let n = 0; n < 6; n++) {
        await t.chargePoint(`CP-MVB-${n}`);
        const cp = await connect(`CP-MVB-${n}`, undefined, slug);
        await cp.call('BootNotification', BOOT);
        const start = await cp.call('StartTransaction', { connectorId: 1, idTag: 'MV-BATCH', meterStart: 0, timestamp: new Date().toISOString() });
        chargers.push({ cp, transactionId: start.transactionId, tenantId: t.tenantId });
      }
    }
    const foreign = chargers[chargers.length - 1].transactionId;
    // 10 MeterValues per charger, all in flight together (group-committed by the server), plus one per
    // charger naming the other tenant's transaction.
    await Promise.all(
      chargers.flatMap(({ cp, transactionId }, c) => [
        ...Array.from({ length: 10 }, (_, k) =>
          cp.call('MeterValues', { connectorId: 1, transactionId, meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: String(c * 1000 + k) }] }] }),
        ),
        cp.call('MeterValues', { connectorId: 1, transactionId: c < 6 ? foreign : chargers[0].transactionId, meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: `foreign-${c}` }] }] }),
      ]),
    );
    for (const [c, { transactionId, tenantId }] of chargers.entries()) {
      const em = tenantEm(server.app.orm, tenantId);
      const linked = await em.find(MeterValue, { transactionId });
      expect(linked.map((m) => m.sampledValue[0].value).sort()).toEqual(Array.from({ length: 10 }, (_, k) => String(c * 1000 + k)).sort());
    }
    const foreignValues = await platformSql<{ transaction_id: number | null; value: string }>(
      server.app.orm,
      `select transaction_id, sampled_value->0->>'value' as value from meter_value where sampled_value->0->>'value' like 'foreign-%'`,
      [],
    );
    expect(foreignValues).toHaveLength(12);
    expect(foreignValues.every((row) => row.transaction_id === null)).toBe(true);

    // A value PostgreSQL cannot store (a NUL) fails alone, the requests written with it are stored.
    const mv = (c: number, value: string) =>
      chargers[c].cp.call('MeterValues', { connectorId: 1, transactionId: chargers[c].transactionId, meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value }] }] });
    const outcomes = await Promise.allSettled(chargers.map((_, c) => mv(c, c === 3 ? 'bad\u0000value' : `after-${c}`)));
    expect(outcomes[3]).toMatchObject({ status: 'rejected', reason: { rpcErrorCode: 'PropertyConstraintViolation' } });
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(chargers.length - 1);
    const after = await platformSql<{ value: string }>(server.app.orm, `select sampled_value->0->>'value' as value from meter_value where sampled_value->0->>'value' like 'after-%'`, []);
    expect(after).toHaveLength(chargers.length - 1);
  });

  it('answers Pending, refuses other calls until Accepted', async () => {
    const created = await tenant.chargePoint('CP-PENDING', { registrationStatus: 'Pending' });
    const cp = await connect('CP-PENDING');
    expect((await cp.call('BootNotification', BOOT)).status).toBe('Pending');
    await expect(cp.call('Heartbeat', {})).rejects.toMatchObject({ rpcErrorCode: 'SecurityError' });
    await tenantEm(server.app.orm, tenant.tenantId).nativeUpdate(ChargePoint, { pk: created.pk }, { registrationStatus: 'Accepted' });
    expect((await cp.call('BootNotification', BOOT)).status).toBe('Accepted');
    expect(await cp.call('Heartbeat', {})).toHaveProperty('currentTime');
  });

  it('ConcurrentTx counts only transactions whose start was Accepted', async () => {
    await tenant.chargePoint('CP-CONC');
    await tenant.idTag('CONC-TAG');
    const cp = await connect('CP-CONC');
    await cp.call('BootNotification', BOOT);
    const first = await cp.call('StartTransaction', { connectorId: 1, idTag: 'CONC-TAG', meterStart: 0, timestamp: new Date().toISOString() });
    expect(first.idTagInfo.status).toBe('Accepted');
    const refused = await cp.call('StartTransaction', { connectorId: 2, idTag: 'CONC-TAG', meterStart: 0, timestamp: new Date().toISOString() });
    expect(refused.idTagInfo.status).toBe('ConcurrentTx');
    await cp.call('StopTransaction', { transactionId: first.transactionId, idTag: 'CONC-TAG', meterStop: 10, timestamp: new Date().toISOString() });
    // The refused transaction is recorded and still open (its charger never stopped it), yet it does not block the tag.
    const em = tenantEm(server.app.orm, tenant.tenantId);
    expect(await em.findOneOrFail(ChargingTransaction, { id: refused.transactionId })).toMatchObject({ startStatus: 'ConcurrentTx', stopTimestamp: null });
    const next = await cp.call('StartTransaction', { connectorId: 1, idTag: 'CONC-TAG', meterStart: 10, timestamp: new Date().toISOString() });
    expect(next.idTagInfo.status).toBe('Accepted');
  });

  it('ConcurrentTx ignores an open transaction on the connector the tag starts on again (its StopTransaction was lost)', async () => {
    await tenant.chargePoint('CP-LOST');
    await tenant.idTag('LOST-TAG');
    const cp = await connect('CP-LOST');
    await cp.call('BootNotification', BOOT);
    const first = await cp.call('StartTransaction', { connectorId: 1, idTag: 'LOST-TAG', meterStart: 100, timestamp: new Date(Date.now() - 60_000).toISOString() });
    expect(first.idTagInfo.status).toBe('Accepted');
    expect((await cp.call('StartTransaction', { connectorId: 2, idTag: 'LOST-TAG', meterStart: 0, timestamp: new Date().toISOString() })).idTagInfo.status).toBe('ConcurrentTx');
    // The charger reboots; the StopTransaction of the first session never arrives.
    await cp.call('BootNotification', BOOT);
    const second = await cp.call('StartTransaction', { connectorId: 1, idTag: 'LOST-TAG', meterStart: 500, timestamp: new Date().toISOString() });
    expect(second.idTagInfo.status).toBe('Accepted');
    expect(second.transactionId).not.toBe(first.transactionId);
    expect((await cp.call('StartTransaction', { connectorId: 2, idTag: 'LOST-TAG', meterStart: 0, timestamp: new Date().toISOString() })).idTagInfo.status).toBe('ConcurrentTx');
    await tenant.chargePoint('CP-LOST-2');
    const neighbour = await connect('CP-LOST-2');
    await neighbour.call('BootNotification', BOOT);
    expect((await neighbour.call('StartTransaction', { connectorId: 1, idTag: 'LOST-TAG', meterStart: 0, timestamp: new Date().toISOString() })).idTagInfo.status).toBe('ConcurrentTx');
    // The first transaction is closed as ABANDONED (its last known meter as meterStop, no stop time), and its
    // StopTransaction still lands when it comes late.
    const em = tenantEm(server.app.orm, tenant.tenantId);
    expect(await em.findOneOrFail(ChargingTransaction, { id: first.transactionId })).toMatchObject({ startStatus: 'Accepted', state: 'ABANDONED', stopTimestamp: null, meterStop: 100 });
    const stoppedAt = new Date(Date.now() - 30_000).toISOString();
    expect(await cp.call('StopTransaction', { transactionId: first.transactionId, meterStop: 400, timestamp: stoppedAt, reason: 'PowerLoss' })).toEqual({});
    const late = await tenantEm(server.app.orm, tenant.tenantId).findOneOrFail(ChargingTransaction, { id: first.transactionId });
    expect(late).toMatchObject({ meterStop: 400, stopReason: 'PowerLoss', state: 'STOPPED' });
    expect(late.stopTimestamp!.toISOString()).toBe(stoppedAt);
    expect(await tenantEm(server.app.orm, tenant.tenantId).findOneOrFail(ChargingTransaction, { id: second.transactionId })).toMatchObject({ stopTimestamp: null });
  });

  it('ConcurrentTx ignores an open transaction once a later one started on its connector', async () => {
    await tenant.chargePoint('CP-SUPERSEDED');
    await tenant.idTag('GONE-TAG');
    await tenant.idTag('NEXT-TAG');
    const cp = await connect('CP-SUPERSEDED');
    await cp.call('BootNotification', BOOT);
    const lost = await cp.call('StartTransaction', { connectorId: 1, idTag: 'GONE-TAG', meterStart: 0, timestamp: new Date(Date.now() - 60_000).toISOString() });
    // Its StopTransaction is lost; another driver then charges on the same connector and finishes.
    const next = await cp.call('StartTransaction', { connectorId: 1, idTag: 'NEXT-TAG', meterStart: 50, timestamp: new Date(Date.now() - 30_000).toISOString() });
    await cp.call('StopTransaction', { transactionId: next.transactionId, meterStop: 90, timestamp: new Date().toISOString() });
    const elsewhere = await cp.call('StartTransaction', { connectorId: 2, idTag: 'GONE-TAG', meterStart: 0, timestamp: new Date().toISOString() });
    expect(elsewhere.idTagInfo.status).toBe('Accepted');
    // A start on the connector dated before the open transaction (an offline-buffered one) does not end it.
    await tenant.idTag('EARLY-TAG');
    await tenant.idTag('BUFFERED-TAG');
    await cp.call('StartTransaction', { connectorId: 3, idTag: 'EARLY-TAG', meterStart: 0, timestamp: new Date(Date.now() - 10_000).toISOString() });
    await cp.call('StartTransaction', { connectorId: 3, idTag: 'BUFFERED-TAG', meterStart: 0, timestamp: new Date(Date.now() - 3600_000).toISOString() });
    expect((await cp.call('StartTransaction', { connectorId: 4, idTag: 'EARLY-TAG', meterStart: 0, timestamp: new Date().toISOString() })).idTagInfo.status).toBe('ConcurrentTx');
    const em = tenantEm(server.app.orm, tenant.tenantId);
    expect(await em.findOneOrFail(ChargingTransaction, { id: lost.transactionId })).toMatchObject({ state: 'ABANDONED', stopTimestamp: null, meterStop: 0 });
  });

  it('defaults a sampled value\'s unit to Wh only for Energy measurands', async () => {
    await tenant.chargePoint('CP-UNIT');
    await tenant.idTag('UNIT-TAG');
    const cp = await connect('CP-UNIT');
    await cp.call('BootNotification', BOOT);
    const start = await cp.call('StartTransaction', { connectorId: 1, idTag: 'UNIT-TAG', meterStart: 0, timestamp: new Date().toISOString() });
    await cp.call('MeterValues', {
      connectorId: 1,
      transactionId: start.transactionId,
      meterValue: [
        {
          timestamp: new Date().toISOString(),
          sampledValue: [{ value: '120' }, { value: '16.2', measurand: 'Current.Import', phase: 'L1' }, { value: '230', measurand: 'Voltage' }, { value: '55', measurand: 'SoC', location: 'EV' }, { value: '40', measurand: 'Energy.Active.Import.Interval' }],
        },
      ],
    });
    const api = graphqlClient(server, tenant.ownerKey);
    const { transaction } = await api.data(`query($id: Int!) { transaction(id: $id) { meterValues { sampledValue { value measurand unit context format location phase } } } }`, { id: start.transactionId });
    expect(transaction.meterValues).toHaveLength(1);
    expect(transaction.meterValues[0].sampledValue).toEqual([
      { value: '120', measurand: 'Energy.Active.Import.Register', unit: 'Wh', context: 'Sample.Periodic', format: 'Raw', location: 'Outlet', phase: null },
      { value: '16.2', measurand: 'Current.Import', unit: null, context: 'Sample.Periodic', format: 'Raw', location: 'Outlet', phase: 'L1' },
      { value: '230', measurand: 'Voltage', unit: null, context: 'Sample.Periodic', format: 'Raw', location: 'Outlet', phase: null },
      { value: '55', measurand: 'SoC', unit: null, context: 'Sample.Periodic', format: 'Raw', location: 'EV', phase: null },
      { value: '40', measurand: 'Energy.Active.Import.Interval', unit: 'Wh', context: 'Sample.Periodic', format: 'Raw', location: 'Outlet', phase: null },
    ]);
  });

  it('keeps a session whose meter readings pass 2^31 Wh, and shows them over GraphQL', async () => {
    await tenant.chargePoint('CP-BIGMETER');
    await tenant.idTag('BIG-TAG');
    const cp = await connect('CP-BIGMETER');
    await cp.call('BootNotification', BOOT);
    const start = await cp.call('StartTransaction', { connectorId: 1, idTag: 'BIG-TAG', meterStart: 2147483000, timestamp: new Date().toISOString() });
    expect(start.idTagInfo.status).toBe('Accepted');
    expect(await cp.call('StopTransaction', { transactionId: start.transactionId, meterStop: 3000000000, timestamp: new Date().toISOString() })).toEqual({});
    const api = graphqlClient(server, tenant.ownerKey);
    const { transaction } = await api.data(`query($id: Int!) { transaction(id: $id) { meterStart meterStop energyWh } }`, { id: start.transactionId });
    expect(transaction).toEqual({ meterStart: 2147483000, meterStop: 3000000000, energyWh: 852517000 });
    const stored = await tenantEm(server.app.orm, tenant.tenantId).findOneOrFail(ChargingTransaction, { id: start.transactionId });
    expect(stored).toMatchObject({ meterStart: 2147483000, meterStop: 3000000000 });
    // A start above 2^31 too, and its meter values linked through the raw-SQL path.
    const high = await cp.call('StartTransaction', { connectorId: 2, idTag: 'BIG-TAG', meterStart: 3000000000, timestamp: new Date().toISOString() });
    expect(high.idTagInfo.status).toBe('Accepted');
    const publish = jest.spyOn(server.app.events, 'publish');
    try {
      await cp.call('MeterValues', { connectorId: 2, transactionId: high.transactionId, meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: '3000000500' }] }] });
      const update = publish.mock.calls.map(([event]) => event).find((event) => event.type === 'transactionUpdated' && event.chargePointId === 'CP-BIGMETER');
      expect(update?.payload).toMatchObject({ id: high.transactionId, meterStart: 3000000000, meterStop: null, energyWh: null });
    } finally {
      publish.mockRestore();
    }
    const again = await api.data(`query($id: Int!) { transaction(id: $id) { meterStart meterStop energyWh meterValues { sampledValue { value } } } }`, { id: high.transactionId });
    expect(again.transaction).toEqual({ meterStart: 3000000000, meterStop: null, energyWh: null, meterValues: [{ sampledValue: [{ value: '3000000500' }] }] });
  });

  it('answers values out of range with PropertyConstraintViolation, and ids beyond int range as unknown ids', async () => {
    await tenant.chargePoint('CP-RANGE');
    await tenant.idTag('RANGE-TAG');
    const cp = await connect('CP-RANGE');
    await cp.call('BootNotification', BOOT);
    const now = () => new Date().toISOString();
    const refused = [
      ['StartTransaction', { connectorId: 3000000000, idTag: 'RANGE-TAG', meterStart: 0, timestamp: now() }],
      ['StartTransaction', { connectorId: -1, idTag: 'RANGE-TAG', meterStart: 0, timestamp: now() }],
      ['StartTransaction', { connectorId: 1, idTag: 'RANGE-TAG', meterStart: 0, timestamp: '0000-01-01T00:00:00Z' }],
      ['StartTransaction', { connectorId: 1, idTag: 'RANGE-TAG', meterStart: 2 ** 60, timestamp: now() }],
      ['StatusNotification', { connectorId: 3000000000, status: 'Available', errorCode: 'NoError' }],
      ['StatusNotification', { connectorId: -1, status: 'Available', errorCode: 'NoError' }],
      ['StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError', timestamp: '0000-01-01T00:00:00Z' }],
      // Midnight of year 1 at +01:00 is still year 0 in UTC.
      ['StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError', timestamp: '0001-01-01T00:30:00+01:00' }],
      ['MeterValues', { connectorId: 3000000000, meterValue: [{ timestamp: now(), sampledValue: [{ value: '1' }] }] }],
      ['MeterValues', { connectorId: 1, meterValue: [{ timestamp: '0000-01-01T00:00:00Z', sampledValue: [{ value: '1' }] }] }],
      ['StopTransaction', { transactionId: 1, meterStop: 10, timestamp: '0000-01-01T00:00:00Z' }],
      ['StopTransaction', { transactionId: 1, meterStop: -(2 ** 60), timestamp: now() }],
    ] as const;
    for (const [action, payload] of refused) {
      await expect(cp.call(action, payload)).rejects.toMatchObject({ rpcErrorCode: 'PropertyConstraintViolation' });
    }
    // Ids the CSMS assigns itself cannot be beyond int range: such an id is simply unknown.
    const start = await cp.call('StartTransaction', { connectorId: 1, idTag: 'RANGE-TAG', meterStart: 0, timestamp: now(), reservationId: 3000000000 });
    expect(start.idTagInfo.status).toBe('Accepted');
    const em = tenantEm(server.app.orm, tenant.tenantId);
    expect(await em.findOneOrFail(ChargingTransaction, { id: start.transactionId })).toMatchObject({ reservationId: null, stopTimestamp: null });
    expect(await cp.call('MeterValues', { connectorId: 1, transactionId: 3000000000, meterValue: [{ timestamp: now(), sampledValue: [{ value: '77' }] }] })).toEqual({});
    const unlinked = await em.find(MeterValue, { chargePointId: 'CP-RANGE' });
    expect(unlinked.map((v) => [v.transactionId, v.sampledValue[0].value])).toEqual([[null, '77']]);
    expect(await cp.call('StopTransaction', { transactionId: 3000000000, meterStop: 10, timestamp: now() })).toEqual({});
    expect(await cp.call('StopTransaction', { transactionId: -3000000000, meterStop: 10, timestamp: now(), idTag: 'RANGE-TAG' })).toEqual({ idTagInfo: { status: 'Accepted' } });
    // The edges of the ranges are fine, and the session is intact.
    expect(await cp.call('StatusNotification', { connectorId: 2147483647, status: 'Available', errorCode: 'NoError', timestamp: '0001-01-01T00:00:00Z' })).toEqual({});
    expect(await cp.call('StopTransaction', { transactionId: start.transactionId, meterStop: Number.MAX_SAFE_INTEGER, timestamp: now() })).toEqual({});
    expect(await tenantEm(server.app.orm, tenant.tenantId).findOneOrFail(ChargingTransaction, { id: start.transactionId })).toMatchObject({ meterStop: Number.MAX_SAFE_INTEGER });
  });

  it('answers PropertyConstraintViolation when PostgreSQL finds a value out of range that validation let through', async () => {
    await tenant.chargePoint('CP-NET');
    const cp = await connect('CP-NET');
    await cp.call('BootNotification', BOOT);
    const original = HANDLERS.DataTransfer;
    const statements: Record<string, string> = { integer: 'select 3000000000::integer', date: `select '0000-01-01'::timestamptz`, other: 'select 1/0' };
    HANDLERS.DataTransfer = async (ctx, payload) => {
      await platformSql(ctx.app.orm, statements[payload.messageId ?? ''], []);
      return { status: 'Accepted' };
    };
    try {
      await expect(cp.call('DataTransfer', { vendorId: 'v', messageId: 'integer' })).rejects.toMatchObject({ rpcErrorCode: 'PropertyConstraintViolation' });
      await expect(cp.call('DataTransfer', { vendorId: 'v', messageId: 'date' })).rejects.toMatchObject({ rpcErrorCode: 'PropertyConstraintViolation' });
      // Any other failure stays the CSMS's own: InternalError.
      await expect(cp.call('DataTransfer', { vendorId: 'v', messageId: 'other' })).rejects.toMatchObject({ rpcErrorCode: 'InternalError' });
    } finally {
      HANDLERS.DataTransfer = original;
    }
  });

  it('answers DataTransfer with UnknownVendorId', async () => {
    await tenant.chargePoint('CP-DT');
    const cp = await connect('CP-DT');
    await cp.call('BootNotification', BOOT);
    expect(await cp.call('DataTransfer', { vendorId: 'specific-vendor-id', messageId: 'x', data: 'y' })).toEqual({ status: 'UnknownVendorId' });
  });
});

describe('OCPP-J framing errors', () => {
  let socket: WebSocket;
  const received: unknown[] = [];

  beforeAll(async () => {
    await tenant.chargePoint('CP-RAW');
    socket = new WebSocket(`ws://127.0.0.1:${server.ocppPort}/ocpp/${tenant.slug}/CP-RAW`, 'ocpp1.6');
    socket.on('message', (data) => received.push(JSON.parse(data.toString())));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(JSON.stringify([2, 'boot', 'BootNotification', BOOT]));
    await waitFor(() => received.length === 1);
  });

  afterAll(() => socket.close());

  async function answerTo(frame: string): Promise<any> {
    const before = received.length;
    socket.send(frame);
    await waitFor(() => received.length > before);
    return received[received.length - 1];
  }

  it.each([
    ['not JSON', '[2, "a1", "Heartbeat", {', 'FormationViolation', 'a1'],
    ['not an array', '{"hello": 1}', 'FormationViolation', '-1'],
    ['unknown message type', '[7, "a2", "Heartbeat", {}]', 'FormationViolation', 'a2'],
    ['missing payload', '[2, "a3", "Heartbeat"]', 'ProtocolError', 'a3'],
    ['uniqueId only', '[2, "a3b"]', 'FormationViolation', 'a3b'],
    ['message type only', '[2]', 'FormationViolation', '-1'],
    ['short with a numeric uniqueId', '[2, 17]', 'FormationViolation', '-1'],
    ['unknown action', '[2, "a4", "FlyToTheMoon", {}]', 'NotImplemented', 'a4'],
    ['CSMS-only action', '[2, "a5", "Reset", {"type": "Hard"}]', 'NotSupported', 'a5'],
    ['missing required field', '[2, "a6", "Authorize", {}]', 'OccurenceConstraintViolation', 'a6'],
    ['wrong type', '[2, "a7", "StartTransaction", {"connectorId": "one", "idTag": "X", "meterStart": 0, "timestamp": "2024-01-01T00:00:00Z"}]', 'TypeConstraintViolation', 'a7'],
    ['too long', `[2, "a8", "Authorize", {"idTag": "${'X'.repeat(21)}"}]`, 'PropertyConstraintViolation', 'a8'],
    ['bad enum', '[2, "a9", "StatusNotification", {"connectorId": 1, "status": "Dancing", "errorCode": "NoError"}]', 'PropertyConstraintViolation', 'a9'],
    ['unknown property', '[2, "a10", "Heartbeat", {"extra": true}]', 'FormationViolation', 'a10'],
    ['uniqueId too long', `[2, "${'u'.repeat(37)}", "Heartbeat", {}]`, 'FormationViolation', 'u'.repeat(36)],
  ])('%s gets %s', async (_name, frame, code, uniqueId) => {
    const answer = await answerTo(frame);
    expect(answer).toEqual([4, uniqueId, code, expect.any(String), expect.any(Object)]);
  });

  it('leaves a short CALLRESULT unanswered, like any broken answer', async () => {
    const before = received.length;
    socket.send('[3, "r1"]');
    const answer = await answerTo('[2, "ok0", "Heartbeat", {}]');
    expect(answer).toEqual([3, 'ok0', { currentTime: expect.any(String) }]);
    expect(received.length).toBe(before + 1);
  });

  it('still answers good calls on the same socket', async () => {
    const answer = await answerTo('[2, "ok1", "Heartbeat", {}]');
    expect(answer).toEqual([3, 'ok1', { currentTime: expect.any(String) }]);
  });

  it('refuses frames over 64 KiB by closing the socket', async () => {
    const big = new WebSocket(`ws://127.0.0.1:${server.ocppPort}/ocpp/${tenant.slug}/CP-RAW`, 'ocpp1.6');
    await new Promise((resolve) => big.once('open', resolve));
    const closed = new Promise<number>((resolve) => big.once('close', (code) => resolve(code)));
    big.send(JSON.stringify([2, 'big', 'DataTransfer', { vendorId: 'v', data: 'x'.repeat(70 * 1024) }]));
    expect(await closed).toBe(1009);
  });
});

describe('connection handshake', () => {
  function attempt(path: string, options: { protocols?: string[]; auth?: string } = {}): Promise<number> {
    return new Promise((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.ocppPort}${path}`, options.protocols ?? ['ocpp1.6'], {
        headers: options.auth ? { authorization: `Basic ${Buffer.from(options.auth).toString('base64')}` } : {},
      });
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });
  }

  it('refuses unknown charge points, unknown tenants, wrong passwords and missing subprotocols', async () => {
    await tenant.chargePoint('CP-SECURE', { password: 'correct-horse-battery' });
    expect(await attempt(`/ocpp/${tenant.slug}/NOPE`)).toBe(404);
    expect(await attempt(`/ocpp/no-such-tenant/CP-SECURE`)).toBe(404);
    expect(await attempt(`/ocpp/${tenant.slug}/CP-SECURE`)).toBe(401);
    expect(await attempt(`/ocpp/${tenant.slug}/CP-SECURE`, { auth: 'CP-SECURE:wrong-password-123456' })).toBe(401);
    expect(await attempt(`/ocpp/${tenant.slug}/CP-SECURE`, { auth: 'CP-OTHER:correct-horse-battery' })).toBe(401);
    expect(await attempt(`/ocpp/${tenant.slug}/CP-SECURE`, { auth: 'CP-SECURE:correct-horse-battery', protocols: ['ocpp0.1'] })).toBe(400);
    expect(await attempt(`/ocpp/${tenant.slug}/CP-SECURE`, { auth: 'CP-SECURE:correct-horse-battery', protocols: ['ocpp0.1', 'ocpp1.6'] })).toBe(101);
  });

  it('replaces an older connection of the same charge point', async () => {
    await tenant.chargePoint('CP-TWICE');
    const first = await connect('CP-TWICE');
    const closed = new Promise<number>((resolve) => first.once('close', ({ code }: { code: number }) => resolve(code)));
    const second = await connect('CP-TWICE');
    expect(await closed).toBe(1000);
    expect((await second.call('BootNotification', BOOT)).status).toBe('Accepted');
  });

  it('keeps tenants apart: the same charge point id in another tenant is a different charge point', async () => {
    const other = await seedTenant(server);
    await other.chargePoint('CP-SHARED-ID');
    await tenant.chargePoint('CP-SHARED-ID');
    await other.idTag('OTHER-TENANT-TAG');
    const cpA = await connect('CP-SHARED-ID');
    const cpB = await connect('CP-SHARED-ID', undefined, other.slug);
    expect((await cpA.call('Authorize', { idTag: 'OTHER-TENANT-TAG' })).idTagInfo.status).toBe('Invalid');
    expect((await cpB.call('Authorize', { idTag: 'OTHER-TENANT-TAG' })).idTagInfo.status).toBe('Accepted');
    await cpB.call('BootNotification', { chargePointVendor: 'B-Vendor', chargePointModel: 'B' });
    const a = await tenantEm(server.app.orm, tenant.tenantId).findOneOrFail(ChargePoint, { identity: 'CP-SHARED-ID' });
    expect(a.vendor).toBeNull();
    // Another tenant's transaction id is unknown here.
    await other.idTag('B-TAG');
    const txB = await cpB.call('StartTransaction', { connectorId: 1, idTag: 'B-TAG', meterStart: 0, timestamp: new Date().toISOString() });
    await cpA.call('StopTransaction', { transactionId: txB.transactionId, meterStop: 5, timestamp: new Date().toISOString() });
    const stillOpen = await tenantEm(server.app.orm, other.tenantId).findOneOrFail(ChargingTransaction, { id: txB.transactionId });
    expect(stillOpen.stopTimestamp).toBeNull();
  });
});

describe('charger answers with one-decimal numbers', () => {
  it('a GetCompositeSchedule answer with limit 7.1 and minChargingRate 8.2 validates and is passed back', async () => {
    const scheduleStart = new Date().toISOString();
    const { cp } = await bootedStation(server, tenant, 'CP-DECIMAL', {
      GetCompositeSchedule: (params) => ({
        status: 'Accepted',
        connectorId: params.connectorId,
        scheduleStart,
        chargingSchedule: { chargingRateUnit: 'A', duration: 300, minChargingRate: 8.2, chargingSchedulePeriod: [{ startPeriod: 0, limit: 7.1 }, { startPeriod: 60, limit: 0.3 }] },
      }),
    });
    clients.push(cp);
    const api = graphqlClient(server, tenant.ownerKey);
    const data = await api.data(
      `mutation($input: GetCompositeScheduleInput!) { getCompositeSchedule(input: $input) { status command { status } chargingSchedule { minChargingRate chargingSchedulePeriod { startPeriod limit } } } }`,
      { input: { chargePointId: 'CP-DECIMAL', connectorId: 1, duration: 300, chargingRateUnit: 'A' } },
    );
    expect(data.getCompositeSchedule).toEqual({
      status: 'Accepted',
      command: { status: 'COMPLETED' },
      chargingSchedule: { minChargingRate: 8.2, chargingSchedulePeriod: [{ startPeriod: 0, limit: 7.1 }, { startPeriod: 60, limit: 0.3 }] },
    });
  });
});
