import net from 'node:net';
import WebSocket from 'ws';
import { clock } from '../src/platform/clock';
import { createLogger } from '../src/platform/logger';
import { registry } from '../src/platform/metrics';
import { startServer, type RunningServer } from '../src/server';
import { connectChargePoint, startTestServer, testConfig } from './support/harness';
import { seedTenant } from './support/seed';

/**
 * Hostile clients at the HTTP upgrade and before it: password guessers, charge-point-id probers, idle and
 * slow sockets, paths no charge point can have. Each case talks to a real server over real sockets.
 */

interface UpgradeAttempt {
  address?: string;
  user?: string;
  password?: string;
}

/** The HTTP status a WebSocket upgrade gets (101 when it opens; the socket is closed at once). */
function upgradeStatus(port: number | undefined, path: string, attempt: UpgradeAttempt = {}): Promise<number> {
  const headers: Record<string, string> = {};
  if (attempt.address) headers['x-forwarded-for'] = attempt.address;
  if (attempt.password !== undefined) headers.authorization = `Basic ${Buffer.from(`${attempt.user}:${attempt.password}`).toString('base64')}`;
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, 'ocpp1.6', { headers });
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('error', () => resolve(-1));
  });
}

async function statuses(count: number, attempt: (i: number) => Promise<number>): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < count; i++) result.push(await attempt(i));
  return result;
}

async function postgresErrorCount(): Promise<number> {
  const metric = await registry.getSingleMetric('qcharge_postgres_errors_total')!.get();
  return metric.values.reduce((sum, sample) => sum + sample.value, 0);
}

