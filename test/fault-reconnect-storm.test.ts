import WebSocket from 'ws';
import type { RunningServer } from '../src/server';
import { startTestServer } from './support/harness';
import { seedTenant } from './support/seed';

/**
 * After an outage every charger of a site comes back at once. A thousand raw OCPP-J sockets (ws, in this
 * process) connect to a freshly started node at the same moment and boot; every one must be Accepted.
 * The time taken is printed, not asserted.
 */
const CHARGERS = 1000;

let first: RunningServer;
let second: RunningServer | undefined;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
const sockets: WebSocket[] = [];

/** Connects, sends BootNotification and resolves with its CALLRESULT status (or the failure). */
function boot(port: number, identity: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ocpp/${tenant.slug}/${identity}`, ['ocpp1.6']);
    sockets.push(socket);
    socket.on('unexpected-response', (_req, res) => resolve(`HTTP ${res.statusCode}`));
    socket.on('error', (error) => resolve(`error ${error.message}`));
    socket.on('open', () => socket.send(JSON.stringify([2, 'boot-1', 'BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Storm' }])));
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame[0] === 3 && frame[1] === 'boot-1') resolve(frame[2].status);
      else if (frame[0] === 4 && frame[1] === 'boot-1') resolve(`CALLERROR ${frame[2]}`);
    });
  });
}

/** Like a real charger: a connection that fails at the transport level is tried once more after a pause. */
async function bootWithRetry(port: number, identity: string): Promise<string> {
  const first = await boot(port, identity);
  if (!first.startsWith('error ')) return first;
  await new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * 1000));
  return boot(port, identity);
}

async function storm(port: number, ids: string[]): Promise<{ outcomes: Record<string, number>; ms: number }> {
  const started = Date.now();
  const results = await Promise.all(ids.map((id) => bootWithRetry(port, id)));
  const outcomes: Record<string, number> = {};
  for (const result of results) outcomes[result] = (outcomes[result] ?? 0) + 1;
  return { outcomes, ms: Date.now() - started };
}

beforeAll(async () => {
  first = await startTestServer();
  tenant = await seedTenant(first);
  const ids = Array.from({ length: CHARGERS }, (_, i) => `STORM-${String(i).padStart(4, '0')}`);
  for (let i = 0; i < ids.length; i += 50) await Promise.all(ids.slice(i, i + 50).map((id) => tenant.chargePoint(id)));
}, 180_000);

afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await second?.stop();
  await first?.stop();
});

it(`${CHARGERS} chargers reconnecting at once after an outage all boot Accepted`, async () => {
  const ids = Array.from({ length: CHARGERS }, (_, i) => `STORM-${String(i).padStart(4, '0')}`);
  const initial = await storm(first.ocppPort!, ids);
  expect(initial.outcomes).toEqual({ Accepted: CHARGERS });

  // The outage: the node goes away (its sockets are closed), a new node with the same Redis prefix starts.
  await first.stop();
  for (const socket of sockets.splice(0)) socket.terminate();
  second = await startTestServer({ REDIS_PREFIX: first.app.config.redisPrefix });
  const again = await storm(second.ocppPort!, ids);
  console.log(`fault-reconnect-storm: ${CHARGERS} chargers: first connect+boot ${initial.ms} ms, reconnect wave after the outage ${again.ms} ms`);
  expect(again.outcomes).toEqual({ Accepted: CHARGERS });
  // Presence is claimed right after the upgrade, alongside the boot; every charger is routable.
  const deadline = Date.now() + 10_000;
  let present = 0;
  while (Date.now() < deadline) {
    present = (await second.app.cluster.isConnected(tenant.tenantId, ids)).filter(Boolean).length;
    if (present === CHARGERS) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(present).toBe(CHARGERS);
}, 90_000);
