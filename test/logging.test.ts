import WebSocket from 'ws';
import type { RPCClient } from './support/rpc-client';
import { createLogger } from '../src/platform/logger';
import { startServer, type RunningServer } from '../src/server';
import { apiTenant } from './support/graphql-client';
import { ADMIN_KEY, connectChargePoint, testConfig } from './support/harness';

const CP_PASSWORD = 'cp-password-never-logged';
const NEW_PASSWORD = 'rotated-password-never-logged';
const ID_TAG = 'TAG-SECRET-7Q';
const PARENT_ID_TAG = 'PARENT-SECRET-7Q';

/** Every JSON line the server logged, in order. */
const lines: string[] = [];
let server: RunningServer;
let tenant: Awaited<ReturnType<typeof apiTenant>>;
let cp: RPCClient;

function entries(): Array<Record<string, any>> {
  return lines.map((line) => JSON.parse(line));
}

beforeAll(async () => {
  const config = testConfig({ LOG_LEVEL: 'debug' });
  server = await startServer(config, createLogger('debug', { write: (line: string) => void lines.push(line) }));
  try {
    await session();
  } finally {
    await cp?.close({ force: true }).catch(() => undefined);
    await server.stop();
  }
});

/** A short session that touches every kind of OCPP and API line, with secrets in play. */
async function session(): Promise<void> {
  tenant = await apiTenant(server);
  await tenant.chargePoint('CP-LOG', CP_PASSWORD);
  await tenant.chargePoint('CP-LOG-RAW');
  await tenant.owner.data(`mutation { upsertIdTag(input: { idTag: "${ID_TAG}", parentIdTag: "${PARENT_ID_TAG}" }) { idTag { idTag } } }`);

  cp = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'CP-LOG', password: CP_PASSWORD });
  cp.handle('ChangeConfiguration', () => ({ status: 'Accepted' }));
  await cp.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Sim-1' });
  await cp.call('Authorize', { idTag: ID_TAG });
  const start = await cp.call('StartTransaction', { connectorId: 1, idTag: ID_TAG, meterStart: 0, timestamp: new Date().toISOString() });
  await cp.call('StopTransaction', { transactionId: start.transactionId, idTag: ID_TAG, meterStop: 10, timestamp: new Date().toISOString() });
  const rotated = await tenant.owner.data(
    `mutation Rotate($password: String) { rotateChargePointPassword(input: { chargePointId: "CP-LOG", password: $password }) { status } }`,
    { password: NEW_PASSWORD },
  );
  expect(rotated.rotateChargePointPassword.status).toBe('Accepted');

  // Protocol problems from a raw socket: an answer to nothing, and an Authorize breaking the schema.
  const raw = new WebSocket(`ws://127.0.0.1:${server.ocppPort}/ocpp/${tenant.slug}/CP-LOG-RAW`, ['ocpp1.6']);
  await new Promise((resolve, reject) => raw.once('open', resolve).once('error', reject));
  const answer = new Promise((resolve) => raw.once('message', resolve));
  raw.send(JSON.stringify([3, 'answer-to-nothing', {}]));
  raw.send(JSON.stringify([2, 'bad-authorize', 'Authorize', { idTag: ID_TAG, unexpected: true }]));
  await answer;
  raw.close();
}

describe('JSON logs of a real server during a short session', () => {
  it('carries tenant and charge point on every OCPP line, and the message id and action on frame lines', () => {
    const ocppLines = entries().filter((e) => e.msg === 'ocpp frame' || e.uniqueId !== undefined || /charge point (dis)?connected/.test(e.msg));
    expect(ocppLines.length).toBeGreaterThan(10);
    for (const entry of ocppLines) {
      expect(entry).toMatchObject({ tenantId: tenant.tenantId, chargePointId: expect.stringMatching(/^CP-LOG/) });
    }
    const frames = ocppLines.filter((e) => e.msg === 'ocpp frame');
    expect(frames.every((e) => e.level === 20 && typeof e.uniqueId === 'string' && typeof e.direction === 'string')).toBe(true);
    const boot = frames.filter((e) => e.action === 'BootNotification');
    expect(boot.map((e) => e.direction).sort()).toEqual(['IN', 'OUT']);
    expect(frames.find((e) => e.action === 'StartTransaction' && e.direction === 'OUT')?.handlingMs).toBeGreaterThan(0);
  });

  it('logs protocol problems as warnings with the message id', () => {
    const warnings = entries().filter((e) => e.level === 40 && e.chargePointId === 'CP-LOG-RAW');
    expect(warnings).toEqual(expect.arrayContaining([expect.objectContaining({ uniqueId: 'answer-to-nothing', tenantId: tenant.tenantId })]));
    const refused = entries().find((e) => e.msg === 'ocpp frame' && e.uniqueId === 'bad-authorize' && e.direction === 'OUT');
    expect(refused).toMatchObject({ chargePointId: 'CP-LOG-RAW', messageTypeId: 4, action: 'Authorize' });
  });

  it('puts request id, tenant and operation name on API lines', () => {
    const operations = entries().filter((e) => e.msg === 'graphql operation');
    expect(operations.length).toBeGreaterThan(3);
    for (const entry of operations) expect(typeof entry.requestId).toBe('string');
    expect(operations.find((e) => e.operationName === 'Rotate')).toMatchObject({ tenantId: tenant.tenantId, operationType: 'mutation' });
  });

  it('never writes passwords, keys or idTags in clear text, even at debug level', () => {
    const text = lines.join('');
    const hex = (value: string) => Buffer.from(value, 'utf8').toString('hex');
    for (const secret of [CP_PASSWORD, NEW_PASSWORD, hex(NEW_PASSWORD), tenant.ownerKey, ADMIN_KEY, ID_TAG, PARENT_ID_TAG]) {
      expect(text).not.toContain(secret);
    }
    // idTags in frame payloads are replaced by a per-process token, the same for the same idTag.
    const tokens = entries()
      .filter((e) => e.msg === 'ocpp frame' && e.direction === 'IN' && (e.action === 'Authorize' || e.action === 'StartTransaction'))
      .map((e) => e.payload.idTag);
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).toMatch(/^idtag:[0-9a-f]{12}$/);
  });
});

describe('request ids', () => {
  it('echoes a caller-given x-request-id and logs it', async () => {
    lines.length = 0;
    const config = testConfig({ LOG_LEVEL: 'debug' });
    const again = await startServer(config, createLogger('debug', { write: (line: string) => void lines.push(line) }));
    try {
      const response = await fetch(`http://127.0.0.1:${again.apiPort}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}`, 'x-request-id': 'trace-abc-123' },
        body: JSON.stringify({ query: 'query Tenants { tenants { edges { node { id } } } }' }),
      });
      expect(response.headers.get('x-request-id')).toBe('trace-abc-123');
      expect(entries().find((e) => e.msg === 'graphql operation')).toMatchObject({ requestId: 'trace-abc-123', operationName: 'Tenants' });
    } finally {
      await again.stop();
    }
  });
});
