import type { Client } from 'graphql-ws';
import type { RPCClient } from './support/rpc-client';
import { openEventStreams } from '../src/api/event-stream';
import { appendEvents } from '../src/modules/event/event-outbox';
import { tenantEm } from '../src/platform/db';
import type { RunningServer } from '../src/server';
import { apiTenant, subscribe, subscriptionsOpen, wsClient } from './support/graphql-client';
import { connectChargePoint, eventually, startTestServer, waitFor } from './support/harness';

const BOOT = { chargePointVendor: 'QCharge', chargePointModel: 'Sim-1' };
const EVENTS = `query($filter: EventFilter, $first: Int, $after: String) {
  events(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id sequence type chargePointId occurredAt payload } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const SUBSCRIBE = `subscription($after: String, $types: [EventType!], $cp: ID) {
  events(after: $after, types: $types, chargePointId: $cp) { id sequence type chargePointId payload }
}`;

let server: RunningServer;
let tenantA: Awaited<ReturnType<typeof apiTenant>>;
let tenantB: Awaited<ReturnType<typeof apiTenant>>;
const sockets: Client[] = [];
const chargePoints: RPCClient[] = [];

async function connect(tenant: { slug: string }, identity = 'CP-1'): Promise<RPCClient> {
  const cp = await connectChargePoint({ server, tenantSlug: tenant.slug, identity });
  chargePoints.push(cp);
  return cp;
}

async function allEvents(tenant: typeof tenantA, filter?: Record<string, unknown>) {
  const { events } = await tenant.owner.data(EVENTS, { filter, first: 1000 });
  return events.edges.map((e: any) => e.node);
}

beforeAll(async () => {
  server = await startTestServer();
  tenantA = await apiTenant(server);
  tenantB = await apiTenant(server);
  await tenantA.chargePoint('CP-1');
  await tenantA.chargePoint('CP-2');
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

describe('event log', () => {
  it('stores every change with a per-tenant sequence, pages in order and filters', async () => {
    const before = (await allEvents(tenantA)).length;
    const cp = await connect(tenantA);
    await cp.call('BootNotification', BOOT);
    await cp.call('StatusNotification', { connectorId: 1, status: 'Preparing', errorCode: 'NoError' });
    const start = await cp.call('StartTransaction', { connectorId: 1, idTag: 'TAG-A', meterStart: 100, timestamp: new Date().toISOString() });
    await cp.call('MeterValues', { connectorId: 1, transactionId: start.transactionId, meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: '150' }] }] });
    await cp.call('StopTransaction', { transactionId: start.transactionId, meterStop: 300, timestamp: new Date().toISOString() });
    await cp.call('FirmwareStatusNotification', { status: 'Downloading' });
    await cp.call('DiagnosticsStatusNotification', { status: 'Uploading' });
    await cp.call('LogStatusNotification', { status: 'Uploading', requestId: 7 });
    await cp.call('SecurityEventNotification', { type: 'TamperDetectionActivated', timestamp: new Date().toISOString(), techInfo: 'lid open' });
    cp.handle('ClearCache', () => ({ status: 'Accepted' }));
    await tenantA.owner.data(`mutation { clearCache(input: { chargePointId: "CP-1" }) { command { id } } }`);
    await cp.close({ force: true });

    const events = await eventually(async () => {
      const all = (await allEvents(tenantA)).slice(before);
      return all.some((e: any) => e.type === 'CHARGE_POINT_DISCONNECTED') && all;
    });
    expect(events.map((e: any) => e.type)).toEqual([
      'CHARGE_POINT_CONNECTED',
      'CONNECTOR_STATUS_CHANGED',
      'TRANSACTION_STARTED',
      'TRANSACTION_UPDATED',
      'TRANSACTION_STOPPED',
      'FIRMWARE_STATUS_CHANGED',
      'DIAGNOSTICS_STATUS_CHANGED',
      'LOG_STATUS_CHANGED',
      'SECURITY_EVENT',
      'COMMAND_UPDATED',
      'COMMAND_UPDATED',
      'CHARGE_POINT_DISCONNECTED',
    ]);
    const sequences = events.map((e: any) => e.sequence);
    expect(sequences).toEqual(sequences.map((_: number, i: number) => sequences[0] + i));
    for (const event of events) {
      expect(event.chargePointId).toBe('CP-1');
      expect(event.payload.chargePointId).toBe('CP-1');
      expect(event.occurredAt).toMatch(/Z$/);
    }
    expect(events[1].payload).toMatchObject({ connectorId: 1, status: 'Preparing', errorCode: 'NoError' });
    expect(events[2].payload).toMatchObject({ id: start.transactionId, idTag: 'TAG-A', meterStart: 100 });
    expect(events[4].payload).toMatchObject({ id: start.transactionId, meterStop: 300, energyWh: 200 });
    expect(events[7].payload).toMatchObject({ status: 'Uploading', requestId: 7 });
    expect(events[8].payload).toMatchObject({ type: 'TamperDetectionActivated', techInfo: 'lid open', source: 'CHARGE_POINT' });
    expect(events.slice(9, 11).map((e: any) => e.payload.status)).toEqual(['SENT', 'COMPLETED']);

    // Paging: two at a time from the first of these, following endCursor.
    const paged: number[] = [];
    let after: string | null = (await tenantA.owner.data(EVENTS, { first: before })).events.pageInfo.endCursor;
    for (let page = 0; page < 10; page++) {
      const { events: conn } = await tenantA.owner.data(EVENTS, { first: 2, after });
      paged.push(...conn.edges.map((e: any) => e.node.sequence));
      after = conn.pageInfo.endCursor;
      if (!conn.pageInfo.hasNextPage) break;
    }
    expect(paged).toEqual(sequences);
    // An event id is a cursor too.
    const fromId = await tenantA.owner.data(EVENTS, { first: 1, after: events[3].id });
    expect(fromId.events.edges[0].node.id).toBe(events[4].id);

    const transactions = await allEvents(tenantA, { types: ['TRANSACTION_STARTED', 'TRANSACTION_STOPPED'] });
    expect(transactions.slice(-2).map((e: any) => e.type)).toEqual(['TRANSACTION_STARTED', 'TRANSACTION_STOPPED']);
    expect(await allEvents(tenantA, { chargePointId: 'CP-2' })).toEqual([]);
    expect(await tenantA.owner.errorCode(EVENTS, { after: 'not-a-cursor' })).toBe('BAD_USER_INPUT');
  });

  it("never shows one tenant's events to another, by query or subscription", async () => {
    const ws = wsClient(server, tenantB.ownerKey);
    sockets.push(ws);
    const open = openEventStreams(tenantB.tenantId);
    const inB = subscribe(ws, SUBSCRIBE, { after: null });
    const replayB = subscribe(ws, SUBSCRIBE, { after: Buffer.from(JSON.stringify({ k: 0 })).toString('base64url') });
    await subscriptionsOpen(tenantB.tenantId, open + 2);
    const before = (await allEvents(tenantA)).length;
    const cp = await connect(tenantA);
    await cp.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError' });
    await eventually(async () => (await allEvents(tenantA)).length >= before + 2);
    // B's own charge point makes one event, which B does see: the subscriptions are live.
    const cpB = await connect(tenantB);
    await inB.received(1);
    await cpB.close({ force: true });
    expect(inB.events.every((e: any) => e.events.type.startsWith('CHARGE_POINT_'))).toBe(true);
    expect((await allEvents(tenantB)).every((e: any) => e.chargePointId === 'CP-1' && e.type.startsWith('CHARGE_POINT_'))).toBe(true);
    const idsOfA = new Set((await allEvents(tenantA)).map((e: any) => e.id));
    for (const e of [...inB.events, ...replayB.events]) expect(idsOfA.has(e.events.id)).toBe(false);
    expect(inB.errors).toEqual([]);
  });

  it('a subscription resumed from a cursor while events keep arriving sees each sequence exactly once', async () => {
    const cp = await connect(tenantA, 'CP-2');
    const send = (n: number) => cp.call('StatusNotification', { connectorId: 1, status: n % 2 ? 'Charging' : 'SuspendedEV', errorCode: 'NoError', info: `n${n}` });
    for (let n = 0; n < 20; n++) await send(n);
    const stored = await allEvents(tenantA, { chargePointId: 'CP-2' });
    const cursorEvent = stored[stored.length - 10];

    // Events keep coming while the subscription starts and replays.
    let n = 20;
    let sending = true;
    const producer = (async () => {
      while (sending && n < 400) await send(n++);
    })();
    const ws = wsClient(server, tenantA.ownerKey);
    sockets.push(ws);
    const resumed = subscribe(ws, SUBSCRIBE, { after: cursorEvent.id, types: ['CONNECTOR_STATUS_CHANGED'], cp: 'CP-2' });
    await waitFor(() => resumed.events.length >= 30, 15_000);
    sending = false;
    await producer;
    const last = (await allEvents(tenantA, { chargePointId: 'CP-2' })).pop();
    await waitFor(() => resumed.events.some((e: any) => e.events.sequence === last.sequence), 10_000);
    resumed.stop();

    const seen = resumed.events.map((e: any) => e.events.sequence);
    const expected = (await allEvents(tenantA, { chargePointId: 'CP-2' })).map((e: any) => e.sequence).filter((s: number) => s > cursorEvent.sequence);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    expect(resumed.errors).toEqual([]);
  });

  it('a subscriber on another node gets every event in order, even one whose live message never came', async () => {
    // An api-only node sharing this one's PostgreSQL and Redis prefix: the events are made on this node.
    const apiNode = await startTestServer({ ROLES: 'api', REDIS_PREFIX: server.app.config.redisPrefix });
    try {
      const ws = wsClient(apiNode, tenantA.ownerKey);
      sockets.push(ws);
      const open = openEventStreams(tenantA.tenantId);
      const live = subscribe(ws, SUBSCRIBE, { cp: 'CP-1' });
      await subscriptionsOpen(tenantA.tenantId, open + 1);
      const cp = await connect(tenantA);
      await live.received(1);
      // Stored and committed, but never published (as if its live message were lost): the next live event,
      // one sequence further, makes the subscription read it from the log first.
      const em = tenantEm(server.app.orm, tenantA.tenantId);
      await em.transactional((tx) =>
        appendEvents(tx, [{ type: 'SECURITY_EVENT', tenantId: tenantA.tenantId, chargePointId: 'CP-1', payload: { chargePointId: 'CP-1', type: 'Test', timestamp: new Date().toISOString(), techInfo: null, source: 'CSMS' } }]),
      );
      await cp.call('StatusNotification', { connectorId: 1, status: 'Unavailable', errorCode: 'NoError' });
      const events = (await live.received(3)).map((e: any) => e.events);
      expect(events.map((e: any) => e.type)).toEqual(['CHARGE_POINT_CONNECTED', 'SECURITY_EVENT', 'CONNECTOR_STATUS_CHANGED']);
      expect(events[1].sequence).toBeGreaterThan(events[0].sequence);
      expect(events[2].sequence).toBe(events[1].sequence + 1);
    } finally {
      await apiNode.stop();
    }
  });

  it('a subscription without a cursor sees only new events; an unknown event id is refused', async () => {
    const ws = wsClient(server, tenantA.ownerKey);
    sockets.push(ws);
    const open = openEventStreams(tenantA.tenantId);
    const live = subscribe(ws, SUBSCRIBE, { types: ['CHARGE_POINT_CONNECTED'] });
    await subscriptionsOpen(tenantA.tenantId, open + 1);
    await connect(tenantA);
    const [event] = await live.received(1);
    expect(event.events).toMatchObject({ type: 'CHARGE_POINT_CONNECTED', chargePointId: 'CP-1', payload: { chargePointId: 'CP-1', connected: true } });
    const refused = subscribe(ws, SUBSCRIBE, { after: '00000000-0000-4000-8000-000000000000' });
    await waitFor(() => refused.errors.length > 0);
    expect(refused.errors[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
