import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { RPCClient } from './support/rpc-client';
import type { RunningServer } from '../src/server';
import type { GraphQLResponse } from './support/graphql-client';
import { eventually, startTestServer, waitFor } from './support/harness';
import { killAllServers, spawnServer, type ServerProcess } from './support/process';
import { seedTenant } from './support/seed';
import { testDatabaseUrl } from './support/test-database';

/**
 * Traces of one cross-node command: a real OTLP/HTTP (JSON) receiver runs in this process; the ingress
 * node (holding the charger's socket) and the api-only node (taking the mutation) are real processes.
 * They export, not a server in this process: under jest, the OTLP exporter's dynamic `import('http')`
 * fails (jest's VM has no dynamic-import callback), which a plain Node process does not have.
 * A server without tracing runs here only to seed the tenant and read presence.
 */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  status: { code?: number; message?: string };
}

const BOOT = { chargePointVendor: 'QCharge', chargePointModel: 'Trace-1' };
const REDIS_PREFIX = `${process.env.QCHARGE_TEST_REDIS_PREFIX}trace${randomBytes(3).toString('hex')}:`;
const ROOT = path.resolve(__dirname, '..');

const spans: ReceivedSpan[] = [];
const exportRequests: { path: string; contentType: string }[] = [];
let receiver: http.Server;
let endpoint: string;
let ingress: ServerProcess;
let api: ServerProcess;
let local: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let charger: RPCClient | undefined;

function attributeValue(value: Record<string, unknown>): unknown {
  if ('stringValue' in value) return value.stringValue;
  if ('intValue' in value) return Number(value.intValue);
  if ('boolValue' in value) return value.boolValue;
  if ('doubleValue' in value) return value.doubleValue;
  if ('arrayValue' in value) return ((value.arrayValue as any).values ?? []).map(attributeValue);
  return undefined;
}

function attributes(list: { key: string; value: Record<string, unknown> }[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, attributeValue(value)]));
}

/** OTLP/JSON: resourceSpans -> scopeSpans -> spans, ids in hex. */
function collect(body: any): void {
  for (const resourceSpans of body.resourceSpans ?? []) {
    const service = String(attributes(resourceSpans.resource?.attributes)['service.name']);
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        spans.push({
          service,
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId ?? '',
          name: span.name,
          kind: span.kind,
          attributes: attributes(span.attributes),
          status: span.status ?? {},
        });
      }
    }
  }
}

/** A strict-mode charge point on the ingress process; `setup` registers its handlers before it connects. */
async function connect(identity: string, setup: (client: RPCClient) => void = () => undefined): Promise<RPCClient> {
  const client = new RPCClient({
    endpoint: `ws://127.0.0.1:${ingress.ocppPort}/ocpp/${tenant.slug}`,
    identity,
    protocols: ['ocpp1.6'],
    strictMode: true,
    reconnect: false,
    callTimeoutMs: 10000,
  });
  setup(client);
  await client.connect();
  return client;
}

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      exportRequests.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '' });
      if (req.method !== 'POST' || req.url !== '/v1/traces') return void res.writeHead(404).end();
      try {
        collect(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        return void res.writeHead(400).end();
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
  // A short batch delay so spans arrive quickly (the standard OTEL_BSP_* variables).
  const otel = { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_BSP_SCHEDULE_DELAY: '100' };
  [ingress, api] = await Promise.all([
    spawnServer({ roles: 'ingress', redisPrefix: REDIS_PREFIX, env: { ...otel, OTEL_SERVICE_NAME: 'qcharge-ingress' } }),
    spawnServer({ roles: 'api', redisPrefix: REDIS_PREFIX, env: { ...otel, OTEL_SERVICE_NAME: 'qcharge-api' } }),
  ]);
  local = await startTestServer({ ROLES: 'api', REDIS_PREFIX });
  tenant = await seedTenant(local);
}, 90_000);

