import WebSocket from 'ws';
import type { RPCClient } from './support/rpc-client';
import { createRPCError } from 'ocpp-rpc';
import { createRedis } from '../src/platform/redis';
import type { RunningServer } from '../src/server';
import { openEventStreams } from '../src/api/event-stream';
import { apiTenant, subscribe, subscriptionsOpen, wsClient } from './support/graphql-client';
import { connectChargePoint, startTestServer, eventually } from './support/harness';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The Prometheus text format, as far as these tests need it: one sample per line, and the declared families. */
function parseExposition(text: string): { samples: Sample[]; families: Map<string, string> } {
  const samples: Sample[] = [];
  const families = new Map<string, string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) families.set(type[1], type[2]);
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`unparsable metrics line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value;
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return { samples, families };
}

async function scrape(server: RunningServer) {
  const response = await fetch(`http://127.0.0.1:${server.apiPort}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return parseExposition(await response.text());
}

function value(samples: Sample[], name: string, labels: Record<string, string>): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}


let server: RunningServer;
let tenant: Awaited<ReturnType<typeof apiTenant>>;
let cp: RPCClient;
let raw: WebSocket;

beforeAll(async () => {
  server = await startTestServer();
  tenant = await apiTenant(server);
  await tenant.chargePoint('CP-METRICS', 'metrics-password-1');
  await tenant.chargePoint('CP-RAW');
  await tenant.chargePoint('CP-OFFLINE');
  await tenant.owner.data(`mutation { upsertIdTag(input: { idTag: "TAG-METRICS" }) { idTag { idTag } } }`);

  // A short real session: an ocpp-rpc charge point charges once and answers two commands.
  cp = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'CP-METRICS', password: 'metrics-password-1' });
  cp.handle('Reset', () => ({ status: 'Accepted' }));
  cp.handle('GetLocalListVersion', () => {
    throw createRPCError('NotSupported', 'no local list here');
  });
  await cp.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Sim-1' });
  await cp.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError' });
  await cp.call('Authorize', { idTag: 'TAG-METRICS' });
  const start = await cp.call('StartTransaction', { connectorId: 1, idTag: 'TAG-METRICS', meterStart: 0, timestamp: new Date().toISOString() });
  await cp.call('MeterValues', {
    connectorId: 1,
    transactionId: start.transactionId,
    meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: '1500', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] }],
  });
  await cp.call('StopTransaction', { transactionId: start.transactionId, idTag: 'TAG-METRICS', meterStop: 3000, timestamp: new Date().toISOString() });

  const owner = tenant.owner;
  await owner.data(`mutation ResetCharger { reset(input: { chargePointId: "CP-METRICS", type: Soft }) { status } }`);
  expect(await owner.errorCode(`mutation AskListVersion { getLocalListVersion(input: { chargePointId: "CP-METRICS" }) { listVersion } }`)).toBe('OCPP_CALL_ERROR');
  await owner.data(`query ListChargePoints { chargePoints(first: 10) { edges { node { id connected } } } }`);
  // A command for an offline charge point, scheduled an hour ahead: a delayed job in the queue.
  const at = new Date(Date.now() + 3600_000).toISOString();
  await owner.data(`mutation Later($at: DateTime) { reset(input: { chargePointId: "CP-OFFLINE", type: Soft, schedule: { at: $at } }) { command { status } } }`, { at });

  // A raw socket sends an action OCPP 1.6 does not have: answered NotImplemented, counted as `other`.
  raw = new WebSocket(`ws://127.0.0.1:${server.ocppPort}/ocpp/${tenant.slug}/CP-RAW`, ['ocpp1.6']);
  await new Promise((resolve, reject) => raw.once('open', resolve).once('error', reject));
  const answer = new Promise<string>((resolve) => raw.once('message', (data) => resolve(data.toString())));
  raw.send(JSON.stringify([2, 'raw-1', 'MadeUpAction', {}]));
  expect(JSON.parse(await answer)).toEqual([4, 'raw-1', 'NotImplemented', expect.any(String), {}]);

  // One failed query and one Redis connection that cannot connect, to see the error counters move.
  await expect(server.app.orm.em.getConnection().execute('select 1 / 0')).rejects.toThrow();
  const unreachable = createRedis('redis://127.0.0.1:1', { connectionName: 'probe', retryStrategy: () => null, lazyConnect: true, connectTimeout: 500 });
  const ended = new Promise((resolve) => unreachable.once('end', resolve));
  await unreachable.connect().catch(() => undefined);
  await ended;
});

afterAll(async () => {
  raw?.terminate();
  await cp?.close({ force: true }).catch(() => undefined);
  await server.stop();
});

