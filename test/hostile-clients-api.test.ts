import type { RPCClient } from './support/rpc-client';
import WebSocket from 'ws';
import { openEventStreams } from '../src/api/event-stream';
import { platformSql } from '../src/platform/db';
import { postgresErrors } from '../src/platform/metrics';
import type { RunningServer } from '../src/server';
import { apiTenant, subscribe, subscriptionsOpen, wsClient } from './support/graphql-client';
import { connectChargePoint, startTestServer, uniqueName, waitFor } from './support/harness';

/** Small caps, so the tests reach them quickly. */
const PER_CONNECTION = 5;
const PER_KEY = 8;
const MAX_BUFFERED = 64 * 1024;

let server: RunningServer;
const clients: RPCClient[] = [];

beforeAll(async () => {
  server = await startTestServer({
    GRAPHQL_MAX_SUBSCRIPTIONS_PER_CONNECTION: String(PER_CONNECTION),
    GRAPHQL_MAX_SUBSCRIPTIONS_PER_KEY: String(PER_KEY),
    GRAPHQL_WS_MAX_BUFFERED_BYTES: String(MAX_BUFFERED),
    // The slow-consumer case floods events from one charger as fast as it is answered: not a rate-limit test.
    OCPP_RATE_LIMIT_PER_S: '100000',
    OCPP_RATE_LIMIT_BURST: '100000',
  });
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
    const unlinked = await platformSql<{ n: number }>(server.app.orm, `select count(*)::int as n from meter_value where charge_point_id = ? and transaction_id is null`, [id]);
    expect(unlinked[0].n).toBe(1);
  });
});

const OCPP_MESSAGES = `subscription { ocppMessages { chargePointId action payload } }`;

describe('one key opening subscriptions without end', () => {
  it('is refused past the caps per connection and per key with FORBIDDEN; other tenants are still answered', async () => {
    const tenant = await apiTenant(server);
    const viewerKey = await tenant.keyFor('VIEWER');
    const first = wsClient(server, viewerKey);
    const second = wsClient(server, viewerKey);
    try {
      const onFirst = Array.from({ length: PER_CONNECTION }, () => subscribe(first, OCPP_MESSAGES));
      await subscriptionsOpen(tenant.tenantId, PER_CONNECTION);
      const overConnection = subscribe(first, OCPP_MESSAGES);
      await waitFor(() => overConnection.errors.length > 0);
      expect(overConnection.errors.flat()).toEqual([expect.objectContaining({ message: expect.stringContaining('per connection'), extensions: { code: 'FORBIDDEN' } })]);

      const onSecond = Array.from({ length: PER_KEY - PER_CONNECTION }, () => subscribe(second, OCPP_MESSAGES));
      await subscriptionsOpen(tenant.tenantId, PER_KEY);
      const overKey = subscribe(second, OCPP_MESSAGES);
      await waitFor(() => overKey.errors.length > 0);
      expect(overKey.errors.flat()).toEqual([expect.objectContaining({ message: expect.stringContaining('per API key'), extensions: { code: 'FORBIDDEN' } })]);
      expect(openEventStreams(tenant.tenantId)).toBe(PER_KEY);

      // Another tenant's charger is answered meanwhile.
      const other = await apiTenant(server);
      const cp = await chargePoint(other, 'CP-NEIGHBOUR');
      expect((await cp.call('Heartbeat', {})).currentTime).toEqual(expect.any(String));

      // A completed subscription gives its place back.
      onSecond[0].stop();
      await waitFor(() => openEventStreams(tenant.tenantId) === PER_KEY - 1);
      const again = subscribe(second, OCPP_MESSAGES);
      await subscriptionsOpen(tenant.tenantId, PER_KEY);
      expect(again.errors).toEqual([]);
      for (const s of [...onFirst, ...onSecond, again]) s.stop();
    } finally {
      await Promise.all([first.dispose(), second.dispose()]);
    }
  });
});

describe('a graphql-ws subscriber that stops reading', () => {
  it('is disconnected once its send buffer passes the bound, ending its subscriptions', async () => {
    const tenant = await apiTenant(server);
    const viewerKey = await tenant.keyFor('VIEWER');
    const socket = new WebSocket(`ws://127.0.0.1:${server.apiPort}/graphql`, 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const acked = new Promise((resolve) => socket.once('message', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${viewerKey}` } }));
    await acked;
    for (const id of ['1', '2', '3']) socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: OCPP_MESSAGES } }));
    await subscriptionsOpen(tenant.tenantId, 3);
    // The client stops reading: what the server sends piles up in the kernel and then in the server.
    (socket as unknown as { _socket: { pause(): void } })._socket.pause();

    const cp = await chargePoint(tenant, 'CP-FLOOD');
    const data = 'x'.repeat(30_000);
    // Past the bound the server closes the socket; a peer that does not read cannot answer the close, so it is
    // cut off after a grace period (1 s), which ends the subscriptions: the flood may end before that.
    for (let i = 0; i < 800 && openEventStreams(tenant.tenantId) > 0; i++) {
      await cp.call('DataTransfer', { vendorId: 'QCharge', data });
    }
    await waitFor(() => openEventStreams(tenant.tenantId) === 0, 8000);
    // The charger and other API users are still served.
    expect((await cp.call('Heartbeat', {})).currentTime).toEqual(expect.any(String));
    expect((await tenant.owner.data(`{ chargePoint(id: "CP-FLOOD") { id } }`)).chargePoint.id).toBe('CP-FLOOD');
    (socket as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await closed).toEqual(expect.any(Number));
    expect(socket.readyState).toBe(WebSocket.CLOSED);
  });
});

describe('a NUL in GraphQL input', () => {
  it('is refused with BAD_USER_INPUT before any resolver, over HTTP and graphql-ws, and counts no PostgreSQL error', async () => {
    const tenant = await apiTenant(server);
    const postgresBefore = (await postgresErrors.get()).values.reduce((sum, v) => sum + v.value, 0);
    const inVariable = await tenant.owner.request(`query($tag: String) { transactions(filter: { idTag: $tag }) { edges { node { id } } } }`, { tag: 'A\u0000B' });
    expect(inVariable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(inVariable.data ?? null).toBeNull();
    const inLiteral = await tenant.owner.request(`{ chargePoint(id: "CP\\u0000X") { id } }`);
    expect(inLiteral.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const inId = await tenant.owner.request(`query($id: ID!) { chargePoint(id: $id) { id } }`, { id: 'CP\u0000X' });
    expect(inId.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const client = wsClient(server, tenant.ownerKey);
    try {
      const overWs = subscribe(client, `query($id: ID!) { chargePoint(id: $id) { id } }`, { id: 'CP\u0000X' });
      const literalOverWs = subscribe(client, `{ transactions(filter: { idTag: "A\\u0000B" }) { edges { node { id } } } }`);
      const codes = await waitFor(() => (overWs.errors.length && literalOverWs.errors.length ? [overWs.errors, literalOverWs.errors] : undefined), 8000);
      for (const errors of codes) expect(errors.flat()[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    } finally {
      await client.dispose();
    }
    expect((await postgresErrors.get()).values.reduce((sum, v) => sum + v.value, 0)).toBe(postgresBefore);
  });
});