/** A raw TCP socket and a promise that settles when the server closes it. */
async function openSocket(port: number | undefined): Promise<{ socket: net.Socket; closed: Promise<string> }> {
  const socket = net.connect(port!, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  await new Promise((resolve) => socket.once('connect', resolve));
  return { socket, closed };
}

/** Sends request headers one line every 300 ms, never finishing them (slowloris). */
async function slowHeaders(port: number | undefined, requestLine: string): Promise<{ closed: Promise<string> }> {
  const { socket, closed } = await openSocket(port);
  socket.write(`${requestLine}\r\nHost: 127.0.0.1\r\n`);
  let n = 0;
  const drip = setInterval(() => socket.writable && socket.write(`X-Slow-${n++}: ${'a'.repeat(10)}\r\n`), 300);
  void closed.then(() => clearInterval(drip));
  return { closed };
}

describe('login limits', () => {
  const lines: string[] = [];
  let server: RunningServer;
  let node2: RunningServer;
  let tenant: Awaited<ReturnType<typeof seedTenant>>;
  const realNow = clock.now;

  beforeAll(async () => {
    // The counters use fixed one-minute windows: start these tests at the top of a minute (moving the
    // clock forward), so no case straddles two windows.
    const offset = 60_000 - (Date.now() % 60_000);
    clock.now = () => new Date(Date.now() + offset);
    const config = testConfig({ TRUST_PROXY: 'true', OCPP_NOT_FOUND_PER_ADDRESS: '10', LOG_LEVEL: 'info' });
    server = await startServer(config, createLogger('info', { write: (line: string) => void lines.push(line) }));
    // A second node of the same deployment: same database, same Redis prefix.
    node2 = await startTestServer({ TRUST_PROXY: 'true', OCPP_NOT_FOUND_PER_ADDRESS: '10', REDIS_PREFIX: config.redisPrefix, ROLES: 'ingress' });
    tenant = await seedTenant(server);
    await tenant.chargePoint('GUESSED', { password: 'the-right-password-1' });
    await tenant.chargePoint('SHARED', { password: 'the-shared-password-1' });
  });

  afterAll(async () => {
    await node2?.stop();
    await server?.stop();
    clock.now = realNow;
  });

  it('locks out the guessing address, not the charge point: the right password from another address connects', async () => {
    const path = `/ocpp/${tenant.slug}/GUESSED`;
    const guesses = await statuses(22, (i) => upgradeStatus(server.ocppPort, path, { address: '10.1.0.1', user: 'GUESSED', password: `wrong-password-${i}` }));
    expect(guesses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(guesses.slice(20)).toEqual([429, 429]);
    // Blocked means blocked: the guesser does not learn that a guess was right.
    expect(await upgradeStatus(server.ocppPort, path, { address: '10.1.0.1', user: 'GUESSED', password: 'the-right-password-1' })).toBe(429);
    expect(await upgradeStatus(server.ocppPort, path, { address: '10.1.0.2', user: 'GUESSED', password: 'the-right-password-1' })).toBe(101);
    // The address is the one the proxy saw (the last entry): what the client writes before it changes nothing.
    expect(await upgradeStatus(server.ocppPort, path, { address: '192.0.2.7, 10.1.0.1', user: 'GUESSED', password: 'the-right-password-1' })).toBe(429);

    const lockouts = lines.map((line) => JSON.parse(line)).filter((entry) => entry.reason === 'failures-per-address-and-charge-point');
    expect(lockouts).toEqual([expect.objectContaining({ level: 40, address: '10.1.0.1', tenantId: tenant.tenantId, tenantSlug: tenant.slug, chargePointId: 'GUESSED' })]);
  });

  it('answers 429 to an address probing unknown charge points past the limit, and only to it', async () => {
    const probes = await statuses(12, (i) => upgradeStatus(server.ocppPort, `/ocpp/${tenant.slug}/NOPE-${i}`, { address: '10.2.0.1' }));
    expect(probes.slice(0, 10)).toEqual(Array(10).fill(404));
    expect(probes.slice(10)).toEqual([429, 429]);
    expect(await upgradeStatus(server.ocppPort, `/ocpp/no-such-tenant/NOPE`, { address: '10.2.0.1' })).toBe(429);
    expect(await upgradeStatus(server.ocppPort, `/ocpp/${tenant.slug}/NOPE-0`, { address: '10.2.0.2' })).toBe(404);
  });

  it('counts an IPv6 client by its /64: fresh addresses of one /64 are one prober, another /64 is not', async () => {
    // Twelve probes, each from another address of 2001:db8:0:1::/64 (as a proxy reports them).
    const probes = await statuses(12, (i) => upgradeStatus(server.ocppPort, `/ocpp/${tenant.slug}/NOPE-V6-${i}`, { address: `2001:db8:0:1:${i + 1}::${i + 7}` }));
    expect(probes.slice(0, 10)).toEqual(Array(10).fill(404));
    expect(probes.slice(10)).toEqual([429, 429]);
    expect(await upgradeStatus(server.ocppPort, `/ocpp/${tenant.slug}/NOPE-V6-0`, { address: '2001:0db8:0000:0001:ffff::1' })).toBe(429);
    expect(await upgradeStatus(server.ocppPort, `/ocpp/${tenant.slug}/NOPE-V6-0`, { address: '2001:db8:0:2::1' })).toBe(404);
  });

  it('shares the counters between the nodes of a cluster', async () => {
    const path = `/ocpp/${tenant.slug}/SHARED`;
    const wrong = (port: number | undefined) => (i: number) => upgradeStatus(port, path, { address: '10.3.0.1', user: 'SHARED', password: `wrong-${i}-password` });
    expect(await statuses(10, wrong(server.ocppPort))).toEqual(Array(10).fill(401));
    expect(await statuses(10, wrong(node2.ocppPort))).toEqual(Array(10).fill(401));
    expect(await upgradeStatus(node2.ocppPort, path, { address: '10.3.0.1', user: 'SHARED', password: 'the-shared-password-1' })).toBe(429);
    expect(await upgradeStatus(server.ocppPort, path, { address: '10.3.0.1', user: 'SHARED', password: 'the-shared-password-1' })).toBe(429);
    expect(await upgradeStatus(node2.ocppPort, path, { address: '10.3.0.2', user: 'SHARED', password: 'the-shared-password-1' })).toBe(101);
    // Probes too: five on each node reach the limit of ten.
    for (const port of [server.ocppPort, node2.ocppPort]) {
      expect(await statuses(5, (i) => upgradeStatus(port, `/ocpp/${tenant.slug}/PROBE-${i}`, { address: '10.3.0.3' }))).toEqual(Array(5).fill(404));
    }
    expect(await upgradeStatus(server.ocppPort, `/ocpp/${tenant.slug}/PROBE-X`, { address: '10.3.0.3' })).toBe(429);
  });

  it.each([
    ['a NUL', 'CP%00'],
    ['an overlong UTF-8 NUL', 'CP%C0%80'],
    ['a bell', 'CP%07'],
    ['a newline', 'CP%0A1'],
    ['a C1 control', 'CP%C2%85'],
    ['bytes that are not UTF-8', 'CP%FF%FE'],
    ['a 49-character id', 'C'.repeat(49)],
  ])('refuses a charge point id with %s with 400, before any query', async (_name, id) => {
    const errorsBefore = await postgresErrorCount();
    const linesBefore = lines.length;
    expect(await upgradeStatus(server.ocppPort, `/ocpp/${tenant.slug}/${id}`, { address: '10.4.0.1' })).toBe(400);
    expect(await upgradeStatus(server.ocppPort, `/ocpp/${tenant.slug}%00/CP-1`, { address: '10.4.0.1' })).toBe(400);
    expect(await upgradeStatus(server.ocppPort, `/ocpp/${'t'.repeat(64)}/CP-1`, { address: '10.4.0.1' })).toBe(400);
    expect(await postgresErrorCount()).toBe(errorsBefore);
    const errors = lines.slice(linesBefore).filter((line) => JSON.parse(line).level >= 50);
    expect(errors).toEqual([]);
  });

  it('lets logins through, with a warning, while Redis is unreachable: the limits fail open', async () => {
    const path = `/ocpp/${tenant.slug}/GUESSED`;
    server.app.redis.disconnect();
    try {
      // 10.1.0.1 is locked out for this minute in Redis, but Redis cannot be asked.
      expect(await upgradeStatus(server.ocppPort, path, { address: '10.1.0.1', user: 'GUESSED', password: 'the-right-password-1' })).toBe(101);
      expect(lines.some((line) => JSON.parse(line).msg?.startsWith('OCPP login limits unavailable'))).toBe(true);
    } finally {
      await server.app.redis.connect();
    }
    expect(await upgradeStatus(server.ocppPort, path, { address: '10.1.0.1', user: 'GUESSED', password: 'the-right-password-1' })).toBe(429);
  });
});

describe('idle, slow and half-open connections', () => {
  let server: RunningServer;
  let tenant: Awaited<ReturnType<typeof seedTenant>>;

  beforeAll(async () => {
    server = await startTestServer({ HTTP_HEADERS_TIMEOUT_MS: '1500', OCPP_HANDSHAKE_TIMEOUT_MS: '2000', OCPP_PENDING_TOTAL: '20' });
    tenant = await seedTenant(server);
    await tenant.chargePoint('STEADY');
    await tenant.chargePoint('LATECOMER');
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('closes sockets that connect and never send a request, on the OCPP and the API port', async () => {
    const idle = await Promise.all([...Array(5)].flatMap(() => [openSocket(server.ocppPort), openSocket(server.apiPort)]));
    await Promise.all(idle.map(({ closed }) => closed));
  }, 15_000);

  it('closes sockets that send their headers too slowly, on the OCPP and the API port', async () => {
    const slow = await Promise.all([
      slowHeaders(server.ocppPort, `GET /ocpp/${tenant.slug}/STEADY HTTP/1.1`),
      slowHeaders(server.apiPort, 'GET /readyz HTTP/1.1'),
      slowHeaders(server.apiPort, 'POST /graphql HTTP/1.1'),
    ]);
    await Promise.all(slow.map(({ closed }) => closed));
  }, 15_000);

  it('refuses pending connections past the cap, while an established charger, /readyz and, later, a new charger still work', async () => {
    const steady = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'STEADY' });
    try {
      const pending = await Promise.all([...Array(20)].map(() => openSocket(server.ocppPort)));
      const extra = await openSocket(server.ocppPort);
      extra.socket.write(`GET /ocpp/${tenant.slug}/LATECOMER HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(await extra.closed).toMatch(/^HTTP\/1\.1 503 /);

      expect(await steady.call('Heartbeat', {})).toEqual({ currentTime: expect.any(String) });
      expect((await fetch(`http://127.0.0.1:${server.apiPort}/readyz`)).status).toBe(200);

      // The idle ones run out of time; the slots are free again.
      await Promise.all(pending.map(({ closed }) => closed));
      const latecomer = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'LATECOMER' });
      await latecomer.close({ force: true });
    } finally {
      await steady.close({ force: true });
    }
  }, 15_000);
});

describe('open-files headroom', () => {
  let server: RunningServer;
  let tenant: Awaited<ReturnType<typeof seedTenant>>;

  beforeAll(async () => {
    // A headroom larger than any limit: the process is always "near" it.
    server = await startTestServer({ OPEN_FILES_HEADROOM: '100000000' });
    tenant = await seedTenant(server);
    await tenant.chargePoint('CROWDED');
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('refuses new OCPP connections and upgrades with 503 near the limit, while the API still answers', async () => {
    expect(await upgradeStatus(server.ocppPort, `/ocpp/${tenant.slug}/CROWDED`)).toBe(503);
    // A socket that would only sit there is not kept either.
    expect(await (await openSocket(server.ocppPort)).closed).toMatch(/^HTTP\/1\.1 503 /);
    expect((await fetch(`http://127.0.0.1:${server.apiPort}/readyz`)).status).toBe(200);
  });
});

describe('a request target the URL parser refuses', () => {
  let server: RunningServer;
  let tenant: Awaited<ReturnType<typeof seedTenant>>;

  beforeAll(async () => {
    server = await startTestServer({ METRICS_PORT: '0' });
    tenant = await seedTenant(server);
    await tenant.chargePoint('AFTERWARDS');
  });

  afterAll(async () => {
    await server?.stop();
  });

  /** Sends one raw request and resolves with everything the server answered before it closed the socket. */
  async function rawRequest(port: number | undefined, request: string): Promise<string> {
    const { socket, closed } = await openSocket(port);
    socket.write(request);
    return closed;
  }

  const plain = (target: string) => `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`;
  const upgrade = (target: string) =>
    `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: ocpp1.6\r\n\r\n`;

  it('is answered 400 on the API, metrics and OCPP ports (requests and upgrades), and the process keeps serving', async () => {
    expect(() => new URL('//[', 'http://localhost')).toThrow();
    expect(await rawRequest(server.apiPort, plain('//['))).toMatch(/^HTTP\/1\.1 400 /);
    expect(await rawRequest(server.apiPort, upgrade('//['))).toMatch(/^HTTP\/1\.1 400 /);
    expect(await rawRequest(server.metricsPort, plain('//['))).toMatch(/^HTTP\/1\.1 400 /);
    expect(await rawRequest(server.ocppPort, upgrade('//['))).toMatch(/^HTTP\/1\.1 400 /);

    expect((await fetch(`http://127.0.0.1:${server.apiPort}/readyz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${server.metricsPort}/metrics`)).status).toBe(200);
    const cp = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'AFTERWARDS' });
    try {
      expect(await cp.call('Heartbeat', {})).toEqual({ currentTime: expect.any(String) });
    } finally {
      await cp.close({ force: true });
    }
  });
});
