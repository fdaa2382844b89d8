import { RPCClient } from './support/rpc-client';
import WebSocket from 'ws';
import { MeterValue } from '../src/modules/transaction/meter-value.entity';
import { ChargingTransaction } from '../src/modules/transaction/transaction.entity';
import { tenantEm } from '../src/platform/db';
import type { RunningServer } from '../src/server';
import { startTestServer } from './support/harness';
import { seedTenant } from './support/seed';
import { startThrowawayPostgres, type ThrowawayPostgres } from './support/throwaway-services';

/**
 * PostgreSQL unavailable for a while. The server runs against a throwaway cluster that the test stops and
 * starts. A call that needs a durable write must not be answered as if it had been stored: the charger gets
 * a CALLERROR or no answer in time, and its retry after the database returns is stored exactly once.
 */
const BOOT = { chargePointVendor: 'QCharge', chargePointModel: 'Fault-PG' };

let pg: ThrowawayPostgres;
let server: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let cp: RPCClient;

const em = () => tenantEm(server.app.orm, tenant.tenantId);

/** What the charger saw for one call: its answer, or the error (CALLERROR or its own timeout). */
async function outcome(action: string, params: object, callTimeoutMs = 3000): Promise<{ answer?: any; error?: string }> {
  try {
    return { answer: await cp.call(action, params, { callTimeoutMs }) };
  } catch (error: any) {
    return { error: error.rpcErrorCode ?? error.name ?? String(error) };
  }
}

function upgradeStatus(identity: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.ocppPort}/ocpp/${tenant.slug}/${identity}`, ['ocpp1.6']);
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('open', () => (socket.close(), resolve(101)));
    socket.on('error', () => undefined);
  });
}

beforeAll(async () => {
  pg = await startThrowawayPostgres();
  server = await startTestServer({ DATABASE_URL: pg.url('qcharge_fault'), ROLES: 'ingress' });
  tenant = await seedTenant(server);
  await tenant.chargePoint('CP-PG');
  await tenant.idTag('PG-TAG');
  await tenant.idTag('PG-TAG-2');
  cp = new RPCClient({
    endpoint: `ws://127.0.0.1:${server.ocppPort}/ocpp/${tenant.slug}`,
    identity: 'CP-PG',
    protocols: ['ocpp1.6'],
    strictMode: true,
    reconnect: false,
    callTimeoutMs: 10000,
  });
  await cp.connect();
  await cp.call('BootNotification', BOOT);
}, 60_000);

afterAll(async () => {
  await cp?.close({ force: true }).catch(() => undefined);
  await server?.stop();
  await pg?.destroy();
});

it('never answers a durable call as stored while PostgreSQL is down; retries land exactly once', async () => {
  const open = await cp.call('StartTransaction', { connectorId: 1, idTag: 'PG-TAG', meterStart: 0, timestamp: new Date().toISOString() });
  expect(open.idTagInfo.status).toBe('Accepted');

  await pg.stop();
  const start = { connectorId: 2, idTag: 'PG-TAG-2', meterStart: 10, timestamp: new Date().toISOString() };
  const meter = { connectorId: 1, transactionId: open.transactionId, meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: '555' }] }] };
  const stop = { transactionId: open.transactionId, meterStop: 900, timestamp: new Date().toISOString(), reason: 'Local' };
  const during = {
    StartTransaction: await outcome('StartTransaction', start),
    MeterValues: await outcome('MeterValues', meter),
    StopTransaction: await outcome('StopTransaction', stop),
  };
  console.log('fault-postgres: answers while PostgreSQL was down:', JSON.stringify(during));
  for (const result of Object.values(during)) {
    expect(result.answer).toBeUndefined();
    expect(result.error).toBeDefined();
  }
  // A Heartbeat stores nothing a charger would resend: it is still answered, with the time.
  const beat = await outcome('Heartbeat', {});
  expect(beat.answer).toHaveProperty('currentTime');
  // A charge point connecting now cannot be authenticated: 503, so it retries later (not 401/404).
  expect(await upgradeStatus('CP-PG')).toBe(503);
  await pg.start();

  // The charger retries each call with the same content, as OCPP asks.
  const retried = await cp.call('StartTransaction', start);
  expect(retried.idTagInfo.status).toBe('Accepted');
  await cp.call('MeterValues', meter);
  await cp.call('StopTransaction', stop);
  // And once more, as a charger that missed the answer again would.
  expect((await cp.call('StartTransaction', start)).transactionId).toBe(retried.transactionId);

  const starts = await em().find(ChargingTransaction, { chargePointId: 'CP-PG', connectorId: 2 });
  expect(starts.map((t) => t.id)).toEqual([retried.transactionId]);
  const stopped = await em().findOneOrFail(ChargingTransaction, { id: open.transactionId });
  expect(stopped.meterStop).toBe(900);
  // MeterValues has no idempotency key in OCPP 1.6: a call answered with an error was not stored, so the
  // retry is the one copy; a call whose answer was lost after storing would be stored twice.
  const values = await em().find(MeterValue, { transactionId: open.transactionId });
  expect(values.filter((v) => v.sampledValue[0].value === '555')).toHaveLength(1);
}, 60_000);
