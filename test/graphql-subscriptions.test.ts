import type { Client } from 'graphql-ws';
import type { RPCClient } from './support/rpc-client';
import { openEventStreams } from '../src/api/event-stream';
import type { RunningServer } from '../src/server';
import { apiTenant, subscribe, subscriptionsOpen, wsClient, type Subscription } from './support/graphql-client';
import { connectChargePoint, startTestServer, waitFor } from './support/harness';

const BOOT = { chargePointVendor: 'QCharge', chargePointModel: 'Sim-1' };

let server: RunningServer;
let tenantA: Awaited<ReturnType<typeof apiTenant>>;
let tenantB: Awaited<ReturnType<typeof apiTenant>>;
const sockets: Client[] = [];
const chargePoints: RPCClient[] = [];

/** A viewer's subscription in each tenant, both on the same charge point id "CP-1": B must never see A's events. */
async function watch(query: string) {
  const a = wsClient(server, await tenantA.keyFor('VIEWER'));
  const b = wsClient(server, await tenantB.keyFor('VIEWER'));
  sockets.push(a, b);
  const openA = openEventStreams(tenantA.tenantId);
  const openB = openEventStreams(tenantB.tenantId);
  const inA = subscribe(a, query, { cp: 'CP-1' });
  const inB = subscribe(b, query, { cp: 'CP-1' });
  const allB = subscribe(b, query, { cp: null });
  await subscriptionsOpen(tenantA.tenantId, openA + 1);
  await subscriptionsOpen(tenantB.tenantId, openB + 2);
  return { inA, inB, allB };
}

function neverInB(watching: { inB: Subscription; allB: Subscription }) {
  expect(watching.inB.events).toEqual([]);
  expect(watching.allB.events).toEqual([]);
  expect(watching.inB.errors).toEqual([]);
}

async function connectA(): Promise<RPCClient> {
  const cp = await connectChargePoint({ server, tenantSlug: tenantA.slug, identity: 'CP-1' });
  chargePoints.push(cp);
  return cp;
}

beforeAll(async () => {
  server = await startTestServer();
  tenantA = await apiTenant(server);
  tenantB = await apiTenant(server);
  await tenantA.chargePoint('CP-1');
  await tenantB.chargePoint('CP-1');
  await tenantA.owner.data(`mutation { upsertIdTag(input: { idTag: "TAG-A" }) { idTag { idTag } } }`);
});

afterEach(async () => {
  await Promise.all(chargePoints.splice(0).map((cp) => cp.close({ force: true }).catch(() => undefined)));
});

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await server.stop();
});