afterAll(async () => {
  await charger?.close({ force: true }).catch(() => undefined);
  await killAllServers();
  await local?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('traces over OTLP/HTTP', () => {
  it('links the GraphQL operation, the command and the OCPP call on the node holding the socket into one trace', async () => {
    await tenant.chargePoint('CP-TRACE');
    charger = await connect('CP-TRACE', (client) =>
      client.handle('GetConfiguration', () => ({ configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }] })),
    );
    await charger.call('BootNotification', BOOT);
    await eventually(async () => (await local.app.cluster.isConnected(tenant.tenantId, ['CP-TRACE']))[0]);

    const response = await fetch(`http://127.0.0.1:${api.apiPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.ownerKey}` },
      body: JSON.stringify({
        query: `mutation ReadHeartbeat($input: GetConfigurationInput!) { getConfiguration(input: $input) { messageId command { id status } } }`,
        variables: { input: { chargePointId: 'CP-TRACE', key: ['HeartbeatInterval'] } },
      }),
    });
    const result = (await response.json()) as Omit<GraphQLResponse, 'status'>;
    expect(result.errors).toBeUndefined();
    expect(result.data.getConfiguration.command.status).toBe('COMPLETED');
    const commandId = result.data.getConfiguration.command.id;

    const remote = await waitFor(
      () => spans.find((s) => s.name === 'OCPP GetConfiguration (to charge point)' && s.attributes['ocpp.unique_id'] === commandId),
      10_000,
    );
    const command = await waitFor(() => spans.find((s) => s.name === 'command GetConfiguration' && s.attributes['qcharge.command_id'] === commandId), 10_000);
    const operation = await waitFor(() => spans.find((s) => s.traceId === command.traceId && s.name === 'mutation ReadHeartbeat'), 10_000);

    // One trace, across two processes: GraphQL operation (api) -> command (api) -> OCPP call (ingress).
    expect(operation.service).toBe('qcharge-api');
    expect(command.service).toBe('qcharge-api');
    expect(remote.service).toBe('qcharge-ingress');
    expect(remote.traceId).toBe(operation.traceId);
    expect(command.parentSpanId).toBe(operation.spanId);
    expect(remote.parentSpanId).toBe(command.spanId);
    expect(operation.parentSpanId).toBe('');

    expect(operation.attributes).toMatchObject({ 'graphql.operation.type': 'mutation', 'graphql.operation.name': 'ReadHeartbeat', 'qcharge.tenant_id': tenant.tenantId });
    expect(command.attributes).toMatchObject({
      'rpc.method': 'GetConfiguration',
      'qcharge.tenant_id': tenant.tenantId,
      'qcharge.charge_point_id': 'CP-TRACE',
      'ocpp.unique_id': commandId,
      'qcharge.command.attempt': 1,
    });
    expect(remote.attributes).toMatchObject({ 'rpc.method': 'GetConfiguration', 'qcharge.charge_point_id': 'CP-TRACE', 'qcharge.node_id': ingress.nodeId });
    expect(remote.status.code ?? 0).not.toBe(2);
    expect(exportRequests.every((r) => r.path === '/v1/traces' && r.contentType.includes('application/json'))).toBe(true);
  });

  it('makes a span per charger-initiated call, naming the CALLERROR code when the call is refused', async () => {
    expect(charger).toBeDefined();
    await charger!.call('Heartbeat', {});
    const heartbeat = await waitFor(() => spans.find((s) => s.name === 'OCPP Heartbeat' && s.attributes['qcharge.charge_point_id'] === 'CP-TRACE'), 10_000);
    expect(heartbeat.service).toBe('qcharge-ingress');
    expect(heartbeat.parentSpanId).toBe('');
    expect(heartbeat.attributes).toMatchObject({ 'rpc.method': 'Heartbeat', 'qcharge.tenant_id': tenant.tenantId });
    expect(typeof heartbeat.attributes['ocpp.unique_id']).toBe('string');
    expect(heartbeat.status.code ?? 0).not.toBe(2);

    // Before an accepted BootNotification, anything else is answered with a SecurityError CALLERROR.
    await tenant.chargePoint('CP-REFUSED', { registrationStatus: 'Rejected' });
    const refused = await connect('CP-REFUSED');
    try {
      await expect(refused.call('Heartbeat', {})).rejects.toMatchObject({ rpcErrorCode: 'SecurityError' });
    } finally {
      await refused.close({ force: true });
    }
    const failed = await waitFor(() => spans.find((s) => s.name === 'OCPP Heartbeat' && s.attributes['qcharge.charge_point_id'] === 'CP-REFUSED'), 10_000);
    expect(failed.attributes['ocpp.error_code']).toBe('SecurityError');
    expect(failed.status.code).toBe(2);
  });

  it('loads no OpenTelemetry SDK module when OTEL_EXPORTER_OTLP_ENDPOINT is unset', async () => {
    // A fresh process (jest keeps its own module registry): start a server without the endpoint, list the
    // loaded @opentelemetry packages, then one with it, to show the check can see them.
    const script = `
      const { startTestServer } = require('./test/support/harness');
      const loaded = () => [...new Set(Object.keys(require.cache).map((p) => (p.match(/node_modules\\/(@opentelemetry\\/[^/]+)/) || [])[1]).filter(Boolean))].sort();
      (async () => {
        const env = { ROLES: 'ingress,api', DATABASE_URL: process.env.TRACE_TEST_DATABASE_URL };
        const plain = await startTestServer(env);
        const without = loaded();
        await plain.stop();
        const traced = await startTestServer({ ...env, OTEL_EXPORTER_OTLP_ENDPOINT: process.env.TRACE_TEST_ENDPOINT });
        const withEndpoint = loaded();
        await traced.stop();
        process.stdout.write(JSON.stringify({ without, withEndpoint }));
        process.exit(0);
      })().catch((error) => { console.error(error); process.exit(1); });`;
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', '-e', script],
        {
          cwd: ROOT,
          env: { ...process.env, TRACE_TEST_DATABASE_URL: testDatabaseUrl, TRACE_TEST_ENDPOINT: endpoint, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
          timeout: 60_000,
        },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
      ),
    );
    const { without, withEndpoint } = JSON.parse(output.slice(output.indexOf('{"without"')));
    expect(without).toEqual(['@opentelemetry/api']);
    expect(withEndpoint).toEqual(expect.arrayContaining(['@opentelemetry/api', '@opentelemetry/sdk-trace-base', '@opentelemetry/exporter-trace-otlp-http']));
  }, 90_000);
});