describe('/metrics after a short real session', () => {
  it('counts connected charge points per tenant id (never the slug), from the live sockets', async () => {
    const { samples } = await scrape(server);
    expect(value(samples, 'qcharge_connected_charge_points', { tenant: tenant.tenantId })).toBe(2);
    expect(samples.some((s) => Object.values(s.labels).includes(tenant.slug))).toBe(false);
    const connected = async () => value((await scrape(server)).samples, 'qcharge_connected_charge_points', { tenant: tenant.tenantId });
    // A second socket of CP-RAW replaces the first: still two charge points.
    const replaced = new Promise((resolve) => raw.once('close', resolve));
    const again = new WebSocket(`ws://127.0.0.1:${server.ocppPort}/ocpp/${tenant.slug}/CP-RAW`, ['ocpp1.6']);
    await new Promise((resolve, reject) => again.once('open', resolve).once('error', reject));
    await replaced;
    expect(await connected()).toBe(2);
    again.terminate();
    await eventually(async () => (await connected()) === 1);
  });

  it('counts OCPP messages by action, direction and type, and CALLERRORs by code and direction', async () => {
    const { samples } = await scrape(server);
    const messages = (labels: Record<string, string>) => value(samples, 'qcharge_ocpp_messages_total', labels) ?? 0;
    for (const action of ['BootNotification', 'StatusNotification', 'Authorize', 'StartTransaction', 'MeterValues', 'StopTransaction']) {
      expect(messages({ action, direction: 'IN', type: 'CALL' })).toBeGreaterThanOrEqual(1);
      expect(messages({ action, direction: 'OUT', type: 'CALLRESULT' })).toBeGreaterThanOrEqual(1);
    }
    expect(messages({ action: 'Reset', direction: 'OUT', type: 'CALL' })).toBe(1);
    expect(messages({ action: 'Reset', direction: 'IN', type: 'CALLRESULT' })).toBe(1);
    expect(messages({ action: 'GetLocalListVersion', direction: 'IN', type: 'CALLERROR' })).toBe(1);
    expect(messages({ action: 'other', direction: 'IN', type: 'CALL' })).toBe(1);
    expect(messages({ action: 'other', direction: 'OUT', type: 'CALLERROR' })).toBe(1);
    expect(samples.some((s) => s.labels.action === 'MadeUpAction')).toBe(false);
    expect(value(samples, 'qcharge_ocpp_callerrors_total', { code: 'NotSupported', direction: 'IN' })).toBe(1);
    expect(value(samples, 'qcharge_ocpp_callerrors_total', { code: 'NotImplemented', direction: 'OUT' })).toBe(1);
  });

  it('has an OCPP handling latency histogram by action', async () => {
    const { samples, families } = await scrape(server);
    expect(families.get('qcharge_ocpp_handling_seconds')).toBe('histogram');
    for (const action of ['BootNotification', 'Authorize', 'StartTransaction', 'MeterValues', 'StopTransaction']) {
      expect(value(samples, 'qcharge_ocpp_handling_seconds_count', { action })).toBeGreaterThanOrEqual(1);
      expect(value(samples, 'qcharge_ocpp_handling_seconds_bucket', { action, le: '+Inf' })).toBeGreaterThanOrEqual(1);
      expect(value(samples, 'qcharge_ocpp_handling_seconds_sum', { action })).toBeGreaterThan(0);
    }
  });

  it('counts command outcomes by action and status', async () => {
    const { samples } = await scrape(server);
    expect(value(samples, 'qcharge_command_outcomes_total', { action: 'Reset', status: 'COMPLETED', error: '' })).toBe(1);
    expect(value(samples, 'qcharge_command_outcomes_total', { action: 'GetLocalListVersion', status: 'FAILED', error: 'OCPP_CALL_ERROR' })).toBe(1);
  });

  it('reports queue depths by queue and state', async () => {
    const { samples } = await scrape(server);
    for (const state of ['waiting', 'delayed', 'active', 'failed']) {
      expect(value(samples, 'qcharge_queue_jobs', { queue: 'jobs', state })).toBeDefined();
      expect(value(samples, 'qcharge_queue_jobs', { queue: 'maintenance', state })).toBeDefined();
    }
    expect(value(samples, 'qcharge_queue_jobs', { queue: 'jobs', state: 'delayed' })).toBeGreaterThanOrEqual(1);
  });

  it('times GraphQL operations by type and name', async () => {
    const { samples, families } = await scrape(server);
    expect(families.get('qcharge_graphql_operation_seconds')).toBe('histogram');
    expect(value(samples, 'qcharge_graphql_operation_seconds_count', { type: 'mutation', name: 'ResetCharger' })).toBe(1);
    expect(value(samples, 'qcharge_graphql_operation_seconds_count', { type: 'mutation', name: 'AskListVersion' })).toBe(1);
    expect(value(samples, 'qcharge_graphql_operation_seconds_count', { type: 'query', name: 'ListChargePoints' })).toBe(1);
    expect(value(samples, 'qcharge_graphql_operation_seconds_count', { type: 'mutation', name: 'anonymous' })).toBeGreaterThanOrEqual(1);
  });

  it('times GraphQL operations over graphql-ws too: a query to its result, a subscription until it is set up', async () => {
    const ws = wsClient(server, tenant.ownerKey);
    try {
      const before = openEventStreams(tenant.tenantId);
      const watching = subscribe(ws, `subscription WatchConnections { chargePointConnectionChanged { chargePointId } }`);
      await subscriptionsOpen(tenant.tenantId, before + 1);
      const query = subscribe(ws, `query CountOverSocket { chargePoints(first: 1) { edges { node { id } } } }`);
      await eventually(async () => query.completed);
      expect(query.errors).toEqual([]);
      watching.stop();
      const { samples } = await scrape(server);
      expect(value(samples, 'qcharge_graphql_operation_seconds_count', { type: 'query', name: 'CountOverSocket' })).toBe(1);
      expect(value(samples, 'qcharge_graphql_operation_seconds_count', { type: 'subscription', name: 'WatchConnections' })).toBe(1);
    } finally {
      await ws.dispose();
    }
  });

  it('exposes event-loop lag and the Redis and PostgreSQL error counters', async () => {
    const { samples, families } = await scrape(server);
    expect(families.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
    expect(value(samples, 'nodejs_eventloop_lag_seconds', {})).toBeGreaterThanOrEqual(0);
    expect(families.get('qcharge_redis_errors_total')).toBe('counter');
    expect(value(samples, 'qcharge_redis_errors_total', { connection: 'probe' })).toBeGreaterThanOrEqual(1);
    expect(families.get('qcharge_postgres_errors_total')).toBe('counter');
    // 22012: division_by_zero, class 22 (data exception).
    expect(value(samples, 'qcharge_postgres_errors_total', { class: '22' })).toBeGreaterThanOrEqual(1);
  });

  it("keeps prom-client's per-socket process metrics (served from a snapshot)", async () => {
    const { samples, families } = await scrape(server);
    for (const name of ['process_open_fds', 'nodejs_active_handles', 'nodejs_active_handles_total', 'nodejs_active_resources', 'nodejs_active_resources_total']) {
      expect(families.get(name)).toBe('gauge');
    }
    expect(value(samples, 'process_open_fds', {})).toBeGreaterThan(0);
    expect(value(samples, 'nodejs_active_handles_total', {})).toBeGreaterThan(0);
    expect(value(samples, 'nodejs_active_handles', { type: 'Socket' })).toBeGreaterThan(0);
    expect(value(samples, 'nodejs_active_resources_total', {})).toBeGreaterThan(0);
    expect(samples.some((s) => s.name === 'nodejs_active_resources' && s.labels.type)).toBe(true);
  });

});

describe('/metrics kept from strangers', () => {
  it('is served only on METRICS_PORT when that is set', async () => {
    const separate = await startTestServer({ METRICS_PORT: '0' });
    try {
      expect(separate.metricsPort).toEqual(expect.any(Number));
      expect(separate.metricsPort).not.toBe(separate.apiPort);
      expect((await fetch(`http://127.0.0.1:${separate.apiPort}/metrics`)).status).toBe(404);
      const response = await fetch(`http://127.0.0.1:${separate.metricsPort}/metrics`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('qcharge_ocpp_messages_total');
      expect((await fetch(`http://127.0.0.1:${separate.metricsPort}/graphql`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${separate.apiPort}/readyz`)).status).toBe(200);
    } finally {
      await separate.stop();
    }
  });

  it('requires the bearer token on API_PORT when METRICS_TOKEN is set', async () => {
    const guarded = await startTestServer({ METRICS_TOKEN: 'metrics-token-0123456789' });
    try {
      const url = `http://127.0.0.1:${guarded.apiPort}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: 'Bearer metrics-token-wrong-6789' } })).status).toBe(401);
      const response = await fetch(url, { headers: { authorization: 'Bearer metrics-token-0123456789' } });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('qcharge_connected_charge_points');
    } finally {
      await guarded.stop();
    }
  });
});