describe('subscriptions', () => {
  it('chargePointConnectionChanged', async () => {
    const w = await watch(`subscription($cp: ID) { chargePointConnectionChanged(chargePointId: $cp) { chargePointId connected at } }`);
    const cp = await connectA();
    await w.inA.received(1);
    await cp.close({ force: true });
    const events = await w.inA.received(2);
    expect(events.map((e) => e.chargePointConnectionChanged.connected)).toEqual([true, false]);
    expect(events[0].chargePointConnectionChanged.chargePointId).toBe('CP-1');
    expect(events[0].chargePointConnectionChanged.at).toMatch(/Z$/);
    neverInB(w);
  });

  it('ocppMessages, with the AuthorizationKey of a password rotation hidden', async () => {
    const w = await watch(`subscription($cp: ID) { ocppMessages(chargePointId: $cp) { chargePointId direction messageTypeId uniqueId action payload errorCode timestamp } }`);
    const cp = await connectA();
    cp.handle('ChangeConfiguration', () => ({ status: 'Rejected' }));
    await cp.call('BootNotification', BOOT);
    const events = (await w.inA.received(2)).map((e) => e.ocppMessages);
    expect(events[0]).toMatchObject({ chargePointId: 'CP-1', direction: 'IN', messageTypeId: 2, action: 'BootNotification', payload: BOOT });
    expect(events[1]).toMatchObject({ direction: 'OUT', messageTypeId: 3, uniqueId: events[0].uniqueId });
    // Refused by the charge point: the payload shows no password (it is not stored), so the test names its own.
    const newPassword = 'rotated-password-0123456789';
    const { rotateChargePointPassword } = await tenantA.owner.data(`mutation { rotateChargePointPassword(input: { chargePointId: "CP-1", password: "${newPassword}" }) { status password } }`);
    expect(rotateChargePointPassword).toEqual({ status: 'Rejected', password: null });
    const frames = (await w.inA.received(4)).map((e) => e.ocppMessages);
    expect(frames[2]).toMatchObject({ direction: 'OUT', action: 'ChangeConfiguration', payload: { key: 'AuthorizationKey', value: '[redacted]' } });
    expect(JSON.stringify(frames)).not.toContain(Buffer.from(newPassword).toString('hex'));
    neverInB(w);
  });

  it('connectorStatusChanged', async () => {
    const w = await watch(`subscription($cp: ID) { connectorStatusChanged(chargePointId: $cp) { chargePointId connectorId status errorCode info vendorErrorCode timestamp } }`);
    const cp = await connectA();
    await cp.call('BootNotification', BOOT);
    const timestamp = new Date().toISOString();
    await cp.call('StatusNotification', { connectorId: 1, status: 'Faulted', errorCode: 'GroundFailure', info: 'x', vendorErrorCode: 'E1', timestamp });
    const [event] = await w.inA.received(1);
    expect(event.connectorStatusChanged).toEqual({ chargePointId: 'CP-1', connectorId: 1, status: 'Faulted', errorCode: 'GroundFailure', info: 'x', vendorErrorCode: 'E1', timestamp });
    neverInB(w);
  });

  it('transactionUpdated: start, meter values and stop, as Transaction', async () => {
    const w = await watch(`subscription($cp: ID) { transactionUpdated(chargePointId: $cp) { id chargePointId idTag startStatus active meterStart meterStop energyWh meterValues { sampledValue { value } } } }`);
    const cp = await connectA();
    await cp.call('BootNotification', BOOT);
    const start = await cp.call('StartTransaction', { connectorId: 1, idTag: 'TAG-A', meterStart: 100, timestamp: new Date().toISOString() });
    await cp.call('MeterValues', { connectorId: 1, transactionId: start.transactionId, meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: '150' }] }] });
    await cp.call('StopTransaction', { transactionId: start.transactionId, meterStop: 300, timestamp: new Date().toISOString() });
    const events = (await w.inA.received(3)).map((e) => e.transactionUpdated);
    expect(events[0]).toEqual({ id: start.transactionId, chargePointId: 'CP-1', idTag: 'TAG-A', startStatus: 'Accepted', active: true, meterStart: 100, meterStop: null, energyWh: null, meterValues: [] });
    expect(events[1].meterValues).toEqual([{ sampledValue: [{ value: '150' }] }]);
    expect(events[2]).toMatchObject({ active: false, meterStop: 300, energyWh: 200 });
    neverInB(w);
  });

  it('commandUpdated', async () => {
    const w = await watch(`subscription($cp: ID) { commandUpdated(chargePointId: $cp) { id chargePointId action status } }`);
    const cp = await connectA();
    cp.handle('ClearCache', () => ({ status: 'Accepted' }));
    const { clearCache } = await tenantA.owner.data(`mutation { clearCache(input: { chargePointId: "CP-1" }) { command { id } } }`);
    const events = (await w.inA.received(2)).map((e) => e.commandUpdated);
    expect(events.map((e) => e.status)).toEqual(['SENT', 'COMPLETED']);
    expect(events[0]).toMatchObject({ id: clearCache.command.id, chargePointId: 'CP-1', action: 'ClearCache' });
    neverInB(w);
  });

  it('filters by charge point and stops listening when the client unsubscribes', async () => {
    await tenantA.chargePoint('CP-2');
    const ws = wsClient(server, tenantA.ownerKey);
    sockets.push(ws);
    const before = openEventStreams(tenantA.tenantId);
    const onlyCp2 = subscribe(ws, `subscription { chargePointConnectionChanged(chargePointId: "CP-2") { chargePointId } }`);
    await subscriptionsOpen(tenantA.tenantId, before + 1);
    const cp1 = await connectA();
    const cp2 = await connectChargePoint({ server, tenantSlug: tenantA.slug, identity: 'CP-2' });
    chargePoints.push(cp2);
    await onlyCp2.received(1);
    expect(onlyCp2.events).toEqual([{ chargePointConnectionChanged: { chargePointId: 'CP-2' } }]);
    await cp1.close({ force: true });
    onlyCp2.stop();
    await waitFor(() => openEventStreams(tenantA.tenantId) === before);
  });

  it("an events subscriber does not send every OCPP frame through Redis; an ocppMessages subscriber does", async () => {
    const tenant = await apiTenant(server);
    await tenant.chargePoint('CP-1');
    // What the server publishes for this tenant, seen by a Redis client of the test's own.
    const listener = server.app.redis.duplicate();
    const published: string[] = [];
    listener.on('pmessage', (_pattern: string, _channel: string, message: string) => published.push(JSON.parse(message).type));
    await listener.psubscribe(server.app.keys.events(tenant.tenantId, '*'));
    try {
      const ws = wsClient(server, tenant.ownerKey);
      sockets.push(ws);
      const log = subscribe(ws, `subscription { events { sequence type } }`);
      await subscriptionsOpen(tenant.tenantId, 1);
      const cp = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'CP-1' });
      chargePoints.push(cp);
      await cp.call('BootNotification', BOOT);
      await log.received(1);
      // A channel never asked about is published to until Redis says nobody listens; wait for that answer.
      await waitFor(() => !server.app.events.isWatched(tenant.tenantId, 'ocppMessage'));
      const mark = published.length;
      for (let i = 0; i < 3; i++) await cp.call('Heartbeat', {});
      await cp.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError' });
      // One node publishes on one connection, in order: the status event arrives after any frame before it.
      await waitFor(() => published.slice(mark).includes('connectorStatusChanged'));
      expect(published.slice(mark)).toEqual(['connectorStatusChanged']);
      expect((await log.received(2)).map((e) => e.events.type)).toEqual(['CHARGE_POINT_CONNECTED', 'CONNECTOR_STATUS_CHANGED']);

      const frames = subscribe(ws, `subscription { ocppMessages { direction action } }`);
      await subscriptionsOpen(tenant.tenantId, 2);
      await cp.call('Heartbeat', {});
      expect((await frames.received(2)).map((e) => e.ocppMessages)).toEqual([
        { direction: 'IN', action: 'Heartbeat' },
        { direction: 'OUT', action: 'Heartbeat' },
      ]);
      expect(published.slice(mark)).toContain('ocppMessage');
    } finally {
      await listener.quit();
    }
  });

  it('closes an open subscription once its key is revoked, and keeps the others', async () => {
    const { createApiKey } = await tenantA.owner.data(`mutation { createApiKey(input: { name: "soon-revoked", role: VIEWER }) { apiKey { id } secret } }`);
    const doomed = wsClient(server, createApiKey.secret);
    const kept = wsClient(server, await tenantA.keyFor('VIEWER'));
    sockets.push(doomed, kept);
    const before = openEventStreams(tenantA.tenantId);
    const doomedSub = subscribe(doomed, `subscription { chargePointConnectionChanged { chargePointId connected } }`);
    const keptSub = subscribe(kept, `subscription { chargePointConnectionChanged { chargePointId connected } }`);
    await subscriptionsOpen(tenantA.tenantId, before + 2);
    await tenantA.owner.data(`mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { id } } }`, { id: createApiKey.apiKey.id });
    // Closed by the server with graphql-ws's Forbidden code within one re-check period.
    await waitFor(() => doomedSub.errors.length > 0, 12_000);
    expect(doomedSub.errors[0]).toMatchObject({ code: 4403 });
    await waitFor(() => openEventStreams(tenantA.tenantId) === before + 1);
    const cp = await connectA();
    await keptSub.received(1);
    expect(keptSub.events[0]).toEqual({ chargePointConnectionChanged: { chargePointId: 'CP-1', connected: true } });
    expect(doomedSub.events).toEqual([]);
    await cp.close({ force: true });
  });

  it('refuses every operation without a valid key with UNAUTHENTICATED', async () => {
    for (const key of ['qck_revoked-or-unknown', undefined]) {
      const ws = wsClient(server, key);
      const refused = subscribe(ws, `subscription { commandUpdated { id } }`);
      await waitFor(() => refused.errors.length > 0);
      expect(refused.errors[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(refused.events).toEqual([]);
      await ws.dispose();
    }
    // And a query over the socket goes through the same gate and formatter.
    const viewer = wsClient(server, await tenantA.keyFor('VIEWER'));
    sockets.push(viewer);
    const mutation = subscribe(viewer, `mutation { clearCache(input: { chargePointId: "CP-1" }) { status } }`);
    await waitFor(() => mutation.errors.length > 0);
    expect(mutation.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
