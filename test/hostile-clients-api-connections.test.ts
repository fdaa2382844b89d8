import net from 'node:net';
import type { RunningServer } from '../src/server';
import { apiTenant } from './support/graphql-client';
import { connectChargePoint, startTestServer } from './support/harness';

/** A small cap, so the test reaches it with a few sockets. */
const CAP = 8;

let server: RunningServer;
const sockets: net.Socket[] = [];

beforeAll(async () => {
  server = await startTestServer({ API_MAX_CONNECTIONS: String(CAP) });
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await server.stop();
});

/** A keep-alive connection to the API port that asks for /healthz: 'held' once answered, 'dropped' if closed unanswered. */
function healthConnection(): Promise<'held' | 'dropped'> {
  return new Promise((resolve) => {
    const socket = net.connect(server.apiPort, '127.0.0.1');
    sockets.push(socket);
    socket.on('error', () => undefined);
    socket.once('connect', () => socket.write('GET /healthz HTTP/1.1\r\nHost: qcharge\r\nConnection: keep-alive\r\n\r\n'));
    socket.once('data', (chunk) => resolve(chunk.toString('latin1').startsWith('HTTP/1.1 200') ? 'held' : 'dropped'));
    socket.once('close', () => resolve('dropped'));
  });
}

describe('an API client holding many idle connections', () => {
  it('is refused past API_MAX_CONNECTIONS, while charge points still connect and the API serves again once one is let go', async () => {
    const tenant = await apiTenant(server);
    await tenant.chargePoint('CP-1');
    // The test's own API client keeps a few pooled connections too: count until the first refusal.
    const outcomes: Array<'held' | 'dropped'> = [];
    while (outcomes.length < CAP + 4 && !outcomes.includes('dropped')) outcomes.push(await healthConnection());
    expect(outcomes.at(-1)).toBe('dropped');
    expect(outcomes.filter((o) => o === 'held').length).toBeLessThanOrEqual(CAP);
    expect(outcomes.filter((o) => o === 'held').length).toBeGreaterThan(0);

    // The OCPP port has its own descriptors: a charge point connects and is answered.
    const cp = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'CP-1' });
    try {
      expect((await cp.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Sim-1' })).status).toBe('Accepted');
    } finally {
      await cp.close({ force: true });
    }

    // One held connection let go: the next one is served.
    const held = sockets.find((s) => !s.destroyed)!;
    held.destroy();
    let next: 'held' | 'dropped' = 'dropped';
    for (let i = 0; i < 20 && next === 'dropped'; i++) {
      next = await healthConnection();
      if (next === 'dropped') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(next).toBe('held');
  });
});
